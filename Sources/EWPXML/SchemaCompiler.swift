internal import CLibXML2
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Compiles XSD files. Compilations are serialised by one lock: they are rare (start-up, first
/// use), libxml2's schema parser touches process-wide state (catalogs, the entity loader), and
/// the lock also guards the explicit catalogs loaded so far (never freed; they are tiny and few).
enum SchemaCompiler {
    private static let state = Mutex<[String: OpaquePointer]>([:])

    /// Runs `body` while no schema compiles (for changes to libxml2's global catalog list).
    static func withCatalogLock<T>(_ body: () -> T) -> T {
        state.withLock { _ in body() }
    }

    /// Every warning is fatal: libxml2 reports a failed `xs:import` only as a warning ("Skipping
    /// the import") and would otherwise compile a schema that silently lacks a namespace.
    static func compile(_ path: String, catalogPath: String?) throws(XMLProblem) -> UnsafeMutablePointer<xmlSchema> {
        XMLSetup.ensureInitialized()
        let result: Result<UnsafeMutablePointer<xmlSchema>, XMLProblem> = state.withLock { catalogs in
            var catalog: OpaquePointer? = nil
            if let catalogPath {
                let absolute = absolutePath(catalogPath)
                if let loaded = catalogs[absolute] {
                    catalog = loaded
                } else if access(absolute, R_OK) == 0, let loaded = xmlLoadACatalog(absolute) {
                    catalogs[absolute] = loaded
                    catalog = loaded
                } else {
                    return .failure(XMLProblem("cannot load XML catalog \(catalogPath)"))
                }
            }
            return compileLocked(absolutePath(path), catalog: catalog)
        }
        return try result.get()
    }

    private static func compileLocked(_ path: String, catalog: OpaquePointer?) -> Result<UnsafeMutablePointer<xmlSchema>, XMLProblem> {
        guard access(path, R_OK) == 0 else { return .failure(XMLProblem("cannot read schema \(path)")) }
        let collector = ErrorCollector(includeFile: true)
        let schema: UnsafeMutablePointer<xmlSchema>?
        do {
            schema = try EntityLoader.withThreadCatalog(catalog) { () throws(XMLProblem) in
                try collector.capturing { () throws(XMLProblem) -> UnsafeMutablePointer<xmlSchema>? in
                    guard let pctxt = xmlSchemaNewParserCtxt(path) else { return nil }
                    defer { xmlSchemaFreeParserCtxt(pctxt) }
                    xmlSchemaSetParserStructuredErrors(pctxt, collectStructuredError, collector.userData)
                    return xmlSchemaParse(pctxt)
                }
            }
        } catch {
            return .failure(error)
        }
        if let schema, collector.problems.isEmpty { return .success(schema) }
        if let schema { xmlSchemaFree(schema) }
        let summary = collector.problems.map(\.description).joined(separator: "; ")
        return .failure(XMLProblem("schema \(path) did not compile cleanly: \(summary.isEmpty ? "unknown error" : summary)",
                                   line: collector.first?.line))
    }

    static func absolutePath(_ path: String) -> String {
        guard !path.hasPrefix("/") else { return path }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return path }
        let cwd = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return cwd + "/" + path
    }
}
