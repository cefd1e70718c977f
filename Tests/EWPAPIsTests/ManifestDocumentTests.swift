import EWPTestTraits
import EWPAPIs
import EWPTestSupport
import EWPXML
import Testing

@Suite("Discovery v6 manifest (the EWP API Validator's setup checks)")
struct ManifestDocumentTests {
    // A real 2048-bit SPKI (the official manifest example's key).
    static let key = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAkQojIPtX+BYGGC2f1zXrU3ijq5oApW6YA+mSiB3p5pEQRUuvIHKbSKRXQaW/5hORYpWU1GzU2Wq99vykjX9b8GQlM+0xbFP0cILIhjz23R0Q53mKcf2xAzQt2b3f56QOnjUaKbXsuB+ejTLAtQ4DyKYSodCzUFkuUZUw+TK7G9ySMbcVHqrG8qDCw3/7CXkN0Wf9HpSnYP5fwd426fayu6RXGeX5vUuX5BJkjsxoL8Smn7TB31LSFn3LbQLzG4UuxGaGgHWZCMSC35dX2d3z4zcpZxgyN8LNWXCf4g95b20Ljsbnvk1dIUTJtRJJ29zbWXcgXgVl69UKQx8NxXIx6wIDAQAB"

    static func host(names: [HostDescription.Institution.Name] = [.init(language: "en", value: "University of Warsaw")]) -> HostDescription {
        HostDescription(adminEmails: ["ewp-admin@uw.edu.pl"], adminProvider: "University of Warsaw (ewp-node)", adminNotes: "Test host",
                        institution: .init(heiID: "uw.edu.pl", otherIDs: [.init(type: "erasmus", value: "PL WARSZAW01")], names: names),
                        clientKeys: [key], serverKeys: [key])
    }

    static func entries(base: String = "https://ewp.uw.edu.pl/hei/uw.edu.pl") -> [XElement] {
        [ManifestDocument.discoveryEntry(manifestURL: base + "/manifest.xml"), EchoAPI.manifestEntry(url: base + "/echo")]
    }

    @Test func validatesAgainstOfficialSchemasWithEveryEntryChecked() async throws {
        let document = ManifestDocument.document(host: Self.host(), apiEntries: Self.entries())
        let outcome = try await OfficialSchemas.validate(document, against: OfficialSchemas.manifestWrapper)
        #expect(outcome.valid, "\(outcome.messages)")
    }

    @Test(.officialSpecs) func httpURLsAreCaughtByTheOfficialSchema() async throws {
        // EWP_PUBLIC_URL=http://... is for development only: the XSD's HTTPS type refuses it.
        let document = ManifestDocument.document(host: Self.host(), apiEntries: Self.entries(base: "http://127.0.0.1:8080/hei/uw.edu.pl"))
        let outcome = try await OfficialSchemas.validate(document, against: OfficialSchemas.manifestWrapper)
        #expect(!outcome.valid)
    }

    @Test func structureAndNamespaces() throws {
        let root = try XMLReader.parse(ManifestDocument.document(host: Self.host(), apiEntries: Self.entries()))
        let mf = EWPNamespace.discoveryManifest
        let host = try #require(root.element("host", namespace: mf))
        #expect(host.children.map(\.name) == ["admin-email", "admin-provider", "admin-notes", "apis-implemented", "institutions-covered", "client-credentials-in-use", "server-credentials-in-use"])
        let apis = try #require(host.element("apis-implemented", namespace: EWPNamespace.registry))
        #expect(apis.children.map(\.namespace) == [EWPNamespace.discoveryEntry, EWPNamespace.echoEntry])
        #expect(apis.children[1].attribute("version") == EchoAPI.version)
        let hei = try #require(host.element("institutions-covered", namespace: mf)?.element("hei", namespace: EWPNamespace.registry))
        #expect(hei.attribute("id") == "uw.edu.pl")
        #expect(hei.element("name", namespace: EWPNamespace.registry)?.attribute("lang", namespace: EWPNamespace.xml) == "en")
        #expect(host.element("client-credentials-in-use", namespace: mf)?.element("rsa-public-key", namespace: mf)?.text == Self.key)
    }
}
