import EWPTestTraits
import EWPTestSupport
import Foundation
import Testing
import EWPXML

/// Schemas/catalog.xml, and how catalogs are chosen (explicit per schema beats global).
/// Serialized: one test here adds a catalog to libxml2's process-wide list.
@Suite(.serialized) struct CatalogTests {
    static let ourCatalog = TestPaths.schemas + "/catalog.xml"

    /// Every schemaLocation the official XSDs of our documents import resolves, through OUR
    /// catalog, to a file of ours: the official XSDs compile against our files.
    @Test(.officialSpecs, arguments: SchemaEquivalenceTests.pairs.map(\.official))
    func officialSchemaCompilesAgainstOurFiles(_ file: String) throws {
        let schema = try XSDSchema(contentsOf: try Official.compilablePath(file), catalogPath: Self.ourCatalog)
        if file == "ewp-specs-api-discovery/manifest.xsd" {
            let example = try TestPaths.bytes(TestPaths.specs + "/ewp-specs-api-discovery/manifest-example.xml")
            #expect(schema.validate(example) == [])
        }
    }

    /// Every entry of catalog.xml points at an existing file of ours.
    @Test func everyCatalogTargetExists() throws {
        let catalog = try XMLReader.parse(try TestPaths.bytes(Self.ourCatalog))
        let targets = catalog.children.compactMap { $0.attribute("uri") }
        #expect(targets.count >= 40)
        for target in Set(targets) {
            #expect(FileManager.default.fileExists(atPath: TestPaths.schemas + "/" + target), "\(target)")
        }
    }

    /// A catalog given to XSDSchema wins over the global list, whatever was loaded globally.
    @Test func explicitCatalogTakesPrecedenceOverGlobal() throws {
        // Not removed afterwards: libxml2 reads a global catalog lazily, at later look-ups.
        let dir = try TestPaths.temporaryDirectory()
        let url = "https://schemas.example.invalid/precedence/value.xsd"
        func valueSchema(_ type: String) -> String {
            """
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:value" elementFormDefault="qualified">
              <xs:element name="v" type="\(type)"/>
            </xs:schema>
            """
        }
        func catalog(_ target: String) -> String {
            """
            <catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">
              <uri name="\(url)" uri="\(target)"/>
              <system systemId="\(url)" uri="\(target)"/>
            </catalog>
            """
        }
        try TestPaths.write(valueSchema("xs:int"), to: dir + "/int.xsd")
        try TestPaths.write(valueSchema("xs:string"), to: dir + "/string.xsd")
        try TestPaths.write(catalog("int.xsd"), to: dir + "/global.xml")
        try TestPaths.write(catalog("string.xsd"), to: dir + "/explicit.xml")
        try TestPaths.write("""
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
              <xs:import namespace="urn:value" schemaLocation="\(url)"/>
            </xs:schema>
            """, to: dir + "/main.xsd")
        let doc = Array("<v xmlns=\"urn:value\">not a number</v>".utf8)

        XMLSetup.configure(catalogPath: dir + "/global.xml")
        let before = XMLSetup.globalCatalogs
        XMLSetup.configure(catalogPath: dir + "/global.xml")     // idempotent
        #expect(before.contains(dir + "/global.xml"))
        #expect(XMLSetup.globalCatalogs == before)
        let viaGlobal = try XSDSchema(contentsOf: dir + "/main.xsd")
        #expect(viaGlobal.validate(doc).count == 1)           // xs:int from the global catalog
        let viaExplicit = try XSDSchema(contentsOf: dir + "/main.xsd", catalogPath: dir + "/explicit.xml")
        #expect(viaExplicit.validate(doc) == [])              // xs:string from the explicit one
    }

    /// Through xmlcatalog (libxml2-utils), outside this process: the official URLs map to our files.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/xmlcatalog")))
    func xmlcatalogResolvesOfficialURLsToOurFiles() throws {
        let url = "https://raw.githubusercontent.com/erasmus-without-paper/ewp-specs-api-echo/stable-v2/manifest-entry.xsd"
        let output = try Subprocess.run("/usr/bin/xmlcatalog", [Self.ourCatalog, url])
        #expect(output.status == 0)
        #expect(output.stdout.contains("Schemas/echo-manifest-entry.xsd"))
    }
}

/// A blocking subprocess run for tests (xmllint, xmlcatalog).
enum Subprocess {
    struct Output { let status: Int32; let stdout: String; let stderr: String }

    static func run(_ path: String, _ arguments: [String], environment: [String: String]? = nil) throws -> Output {
        let completed = try ChildProcess.complete(path, arguments, environment: environment)
        return Output(status: completed.status, stdout: completed.outputText, stderr: completed.errorText)
    }
}
