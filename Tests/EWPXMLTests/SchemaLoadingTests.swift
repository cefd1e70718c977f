import Foundation
import Testing
import EWPXML

/// XSDSchema / SchemaCache / SchemasLocator behaviour.
@Suite struct SchemaLoadingTests {
    @Test func failedImportIsFatalNotAWarning() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { TestPaths.remove(dir) }
        try TestPaths.write("""
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:main">
              <xs:import namespace="urn:missing" schemaLocation="missing.xsd"/>
              <xs:element name="a" type="xs:string"/>
            </xs:schema>
            """, to: dir + "/main.xsd")
        #expect(throws: XMLProblem.self) { try XSDSchema(contentsOf: dir + "/main.xsd") }
    }

    @Test func networkImportIsNeverFetched() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { TestPaths.remove(dir) }
        try TestPaths.write("""
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:main">
              <xs:import namespace="urn:net" schemaLocation="http://127.0.0.1:9/net.xsd"/>
              <xs:element name="a" type="xs:string"/>
            </xs:schema>
            """, to: dir + "/main.xsd")
        do {
            _ = try XSDSchema(contentsOf: dir + "/main.xsd")
            Issue.record("schema with an unresolvable network import compiled")
        } catch {
            #expect(error.message.contains("net.xsd"))
        }
    }

    @Test func brokenSchemaReportsFileAndLine() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { TestPaths.remove(dir) }
        try TestPaths.write("<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">\n<xs:element name=\"a\" type=\"xs:nope\"/>\n</xs:schema>",
                            to: dir + "/bad.xsd")
        do {
            _ = try XSDSchema(contentsOf: dir + "/bad.xsd")
            Issue.record("broken schema compiled")
        } catch {
            #expect(error.message.contains("bad.xsd"))
            #expect(error.line == 2)
        }
    }

    @Test func missingSchemaFileFails() {
        #expect(throws: XMLProblem.self) { try XSDSchema(contentsOf: "/nonexistent/schema.xsd") }
        #expect(throws: XMLProblem.self) { try ourSchemas.schema("no-such-file.xsd") }
        #expect(throws: XMLProblem.self) { try ourSchemas.schema("../Package.swift") }
    }

    @Test func cacheReturnsOneSharedInstance() throws {
        let a = try ourSchemas.schema("echo-response.xsd")
        let b = try ourSchemas.schema("echo-response.xsd")
        #expect(a === b)
        #expect(ourSchemas.catalogPath == TestPaths.schemas + "/catalog.xml")
    }

    @Test func locatorFindsTheSchemasFolderFromTheBuildTree() throws {
        // EWP_SCHEMAS_DIR is not set in tests; the test binary lives in .build/<triple>/debug.
        if ProcessInfo.processInfo.environment["EWP_SCHEMAS_DIR"] == nil {
            let found = try #require(SchemasLocator.directory())
            #expect(FileManager.default.fileExists(atPath: found + "/manifest-with-entries.xsd"))
        }
    }
}
