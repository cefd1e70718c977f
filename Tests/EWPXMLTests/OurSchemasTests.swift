import EWPTestTraits
import Foundation
import Testing
import EWPXML

/// Schemas/ (our own XSDs) against the official examples and against broken documents.
@Suite struct OurSchemasTests {
    @Test func everySchemaInTheFolderCompilesWithoutWarnings() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: TestPaths.schemas).filter { $0.hasSuffix(".xsd") }
        #expect(files.count >= 17)
        for file in files {
            #expect(throws: Never.self, "\(file)") { _ = try ourSchemas.schema(file) }
        }
    }

    @Test(.officialSpecs) func officialManifestExampleIsValid() throws {
        let doc = try TestPaths.bytes(TestPaths.specs + "/ewp-specs-api-discovery/manifest-example.xml")
        #expect(try ourSchemas.schema("manifest-with-entries.xsd").validate(doc) == [])
        #expect(try ourSchemas.schema("discovery-manifest.xsd").validate(doc) == [])
    }

    @Test(.officialSpecs) func officialCatalogueExampleIsValid() throws {
        let doc = try TestPaths.bytes(TestPaths.specs + "/ewp-specs-api-registry/catalogue-example.xml")
        #expect(try ourSchemas.schema("manifest-with-entries.xsd").validate(doc) == [])
        #expect(try ourSchemas.schema("registry-catalogue.xsd").validate(doc) == [])
    }

    @Test func specEchoResponseAndErrorResponseAreValid() throws {
        #expect(try ourSchemas.schema("echo-response.xsd").validate(Array(Documents.digestEchoResponse.utf8)) == [])
        #expect(try ourSchemas.schema("common-types.xsd").validate(Array(Documents.digestErrorResponse.utf8)) == [])
    }

    /// The lax-wildcard trap: against manifest.xsd alone an Echo entry without <url> passes;
    /// the wrapper that loads every entry schema catches it.
    @Test(.officialSpecs) func echoEntryWithoutURLFailsOnlyAgainstTheWrapper() throws {
        let original = String(decoding: try TestPaths.bytes(TestPaths.specs + "/ewp-specs-api-discovery/manifest-example.xml"), as: UTF8.self)
        let broken = original.replacingOccurrences(of: "<url>https://example.com/ewp/echo</url>", with: "")
        #expect(broken != original)
        #expect(try ourSchemas.schema("discovery-manifest.xsd").validate(Array(broken.utf8)) == [])
        let problems = try ourSchemas.schema("manifest-with-entries.xsd").validate(Array(broken.utf8))
        #expect(problems.count == 1)
        #expect(problems.first?.message.contains("url") == true)
        #expect(problems.first?.line != nil)
    }

    @Test func brokenSecurityMethodFailsAgainstTheWrapper() throws {
        var manifest = Documents.manifest()
        // tlscert client auth requires @allows-self-signed.
        let tlscert = XElement("tlscert", namespace: "https://github.com/erasmus-without-paper/ewp-specs-sec-cliauth-tlscert/tree/stable-v1")
        manifest.children[0].children[3].children[1].children[1].children[0].children.append(tlscert)
        let problems = try ourSchemas.schema("manifest-with-entries.xsd").validate(manifest, prefixes: Documents.prefixes)
        #expect(problems.count == 1)
        #expect(problems.first?.message.contains("allows-self-signed") == true)
    }

    @Test func invalidDocumentsReportMessagesWithLines() throws {
        let schema = try ourSchemas.schema("common-types.xsd")
        let doc = """
            <error-response xmlns="\(NS.ewp)">
              <developer-message>m</developer-message>
              <user-message xml:lang="not a language">x</user-message>
              <unknown/>
            </error-response>
            """
        let problems = schema.validate(Array(doc.utf8))
        #expect(problems.count == 2)
        #expect(problems.contains { $0.message.contains("lang") && $0.line == 3 })
        #expect(problems.contains { $0.message.contains("unknown") && $0.message.contains("not expected") && $0.line == 4 })
        let missing = schema.validate(Array("<error-response xmlns=\"\(NS.ewp)\">\n<user-message>x</user-message></error-response>".utf8))
        #expect(missing.count == 1)
        #expect(missing.first?.message.contains("developer-message") == true)
        #expect(missing.first?.line == 2)
    }

    @Test func wrongNamespaceAndMalformedInputAreReported() throws {
        let schema = try ourSchemas.schema("echo-response.xsd")
        #expect(!schema.validate(Array("<response><echo>a</echo></response>".utf8)).isEmpty)
        let malformed = schema.validate(Array("<response xmlns=\"\(NS.echo)\">\n<echo>a</response>".utf8))
        #expect(malformed.count == 1)
        #expect(malformed.first?.line == 2)
        #expect(schema.validate(Array("<!DOCTYPE r><r/>".utf8)).first?.message.contains("DOCTYPE") == true)
    }

    @Test func echoManifestEntryRejectsPlainHTTPAndBadVersion() throws {
        let schema = try ourSchemas.schema("manifest-with-entries.xsd")
        var m = Documents.manifest(echoURL: "http://insecure.example.org/echo")
        #expect(schema.validate(m, prefixes: Documents.prefixes).count == 1)
        m = Documents.manifest()
        m.children[0].children[3].children[1].attributes = [XAttribute("version", value: "2.0")]
        #expect(schema.validate(m, prefixes: Documents.prefixes).count == 1)
    }

    @Test func oneSharedSchemaValidatesConcurrently() async throws {
        let schema = try ourSchemas.schema("manifest-with-entries.xsd")
        let good = XMLWriter.document(Documents.manifest(), prefixes: Documents.prefixes)
        let bad = XMLWriter.document(Documents.manifest(echoURL: nil), prefixes: Documents.prefixes)
        let wrong = await withTaskGroup(of: Int.self) { group in
            for task in 0..<16 {
                group.addTask {
                    var wrong = 0
                    for i in 0..<100 {
                        let valid = (i + task) % 2 == 0
                        let problems = schema.validate(valid ? good : bad)
                        if problems.isEmpty != valid { wrong += 1 }
                    }
                    return wrong
                }
            }
            return await group.reduce(0, +)
        }
        #expect(wrong == 0)
    }
}
