import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Compiled schemas of one directory, by file name, compiled on first use and then shared by
/// every request. If the directory holds a `catalog.xml`, imports resolve through it
/// explicitly (see `XSDSchema.init(contentsOf:catalogPath:)`).
public final class SchemaCache: Sendable {
    public let directory: String
    public let catalogPath: String?
    private let schemas = Mutex<[String: XSDSchema]>([:])

    public convenience init(directory: String) {
        let candidate = directory + "/catalog.xml"
        self.init(directory: directory, catalogPath: access(candidate, R_OK) == 0 ? candidate : nil)
    }

    public init(directory: String, catalogPath: String?) {
        self.directory = directory
        self.catalogPath = catalogPath
    }

    /// `fileName` is relative to `directory` (sub-folders allowed, `..` is not).
    public func schema(_ fileName: String) throws(XMLProblem) -> XSDSchema {
        guard !fileName.split(separator: "/").contains("..") else {
            throw XMLProblem("schema name \(fileName) leaves the schema directory")
        }
        let result: Result<XSDSchema, XMLProblem> = schemas.withLock { cache in
            if let s = cache[fileName] { return .success(s) }
            let compiled = Result { () throws(XMLProblem) in
                try XSDSchema(contentsOf: directory + "/" + fileName, catalogPath: catalogPath)
            }
            if case .success(let s) = compiled { cache[fileName] = s }
            return compiled
        }
        return try result.get()
    }
}
