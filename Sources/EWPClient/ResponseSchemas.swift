import EWPXML
import Foundation

/// The schema a partner's answer must be valid against, found by the answer's root element.
///
/// Every `*-response.xsd` in the schema directory says which root elements it defines (its
/// `targetNamespace` and its top-level `xs:element`s), so an API's response schema is used by
/// being there. An answer whose root none of them defines is not checked here: the reader that
/// expects a particular answer then finds nothing it knows in it.
public struct ResponseSchemas: Sendable {
    struct Root: Hashable, Sendable {
        let namespace: String
        let name: String
    }

    private let cache: SchemaCache
    private let files: [Root: String]

    /// Reads the declarations of every `*-response.xsd` in `cache`'s directory (a few kB each;
    /// compiled only when an answer first needs one).
    public init(cache: SchemaCache) throws(XMLProblem) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: cache.directory).filter { $0.hasSuffix("-response.xsd") }.sorted()
        } catch {
            throw XMLProblem("cannot list the schema directory \(cache.directory): \(error)")
        }
        var files: [Root: String] = [:]
        for name in names {
            guard let bytes = FileManager.default.contents(atPath: cache.directory + "/" + name) else {
                throw XMLProblem("cannot read the schema \(name) in \(cache.directory)")
            }
            for root in try Self.roots(declaredIn: [UInt8](bytes)) where files[root] == nil {
                files[root] = name
            }
        }
        self.cache = cache
        self.files = files
    }

    static let xsdNamespace = "http://www.w3.org/2001/XMLSchema"

    /// The top-level elements a schema document defines.
    static func roots(declaredIn xsd: [UInt8]) throws(XMLProblem) -> [Root] {
        let schema = try XMLReader.parse(xsd)
        let target = schema.attribute("targetNamespace") ?? ""
        return schema.elements("element", namespace: xsdNamespace).compactMap { element in
            element.attribute("name").map { Root(namespace: target, name: $0) }
        }
    }

    /// The file name of the schema defining `root`, if one does.
    public func fileName(forRootNamespace namespace: String, name: String) -> String? {
        files[Root(namespace: namespace, name: name)]
    }

    /// What is wrong with `body`, whose parsed root is `root`, against the schema defining that
    /// root: empty when it is valid or no schema defines the root. Run off the cooperative pool
    /// for large answers (`XMLParseThreads`).
    public func problems(in body: [UInt8], root: XElement) async throws(XMLProblem) -> (schema: String, problems: [XMLProblem])? {
        guard let file = fileName(forRootNamespace: root.namespace, name: root.name) else { return nil }
        let schema = try cache.schema(file)
        let problems = await XMLParseThreads.run(size: body.count) { schema.validate(body) }
        return (file, problems)
    }
}
