import EWPTestTraits
import Foundation
import Testing
import EWPXML

/// An independent check of our verdicts with the xmllint CLI (`--nonet`), in its own process,
/// so its catalog (XML_CATALOG_FILES) cannot interfere with ours.
@Suite(.enabled(if: TestPaths.xmllint != nil, "xmllint (libxml2-utils) is not installed"))
struct XmllintCrossCheckTests {
    func xmllint(schema: String, document: [UInt8], catalog: String? = nil) throws -> Subprocess.Output {
        let dir = try TestPaths.temporaryDirectory()
        defer { TestPaths.remove(dir) }
        let path = dir + "/doc.xml"
        try Data(document).write(to: URL(fileURLWithPath: path))
        var env = ProcessInfo.processInfo.environment
        env["XML_CATALOG_FILES"] = catalog ?? ""
        return try Subprocess.run(TestPaths.xmllint!, ["--nonet", "--noout", "--schema", schema, path], environment: env)
    }

    @Test(.officialSpecs) func ourManifestPassesTheOfficialSchemaInXmllint() throws {
        let doc = XMLWriter.document(Documents.manifest(), prefixes: Documents.prefixes)
        let result = try xmllint(schema: TestPaths.specs + "/ewp-specs-api-discovery/manifest.xsd", document: doc,
                                 catalog: TestPaths.officialCatalog)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("validates"))
    }

    @Test func xmllintAgreesOnTheLaxWildcardTrap() throws {
        let broken = XMLWriter.document(Documents.manifest(echoURL: nil), prefixes: Documents.prefixes)
        let wrapper = TestPaths.schemas + "/manifest-with-entries.xsd"
        let ours = TestPaths.schemas + "/catalog.xml"
        let cli = try xmllint(schema: wrapper, document: broken, catalog: ours)
        #expect(cli.status != 0)
        #expect(cli.stderr.contains("Missing child element"))
        #expect(try ourSchemas.schema("manifest-with-entries.xsd").validate(broken).count == 1)
        let good = try xmllint(schema: wrapper, document: XMLWriter.document(Documents.manifest(), prefixes: Documents.prefixes),
                               catalog: ours)
        #expect(good.status == 0, "\(good.stderr)")
    }

    @Test(.officialSpecs) func xmllintAcceptsOurErrorAndEchoResponses() throws {
        let error = try xmllint(schema: TestPaths.specs + "/ewp-specs-architecture/common-types.xsd",
                                document: XMLWriter.document(Documents.errorResponse()), catalog: TestPaths.officialCatalog)
        #expect(error.status == 0, "\(error.stderr)")
        let echo = try xmllint(schema: TestPaths.schemas + "/echo-response.xsd", document: XMLWriter.document(Documents.echoResponse()),
                               catalog: TestPaths.schemas + "/catalog.xml")
        #expect(echo.status == 0, "\(echo.stderr)")
    }
}
