import EWPTestTraits
import EWPAPIs
import EWPStore
import EWPTestSupport
import EWPXML
import Foundation
import Logging
import Testing
@testable import EWPNode
@testable import EWPOperations

/// `ewp-node import` of institutions-response and factsheet-response documents:
/// validated against the schema, only covered HEIs, all or nothing, and then served instead of
/// Manifest/manifest.json.
@Suite("Institution data import")
struct InstitutionDataImportTests {
    final class Fixture: Sendable {
        let directory: String
        let configuration: NodeConfiguration
        let store: any Store
        let importer: InstitutionDataImporter

        init() throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("ewp-inst-import-\(UUID())").path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            configuration = try NodeConfiguration(settings: [
                "EWP_HEIS": "example.edu,uio.no,example-hei.edu", "EWP_ADMIN_EMAIL": "ewp@example.edu",
                "EWP_MANIFEST": RepositoryPaths.root + "/Manifest/manifest.json", "EWP_DATABASE": "sqlite:\(directory)/node.sqlite",
            ])
            store = try SQLiteStore(path: "\(directory)/node.sqlite")
            let ounits = Dictionary(configuration.manifest.institutions.map { ($0.heiID, Set(($0.ounits ?? []).map(\.id))) }, uniquingKeysWith: { a, _ in a })
            importer = InstitutionDataImporter(coveredHEIs: configuration.heiIDs, describedOUnits: ounits, store: store, schemas: try NodeAssembly.setUpXML())
        }

        deinit { try? FileManager.default.removeItem(atPath: directory) }

        var source: InstitutionSource {
            var logger = Logger(label: "test")
            logger.logLevel = .critical
            return InstitutionSource(manifest: configuration.manifest, coveredHEIs: configuration.heiIDs.map(\.value), store: store, catalogue: { nil }, logger: logger)
        }

        func importing(_ text: String) async throws(InstitutionImportError) -> [String] {
            let bytes = Array(text.utf8)
            let root: XElement
            do { root = try XMLReader.parse(bytes) } catch { throw InstitutionImportError("\(error)") }
            return try await importer.importDocument(bytes, root: root, now: Date(timeIntervalSince1970: 1_800_000_000))
        }

        func refusal(_ text: String) async -> String? {
            do {
                _ = try await importing(text)
                return nil
            } catch {
                return error.description
            }
        }
    }

    static let ns = InstitutionNamespace.institutionsResponse

    static func institutions(_ heis: String...) -> String {
        "<institutions-response xmlns=\"\(ns)\">" + heis.joined() + "</institutions-response>"
    }

    static func hei(_ id: String, name: String, ounits: [String] = []) -> String {
        "<hei><hei-id>\(id)</hei-id><name xml:lang=\"en\">\(name)</name>" + ounits.map { "<ounit-id>\($0)</ounit-id>" }.joined() + "</hei>"
    }

    static func official(_ path: String) throws -> String {
        try String(contentsOfFile: RepositoryPaths.spec(path), encoding: .utf8)
    }

    @Test("the official institutions example imports and is then served instead of manifest.json, as imported", .officialSpecs)
    func officialInstitutionsExample() async throws {
        let fixture = try Fixture()
        #expect(try await fixture.source.institution("uio.no")?.element("name", namespace: Self.ns)?.text == "uio.no",
                "before the import: the configured stand-in (the SCHAC id)")
        let lines = try await fixture.importing(try Self.official("ewp-specs-api-institutions/response-example.xml"))
        #expect(lines.first?.contains("Institutions data of uio.no stored") == true, "\(lines)")
        #expect(lines.contains { $0.contains("warning") && $0.contains("\"fsat.no\"") }, "units the OUnits API does not serve: \(lines)")
        let served = try #require(try await fixture.source.institution("uio.no"))
        #expect(served.elements("name", namespace: Self.ns).map(\.text) == ["University of Oslo", "Universitetet i Oslo"])
        #expect(served.elements("ounit-id", namespace: Self.ns).map(\.text) == ["fsat.no", "matnat.uio.no", "hf.uio.no"])
        #expect(served.elements("contact", namespace: InstitutionNamespace.contact).count == 2)
        let document = XMLWriter.document(InstitutionsAPI.response([served]), prefixes: InstitutionNamespace.prefixes)
        let outcome = try await OfficialSchemas.validate(document, against: RepositoryPaths.spec("ewp-specs-api-institutions/response.xsd"))
        #expect(outcome.valid, "\(outcome.messages)")
        // The other covered HEI is untouched: still manifest.json.
        #expect(try await fixture.source.institution("example.edu")?.element("abbreviation", namespace: Self.ns)?.text == "EXU")
    }

    @Test("the official factsheet example imports and is served; before it, only configured factsheets exist", .officialSpecs)
    func officialFactsheetExample() async throws {
        let fixture = try Fixture()
        #expect(try await fixture.source.factsheet("example-hei.edu") == nil)
        #expect(try await fixture.source.factsheet("example.edu") != nil, "manifest.json has one for example.edu")
        let lines = try await fixture.importing(try Self.official("ewp-specs-api-factsheet/response-example.xml"))
        #expect(lines == ["Factsheet data of example-hei.edu stored; it replaces what Manifest/manifest.json says for that API"])
        let served = try #require(try await fixture.source.factsheet("example-hei.edu"))
        let ns = InstitutionNamespace.factsheetResponse
        #expect(served.element("decision-weeks-limit", namespace: ns)?.text == "4")
        #expect(served.elements("additional-requirement", namespace: ns).count == 8)
    }

    @Test("a re-import replaces the HEI's data; several HEIs in one file are stored together")
    func reimport() async throws {
        let fixture = try Fixture()
        _ = try await fixture.importing(Self.institutions(Self.hei("example.edu", name: "First"), Self.hei("uio.no", name: "Oslo")))
        _ = try await fixture.importing(Self.institutions(Self.hei("example.edu", name: "Second", ounits: ["exu-sci"])))
        #expect(try await fixture.source.institution("example.edu")?.element("name", namespace: Self.ns)?.text == "Second")
        #expect(try await fixture.source.institution("uio.no")?.element("name", namespace: Self.ns)?.text == "Oslo")
        #expect(try await fixture.source.institution("unknown.edu") == nil)
    }

    @Test("refused documents say what is wrong and store nothing")
    func refusals() async throws {
        let fixture = try Fixture()
        let cases: [(String, String)] = [
            (Self.institutions(Self.hei("example.edu", name: "Ok"), Self.hei("not-ours.edu", name: "X")),
             "hei #2 (hei-id \"not-ours.edu\"): this node does not cover that HEI"),
            (Self.institutions(Self.hei("example.edu", name: "A"), Self.hei("example.edu", name: "B")), "described twice"),
            (Self.institutions("<hei><hei-id>example.edu</hei-id></hei>"), "not a valid institutions-response"),
            (Self.institutions("<hei><hei-id>example.edu</hei-id><name>X</name><ounit-id>with space</ounit-id></hei>"), "line 1"),
            (Self.institutions(), "holds no hei"),
            ("<factsheet-response xmlns=\"\(InstitutionNamespace.factsheetResponse)\"><factsheet><hei-id>example.edu</hei-id></factsheet></factsheet-response>",
             "not a valid factsheet-response"),
            ("<institutions-response xmlns=\"urn:wrong\"/>", "not a valid institutions-response"),
            ("<ounits-response xmlns=\"\(InstitutionNamespace.ounitsResponse)\"/>", "is not institution data"),
        ]
        for (document, message) in cases {
            let refusal = await fixture.refusal(document)
            #expect(refusal?.contains(message) == true, "\(refusal ?? "accepted"): \(document)")
        }
        #expect(try await fixture.store.ownObjects(kind: InstitutionSource.institutionKind, heiID: "example.edu", ids: ["example.edu"]).isEmpty)
        #expect(try await fixture.source.institution("example.edu")?.element("abbreviation", namespace: Self.ns)?.text == "EXU")
    }
}
