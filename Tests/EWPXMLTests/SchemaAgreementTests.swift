import Foundation
import Testing
import EWPXML

/// The official XSDs in ../shared/ewp-specs, resolved through the specs' own catalog, compiled once.
enum Official {
    static let schemas = SchemaCache(directory: TestPaths.specs, catalogPath: TestPaths.officialCatalog)

    /// Our wrapper imports only official URLs: through the official catalog it is the official
    /// manifest + catalogue with every official manifest entry and security method we load.
    static let wrapper = Result { () throws(XMLProblem) in
        try XSDSchema(contentsOf: TestPaths.schemas + "/" + SchemaFile.manifest, catalogPath: TestPaths.officialCatalog)
    }

    struct NoCounterpart: Error { let file: String }

    /// The official schema that our `file` rewrites (SchemaEquivalenceTests.pairs).
    static func counterpart(of file: String) throws -> XSDSchema {
        if file == SchemaFile.manifest { return try wrapper.get() }
        guard let pair = SchemaEquivalenceTests.pairs.first(where: { $0.ours == file }) else { throw NoCounterpart(file: file) }
        return try schemas.schema(pair.official)
    }
}

/// Both directions on real documents: every official example that is a complete document, and
/// every kind of document we write, is valid against our schema AND the official one; and each
/// of their mutations (see `Mutations`) gets the same problems from both.
@Suite struct SchemaAgreementTests {
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
    ]

    /// XML files in the spec folders of our schemas that are not complete documents for them.
    static let notExamples: [String: String] = [
        "ewp-specs-api-iias/resources/xsltKit/get-response-v6.xml": "an IIAs v6 document (input of the v6 hash transform)",
    ]

    static func isFragment(_ path: String) -> Bool {
        path.hasSuffix(".part.xml")                                  // scenario steps, upstream: not valid documents
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
        #expect(found.count >= listed.count)
        for path in listed { #expect(found.contains(path), "\(path) does not exist") }
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
