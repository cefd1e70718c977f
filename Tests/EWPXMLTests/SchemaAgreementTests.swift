import EWPTestTraits
import Foundation
import Testing
import EWPXML
import EWPTestSupport

/// The official XSDs in ../shared/ewp-specs, resolved through the specs' own catalog, compiled once.
/// ToR v3 and ELMO v2 exist only in `_supplemental`: the manifest entry and index
/// response of a newer commit, the Registry Service's get response and ELMO v2.1.1 with relative
/// imports into the Registry Service's tree. A catalog of our own maps their official URLs to those
/// files, with the relative imports re-pointed to the official URLs in copies, and then defers to
/// the specs' catalog.
enum Official {
    static let raw = "https://raw.githubusercontent.com/erasmus-without-paper/"
    static let registryService = "_supplemental/registry-service/schemas/"
    static let elmo2 = "https://raw.githubusercontent.com/emrex-eu/elmo-schemas/v2.1.1/"
    /// Relative schemaLocations of the Registry Service copies → the official URLs.
    static let relocations = OfficialToRs.relocations
    static let relocated = ["ewp-specs-api-imobility-tors-v3.0.0/endpoints/get-response.xsd", "elmo-schemas-v2.1.1/schema.xsd",
                            "ewp-specs-api-imobility-tor-cnr-v2.0.0/manifest-entry.xsd", "ewp-specs-api-imobility-tor-cnr-v2.0.0/response.xsd"]

    /// (temporary directory with the relocated copies under their registry-service paths, catalog path)
    static let setup: Result<(directory: String, catalog: String), any Error> = Result {
        let dir = try TestPaths.temporaryDirectory()
        for file in relocated {
            var text = String(decoding: try TestPaths.bytes(TestPaths.specs + "/" + registryService + file), as: UTF8.self)
            for (from, to) in relocations { text = text.replacingOccurrences(of: "schemaLocation=\"\(from)\"", with: "schemaLocation=\"\(to)\"") }
            let path = dir + "/" + file
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try TestPaths.write(text, to: path)
        }
        let newer = TestPaths.specs + "/_supplemental/newer-commits/ewp-specs-api-imobility-tors@b16161c4/"
        let tors3 = raw + "ewp-specs-api-imobility-tors/stable-v3/"
        let map = [
            (tors3 + "manifest-entry.xsd", newer + "manifest-entry.xsd"),
            (tors3 + "endpoints/index-response.xsd", newer + "endpoints/index-response.xsd"),
            (tors3 + "endpoints/get-response.xsd", dir + "/" + relocated[0]),
            (elmo2 + "schema.xsd", dir + "/" + relocated[1]),
            (raw + "ewp-specs-api-imobility-tor-cnr/stable-v2/manifest-entry.xsd", dir + "/" + relocated[2]),
            (raw + "ewp-specs-api-imobility-tor-cnr/stable-v2/response.xsd", dir + "/" + relocated[3]),
        ]
        var catalog = "<catalog xmlns=\"urn:oasis:names:tc:entity:xmlns:xml:catalog\">\n"
        for (url, file) in map {
            let target = URL(fileURLWithPath: file).absoluteString
            catalog += "  <uri name=\"\(url)\" uri=\"\(target)\"/>\n  <system systemId=\"\(url)\" uri=\"\(target)\"/>\n"
        }
        catalog += "  <nextCatalog catalog=\"\(URL(fileURLWithPath: TestPaths.officialCatalog).absoluteString)\"/>\n</catalog>\n"
        try TestPaths.write(catalog, to: dir + "/catalog.xml")
        return (dir, dir + "/catalog.xml")
    }

    static let schemas = Result { SchemaCache(directory: TestPaths.specs, catalogPath: try setup.get().catalog) }
    static let relocatedSchemas = Result { SchemaCache(directory: try setup.get().directory, catalogPath: try setup.get().catalog) }

    /// Our wrapper imports only official URLs: through the official catalog it is the official
    /// manifest + catalogue with every official manifest entry and security method we load.
    static let wrapper = Result { () throws in
        try XSDSchema(contentsOf: TestPaths.schemas + "/" + SchemaFile.manifest, catalogPath: try setup.get().catalog)
    }

    struct NoCounterpart: Error { let file: String }

    /// Where an official file (path under ../shared/ewp-specs) can be compiled: its relocated copy if it has one.
    static func compilablePath(_ official: String) throws -> String {
        let inRegistryService = official.hasPrefix(registryService) ? String(official.dropFirst(registryService.count)) : ""
        return relocated.contains(inRegistryService) ? try setup.get().directory + "/" + inRegistryService : TestPaths.specs + "/" + official
    }

    /// The official schema that our `file` rewrites (SchemaEquivalenceTests.pairs).
    static func counterpart(of file: String) throws -> XSDSchema {
        if file == SchemaFile.manifest { return try wrapper.get() }
        guard let pair = SchemaEquivalenceTests.pairs.first(where: { $0.ours == file }) else { throw NoCounterpart(file: file) }
        if pair.official.hasPrefix(registryService), relocated.contains(String(pair.official.dropFirst(registryService.count))) {
            return try relocatedSchemas.get().schema(String(pair.official.dropFirst(registryService.count)))
        }
        return try schemas.get().schema(pair.official)
    }
}

/// Both directions on real documents: every official example that is a complete document, and
/// every kind of document we write, is valid against our schema AND the official one; and each
/// of their mutations (see `Mutations`) gets the same problems from both.
@Suite(.officialSpecs) struct SchemaAgreementTests {
    struct Sample: Sendable, CustomTestStringConvertible {
        let name: String
        let schema: String                 // ours, in Schemas/
        let document: @Sendable () throws -> [UInt8]
        var testDescription: String { name }
    }

    /// Official examples (path under ../shared/ewp-specs) and the schema of ours for their root.
    static let officialExamples: [(path: String, schema: String)] = [
        ("ewp-specs-api-discovery/manifest-example.xml", SchemaFile.manifest),
        ("ewp-specs-api-registry/catalogue-example.xml", SchemaFile.manifest),
        ("ewp-specs-api-iias/endpoints/get-response-example.xml", "iias-get-response.xsd"),
        ("ewp-specs-api-iias/resources/xsltKit/get-response-v7.xml", "iias-get-response.xsd"),
        ("ewp-specs-api-iias/endpoints/index-response-example.xml", "iias-index-response.xsd"),
        ("ewp-specs-api-iias/endpoints/stats-response-example.xml", "iias-stats-response.xsd"),
        ("ewp-specs-api-iias-approval/response-example.xml", "iias-approval-response.xsd"),
        ("ewp-specs-api-institutions/response-example.xml", "institutions-response.xsd"),
        ("ewp-specs-api-ounits/response-example.xml", "ounits-response.xsd"),
        ("ewp-specs-api-factsheet/response-example.xml", "factsheet-response.xsd"),
        ("ewp-specs-api-omobility-la-cnr/endpoints/stats-response-example.xml", "omobility-la-cnr-stats-response.xsd"),
        ("ewp-specs-api-courses/response-example.xml", "courses-response.xsd"),
        ("ewp-specs-api-omobility-las/examples/get-response-example.xml", "omobility-las-get-response.xsd"),
        ("ewp-specs-api-omobility-las/examples/index-response-example.xml", "omobility-las-index-response.xsd"),
        ("ewp-specs-api-omobility-las/examples/stats-response-example.xml", "omobility-las-stats-response.xsd"),
        ("ewp-specs-api-omobility-las/examples/update-request-examples/approve-proposal-v1.xml", "omobility-las-update-request.xsd"),
        ("ewp-specs-api-omobility-las/examples/update-request-examples/comment-proposal-v1.xml", "omobility-las-update-request.xsd"),
        ("ewp-specs-api-omobility-las/examples/update-response-example.xml", "omobility-las-update-response.xsd"),
        ("ewp-specs-api-imobility-tors/endpoints/get-response-example.xml", "imobility-tors-get-response.xsd"),
        ("ewp-specs-api-imobility-tors/endpoints/index-response-example.xml", "imobility-tors-index-response.xsd"),
        ("elmo-schemas/example.xml", "elmo-v1.xsd"),
        ("_supplemental/newer-commits/ewp-specs-api-imobility-tors@b16161c4/endpoints/index-response-example.xml",
         "imobility-tors-v3-index-response.xsd"),
        ("ewp-specs-api-omobilities/endpoints/get-response-example.xml", "omobilities-get-response.xsd"),
        ("ewp-specs-api-omobilities/endpoints/index-response-example.xml", "omobilities-index-response.xsd"),
        ("ewp-specs-api-imobilities/endpoints/get-response-example.xml", "imobilities-get-response.xsd"),
    ]

    /// XML files in the spec folders of our schemas that are not complete documents for them.
    static let notExamples: [String: String] = [
        "ewp-specs-api-iias/resources/xsltKit/get-response-v6.xml": "an IIAs v6 document (input of the v6 hash transform)",
    ]

    static func isFragment(_ path: String) -> Bool {
        path.hasSuffix(".part.xml")                                  // scenario steps, upstream: not valid documents
            || path.contains("/erasmusapp-dashboard-scenarios-examples/")   // sketches without namespaces or required elements
            || path.contains("/ola-dashboard-example-scenarios/")    // dashboard snippets
    }

    static let samples: [Sample] = officialExamples.map { example in
        Sample(name: example.path, schema: example.schema) { try TestPaths.bytes(TestPaths.specs + "/" + example.path) }
    } + [
        Sample(name: "our manifest", schema: SchemaFile.manifest) { XMLWriter.document(Documents.manifest(), prefixes: Documents.prefixes) },
        Sample(name: "our catalogue", schema: SchemaFile.manifest) { XMLWriter.document(Documents.catalogue(heis: 2), prefixes: Documents.prefixes) },
        Sample(name: "our echo response", schema: "echo-response.xsd") { XMLWriter.document(Documents.echoResponse()) },
        Sample(name: "our error response", schema: "common-types.xsd") { XMLWriter.document(Documents.errorResponse()) },
        Sample(name: "rich iias get response", schema: "iias-get-response.xsd") { XMLWriter.document(RichDocuments.iiasGetResponse()) },
        Sample(name: "rich institutions response", schema: "institutions-response.xsd") { XMLWriter.document(RichDocuments.institutionsResponse()) },
        Sample(name: "rich ounits response", schema: "ounits-response.xsd") { XMLWriter.document(RichDocuments.ounitsResponse()) },
        Sample(name: "rich factsheet response", schema: "factsheet-response.xsd") { XMLWriter.document(try RichDocuments.factsheetResponse()) },
        Sample(name: "rich courses response", schema: "courses-response.xsd") { XMLWriter.document(try RichDocuments.coursesResponse()) },
        Sample(name: "rich omobility-las get response", schema: "omobility-las-get-response.xsd") {
            XMLWriter.document(RichDocuments.omobilityLAsGetResponse())
        },
        Sample(name: "rich elmo", schema: "elmo-v1.xsd") { XMLWriter.document(try RichDocuments.elmo()) },
        Sample(name: "imobility-tors v3 get response (ELMO v2)", schema: "imobility-tors-v3-get-response.xsd") {
            XMLWriter.document(try RichDocuments.torsV3GetResponse())
        },
    ] + CNR.allCases.map { api in
        Sample(name: "our \(api.rawValue) response", schema: "\(api.rawValue)-response.xsd") { XMLWriter.document(Documents.cnrResponse(api)) }
    }

    /// Every example file in the spec folder of a schema we have is checked here (or excused).
    @Test func everyCompleteExampleInOurSpecFoldersIsASample() throws {
        let folders = Set(SchemaEquivalenceTests.pairs.map { String($0.official.split(separator: "/")[0]) })
        var found: [String] = []
        for folder in folders where folder != "_supplemental" {
            let files = FileManager.default.enumerator(atPath: TestPaths.specs + "/" + folder)?.compactMap { $0 as? String } ?? []
            found += files.filter { $0.hasSuffix(".xml") }.map { folder + "/" + $0 }
        }
        let listed = Set(Self.officialExamples.map(\.path))
        for path in found.sorted() where !Self.isFragment(path) && Self.notExamples[path] == nil {
            #expect(listed.contains(path), "\(path) is not checked")
        }
        for path in listed {
            #expect(FileManager.default.fileExists(atPath: TestPaths.specs + "/" + path), "\(path) does not exist")
        }
    }

    @Test(arguments: samples)
    func validAgainstOursAndTheOfficialSchema(_ sample: Sample) throws {
        let document = try sample.document()
        #expect(try ourSchemas.schema(sample.schema).validate(document) == [])
        #expect(try Official.counterpart(of: sample.schema).validate(document) == [])
    }

    @Test(arguments: samples)
    func everyMutationGetsTheSameProblemsFromBoth(_ sample: Sample) throws {
        let ours = try ourSchemas.schema(sample.schema)
        let official = try Official.counterpart(of: sample.schema)
        let root = try XMLReader.parse(try sample.document())
        // The mutations start from the rewritten document, which must still be valid.
        #expect(ours.validate(XMLWriter.document(root)) == [])
        let mutations = Mutations.of(root)
        var rejected = 0
        var disagreements: [String] = []
        for mutation in mutations {
            let document = XMLWriter.document(mutation.root)
            let a = ours.validate(document).map(\.description)
            let b = official.validate(document).map(\.description)
            if a != b { disagreements.append("\(mutation.label): ours \(a), official \(b)") }
            if !a.isEmpty { rejected += 1 }
        }
        #expect(disagreements.isEmpty, "\(disagreements.count) of \(mutations.count) disagree: \(disagreements.prefix(5))")
        #expect(rejected > 0, "none of \(mutations.count) mutations rejected")
    }
}
