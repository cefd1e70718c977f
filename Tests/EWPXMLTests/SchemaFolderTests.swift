import EWPTestTraits
import Foundation
import Testing
import EWPXML

/// Schemas/ stays complete (Schemas/README.md rules): each schema has its catalog lines, a README
/// row and an official counterpart it is compared with; the wrapper loads every manifest entry
/// and security method.
@Suite struct SchemaFolderTests {
    static let xs = "http://www.w3.org/2001/XMLSchema"

    static func schemaFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: TestPaths.schemas).filter { $0.hasSuffix(".xsd") }.sorted()
    }

    static func targetNamespace(_ file: String) throws -> String? {
        try XMLReader.parse(try TestPaths.bytes(TestPaths.schemas + "/" + file)).attribute("targetNamespace")
    }

    @Test func everySchemaHasItsNamespaceAndLocationInTheCatalog() throws {
        let catalog = try XMLReader.parse(try TestPaths.bytes(TestPaths.schemas + "/catalog.xml")).children
        for file in try Self.schemaFiles() where file != SchemaFile.manifest {
            let namespace = try #require(try Self.targetNamespace(file), "\(file)")
            #expect(catalog.contains { $0.name == "uri" && $0.attribute("name") == namespace && $0.attribute("uri") == file }, "\(file)")
            let locations = catalog.filter { $0.name == "system" && $0.attribute("uri") == file }.compactMap { $0.attribute("systemId") }
            #expect(!locations.isEmpty, "\(file)")
            for location in locations {
                #expect(catalog.contains { $0.name == "uri" && $0.attribute("name") == location && $0.attribute("uri") == file }, "\(file)")
            }
            // One file per namespace: no other file claims it.
            #expect(!catalog.contains { $0.attribute("name") == namespace && $0.attribute("uri") != file }, "\(file)")
        }
    }

    @Test func theWrapperImportsEveryManifestEntryAndSecurityMethod() throws {
        let wrapper = try XMLReader.parse(try TestPaths.bytes(TestPaths.schemas + "/" + SchemaFile.manifest))
        let imported = Set(wrapper.elements("import", namespace: Self.xs).compactMap { $0.attribute("namespace") })
        let entries = try Self.schemaFiles().filter { $0.hasSuffix("-manifest-entry.xsd") || $0.hasPrefix("sec-") && $0 != "sec-intro.xsd" }
        #expect(entries.count >= 14)
        for file in entries {
            #expect(imported.contains(try #require(try Self.targetNamespace(file))), "\(file)")
        }
    }

    @Test func theREADMETableHasARowPerSchema() throws {
        let readme = String(decoding: try TestPaths.bytes(TestPaths.schemas + "/README.md"), as: UTF8.self)
        let rows = readme.split(separator: "\n").filter { $0.hasPrefix("| `") }
        for file in try Self.schemaFiles() where !file.hasPrefix("sec-") || file == "sec-intro.xsd" {
            #expect(rows.contains { $0.hasPrefix("| `\(file)` |") }, "\(file)")
        }
    }

    @Test func everySchemaFileNameIsAFileThatCompiles() throws {
        #expect(Set(SchemaFile.all).count == SchemaFile.all.count)
        for file in SchemaFile.all {
            #expect(throws: Never.self, "\(file)") { _ = try ourSchemas.schema(file) }
        }
    }

    @Test(.officialSpecs) func everySchemaIsComparedWithItsOfficialFile() throws {
        let compared = Set(SchemaEquivalenceTests.pairs.map(\.ours))
        #expect(Set(try Self.schemaFiles()).subtracting(compared) == [SchemaFile.manifest])
        for pair in SchemaEquivalenceTests.pairs {
            #expect(FileManager.default.fileExists(atPath: TestPaths.specs + "/" + pair.official), "\(pair.official)")
        }
    }
}
