import Foundation
#if canImport(Glibc)
import Glibc
#endif
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

    /// A listener on 127.0.0.1 proves no connection is even attempted (libxml2's nanohttp would
    /// fetch plain http:// imports if the loader let it).
    @Test func networkImportIsNeverFetched() throws {
        let listener = try LocalListener()
        defer { listener.close() }
        let dir = try TestPaths.temporaryDirectory()
        defer { TestPaths.remove(dir) }
        try TestPaths.write("""
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:main">
              <xs:import namespace="urn:net" schemaLocation="http://127.0.0.1:\(listener.port)/net.xsd"/>
              <xs:element name="a" type="xs:string"/>
            </xs:schema>
            """, to: dir + "/main.xsd")
        do {
            _ = try XSDSchema(contentsOf: dir + "/main.xsd")
            Issue.record("schema with an unresolvable network import compiled")
        } catch {
            #expect(error.message.contains("net.xsd"))
        }
        #expect(!listener.hasPendingConnection())
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

/// A TCP listener on 127.0.0.1 (ephemeral port) that never accepts: a connection attempt
/// would sit in its backlog, where `hasPendingConnection` sees it.
final class LocalListener {
    let fd: Int32
    let port: Int

    init() throws {
        let sock = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &addr) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(sock, $0, length) == 0 && listen(sock, 8) == 0 && getsockname(sock, $0, &length) == 0
            }
        }
        guard ok else { Glibc.close(sock); throw XMLProblem("cannot listen on 127.0.0.1") }
        fd = sock
        port = Int(UInt16(bigEndian: addr.sin_port))
    }

    func hasPendingConnection() -> Bool {
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&p, 1, 100) > 0
    }

    func close() { Glibc.close(fd) }
}
