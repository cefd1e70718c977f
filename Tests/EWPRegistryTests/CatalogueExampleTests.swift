import EWPCore
import EWPTestTraits
import Testing
import EWPCrypto
@testable import EWPRegistry

/// The official ewp-specs-api-registry/catalogue-example.xml, every lookup of the README's XPath queries.
@Suite(.officialSpecs) struct CatalogueExampleTests {
    static let echoNS = "https://github.com/erasmus-without-paper/ewp-specs-api-echo/blob/stable-v2/manifest-entry.xsd"
    static let d6NS = "https://github.com/erasmus-without-paper/ewp-specs-api-discovery/blob/stable-v6/manifest-entry.xsd"
    static let d5NS = "https://github.com/erasmus-without-paper/ewp-specs-api-discovery/blob/stable-v5/manifest-entry.xsd"
    static let keyID = FixtureKeys.example.id

    let catalogue: Catalogue

    init() throws {
        catalogue = try Catalogue.parse(try Paths.bytes(Paths.catalogueExample))
    }

    @Test func counts() {
        #expect(catalogue.hostCount == 2)
        #expect(catalogue.heiCount == 1)
        #expect(catalogue.keyCount == 1)
        #expect(catalogue.clientKeyCount == 1)
        #expect(catalogue.serverKeyCount == 1)
        #expect(catalogue.apiEntries.count == 4)
    }

    @Test func hostsAsPublished() {
        let registryHost = catalogue.hosts[0]
        #expect(registryHost.heiIDs.isEmpty)
        #expect(registryHost.clientKeyIDs.isEmpty)       // only TLS certificates, no RSA keys
        #expect(registryHost.adminEmails == ["registry-service-admin@example.com", "registry-service-admin@example.com"])
        let exampleHost = catalogue.hosts[1]
        #expect(exampleHost.heiIDs == ["uw.edu.pl"])
        #expect(exampleHost.clientKeyIDs == [Self.keyID])
        #expect(exampleHost.serverKeyIDs == [Self.keyID])
    }

    /// Question 1: Echo 2.x for uw.edu.pl.
    @Test func echoEndpointForUW() throws {
        let e = try #require(catalogue.endpoint(hei: "uw.edu.pl", apiNamespace: Self.echoNS, apiName: "echo", majorVersion: 2))
        #expect(e.version == "2.0.0")
        #expect(e.urls == ["url": "https://example.com/ewp/echo"])
        #expect(e.limits.isEmpty)
        #expect(e.clientAuthHTTPSig)
        #expect(e.serverAuthHTTPSig)
        #expect(e.hostIndex == 1)
        #expect(catalogue.endpoint(hei: "uw.edu.pl", apiNamespace: Self.echoNS, apiName: "echo", majorVersion: 1) == nil)
        #expect(catalogue.endpoint(hei: "other.edu", apiNamespace: Self.echoNS, apiName: "echo", majorVersion: 2) == nil)
        #expect(catalogue.endpoint(hei: "UW.EDU.PL", apiNamespace: Self.echoNS, apiName: "echo", majorVersion: 2) == e)
    }

    /// Discovery 6 has no http-security: defaults (tlscert) are not httpsig.
    @Test func discoveryEntryDefaults() throws {
        let d = try #require(catalogue.endpoint(hei: "uw.edu.pl", apiNamespace: Self.d6NS, apiName: "discovery", majorVersion: 6))
        #expect(d.urls["url"] == "https://example.com/manifest.xml")
        #expect(!d.clientAuthHTTPSig)
        #expect(!d.serverAuthHTTPSig)
        // The registry's own host covers no HEI, so its entries are not reachable by HEI.
        #expect(catalogue.entries(hei: "uw.edu.pl", apiNamespace: Self.d5NS, apiName: "discovery").isEmpty)
        let registryEntry = catalogue.apiEntries.first { $0.name == "registry" }
        #expect(registryEntry?.urls["catalogue-url"] == "https://registry.erasmuswithoutpaper.eu/catalogue-v1.xml")
    }

    /// Question 3: the binary, its published fingerprint is the real SHA-256 of the DER SPKI.
    @Test func publicKeyAndFingerprint() throws {
        let key = try #require(catalogue.publicKey(keyId: Self.keyID))
        #expect(key.fingerprint == Self.keyID)
        #expect(key.bits == 2048)
        #expect(key.derSPKI.count == 294)
        #expect(catalogue.keyProblem(keyId: Self.keyID) == nil)
        #expect(catalogue.publicKey(keyId: String(repeating: "0", count: 64)) == nil)
    }

    /// Question 4: HEIs of the client key; the key is also a server key of the same host.
    @Test func clientKeyDirectory() throws {
        #expect(catalogue.clientKey(keyId: Self.keyID)?.fingerprint == Self.keyID)
        #expect(catalogue.clientKey(keyId: Self.keyID.uppercased())?.fingerprint == Self.keyID)
        #expect(catalogue.heis(coveredByClientKey: Self.keyID) == ["uw.edu.pl"])
        #expect(catalogue.heis(coveredByClientKey: Self.keyID.uppercased()) == ["uw.edu.pl"])
        #expect(catalogue.isServerKey(keyId: Self.keyID))
        // A TLS certificate fingerprint is not an RSA client key.
        let cert = "19fdd48a85595958035a1a42da8065709a585f78cc01b4df428f68eab39b9dda"
        #expect(catalogue.clientKey(keyId: cert) == nil)
        #expect(catalogue.heis(coveredByClientKey: cert).isEmpty)
    }

    /// Question 5: the server key for the echo URL, relative to the echo entry's host.
    @Test func serverKeyDirectory() throws {
        #expect(catalogue.serverKey(keyId: Self.keyID, forEndpointURL: "https://example.com/ewp/echo")?.fingerprint == Self.keyID)
        #expect(catalogue.serverKey(keyId: Self.keyID, forEndpointURL: "https://example.com/ewp/other") == nil)
        // The registry host's URLs are not served with this key.
        #expect(catalogue.serverKey(keyId: Self.keyID, forEndpointURL: "https://registry.erasmuswithoutpaper.eu/manifest.xml") == nil)
        let echo = try #require(catalogue.endpoint(hei: "uw.edu.pl", apiNamespace: Self.echoNS, apiName: "echo", majorVersion: 2))
        let scoped = catalogue.serverKeys(for: echo)
        #expect(scoped.serverKey(keyId: Self.keyID, forEndpointURL: "https://example.com/ewp/echo") != nil)
        #expect(scoped.serverKey(keyId: Self.keyID, forEndpointURL: "https://registry.erasmuswithoutpaper.eu/catalogue-v1.xml") == nil)
    }

    @Test func institutionNamesAndOtherIDs() throws {
        #expect(catalogue.heiName("uw.edu.pl") == "University of Warsaw")
        #expect(catalogue.heiName("unknown.edu") == nil)
        let uw = try #require(catalogue.institution("uw.edu.pl"))
        #expect(uw.otherIDs.count == 3)
        #expect(catalogue.heiIDs(otherIDType: "pic", value: "999572294") == ["uw.edu.pl"])
        #expect(catalogue.heiIDs(otherIDType: "erasmus", value: "PL WARSZAW01") == ["uw.edu.pl"])
        #expect(catalogue.heiIDs(otherIDType: "euc", value: "45834-EPP-1-2014-1-PL-EPPKA3-ECHE") == ["uw.edu.pl"])
        #expect(catalogue.heiIDs(otherIDType: "pic", value: "1").isEmpty)
    }

    /// The HEI lookups take an HEIID: any spelling of a SCHAC id (case, surrounding whitespace) finds
    /// the same records as the catalogue's own spelling.
    @Test func heiLookupsIgnoreTheSpelling() throws {
        let spellings: [HEIID] = ["UW.EDU.PL", "Uw.Edu.Pl", " uw.edu.pl\n"]
        for hei in spellings {
            #expect(catalogue.heiName(hei) == "University of Warsaw", "\(hei)")
            #expect(catalogue.institution(hei)?.id == "uw.edu.pl", "\(hei)")
            #expect(catalogue.hostIndexes(coveringHEI: hei) == catalogue.hostIndexes(coveringHEI: "uw.edu.pl"), "\(hei)")
            #expect(catalogue.entries(hei: hei, apiNamespace: Self.echoNS, apiName: "echo").count == 1, "\(hei)")
        }
        #expect(catalogue.hostIndexes(coveringHEI: "uw.edu.pl").isEmpty == false)
    }

    /// Keys are decoded lazily: parsing decodes none, a lookup decodes one.
    @Test func keysDecodeLazily() throws {
        let fresh = try Catalogue.parse(try Paths.bytes(Paths.catalogueExample))
        #expect(fresh.decodedKeyCount == 0)
        _ = fresh.heis(coveredByClientKey: Self.keyID)
        #expect(fresh.decodedKeyCount == 0)
        _ = fresh.clientKey(keyId: Self.keyID)
        #expect(fresh.decodedKeyCount == 1)
    }
}
