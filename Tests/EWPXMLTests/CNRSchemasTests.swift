import EWPTestTraits
import Testing
import EWPXML

/// The CNR APIs: their manifest entries (inside our manifest, checked strictly through the
/// wrapper) and their empty responses, against ours and the official schemas.
@Suite(.officialSpecs) struct CNRSchemasTests {
    static func bothSchemas(_ file: String) throws -> [XSDSchema] {
        [try ourSchemas.schema(file), try Official.counterpart(of: file)]
    }

    /// The manifest with one CNR entry changed.
    static func manifest(changing api: CNR, _ change: (inout XElement) -> Void) throws -> [UInt8] {
        var manifest = Documents.manifest()
        let apis = manifest.children[0].children[3]
        let index = try #require(apis.children.firstIndex { $0.namespace == api.entryNamespace })
        change(&manifest.children[0].children[3].children[index])
        return XMLWriter.document(manifest, prefixes: Documents.prefixes)
    }

    @Test(arguments: CNR.allCases)
    func entryWithoutURLIsCaughtOnlyThroughTheWrapper(_ api: CNR) throws {
        let broken = try Self.manifest(changing: api) { $0.children.removeAll { $0.name == "url" } }
        for schema in try Self.bothSchemas(SchemaFile.manifest) {
            let problems = schema.validate(broken)
            #expect(problems.count == 1, "\(schema.path)")
            #expect(problems.first?.message.contains("url") == true)
        }
        #expect(try ourSchemas.schema("discovery-manifest.xsd").validate(broken) == [])
    }

    @Test(arguments: [CNR.omobilityLA, .imobilityToR, .omobility, .imobility])
    func maxOmobilityIDsIsRequiredAndPositive(_ api: CNR) throws {
        let missing = try Self.manifest(changing: api) { $0.children.removeAll { $0.name == "max-omobility-ids" } }
        let zero = try Self.manifest(changing: api) { $0.children[2].text = "0" }
        for schema in try Self.bothSchemas(SchemaFile.manifest) {
            #expect(schema.validate(missing).first?.message.contains("max-omobility-ids") == true)
            #expect(schema.validate(zero).count == 1)
        }
    }

    @Test func onlyTheLAEntryHasAStatsURLWhichMustBeHTTPS() throws {
        func withStatsURL(_ api: CNR, _ url: String) throws -> [UInt8] {
            try Self.manifest(changing: api) { entry in
                entry.children.insert(XElement("stats-url", namespace: api.entryNamespace, text: url), at: 2)
            }
        }
        for schema in try Self.bothSchemas(SchemaFile.manifest) {
            #expect(schema.validate(try withStatsURL(.omobilityLA, "https://ewp.example.org/la-stats")) == [])
            #expect(schema.validate(try withStatsURL(.omobilityLA, "http://ewp.example.org/la-stats")).count == 1)
            #expect(schema.validate(try withStatsURL(.imobilityToR, "https://ewp.example.org/tor-stats")).count == 1)
        }
    }

    @Test(arguments: CNR.allCases)
    func responseIsEmptyAndInItsNamespace(_ api: CNR) throws {
        let file = "\(api.rawValue)-response.xsd"
        var withChild = Documents.cnrResponse(api)
        withChild.children = [XElement("note", namespace: api.responseNamespace)]
        var withText = Documents.cnrResponse(api)
        withText.text = "ok"
        let wrongNamespace = XElement(api.rawValue + "-response", namespace: api.entryNamespace)
        for schema in try Self.bothSchemas(file) {
            #expect(schema.validate(Documents.cnrResponse(api)) == [])
            #expect(schema.validate(withChild).count == 1)
            #expect(schema.validate(withText).count == 1)
            #expect(schema.validate(wrongNamespace).count == 1)
        }
    }
}
