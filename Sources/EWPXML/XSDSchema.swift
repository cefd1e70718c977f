internal import CLibXML2

/// A compiled XML Schema, shared across threads. libxml2 documents a compiled `xmlSchema` as
/// read-only during validation; each `validate` call creates its own validation context and
/// document on the calling thread, so concurrent validations never share mutable state.
/// That is why `@unchecked Sendable` is safe here.
public final class XSDSchema: @unchecked Sendable {
    private let schema: UnsafeMutablePointer<xmlSchema>
    public let path: String

    /// Compiles `path`; load warnings are fatal. Imports resolve through `catalogPath` if given
    /// (taking precedence over, and never falling back to, the global catalogs for network URLs),
    /// else through the global catalogs of `XMLSetup.configure`. Never through the network.
    public init(contentsOf path: String, catalogPath: String? = nil) throws(XMLProblem) {
        self.path = path
        schema = try SchemaCompiler.compile(path, catalogPath: catalogPath)
    }

    deinit { xmlSchemaFree(schema) }

    /// Validates a serialized document (parsed with the same hardening as `XMLReader`).
    /// Returns every problem libxml2 reports, with line numbers; `[]` = valid.
    public func validate(_ bytes: [UInt8]) -> [XMLProblem] {
        do {
            let document = try HardenedParser.document(bytes, maxBytes: XMLReader.defaultMaxBytes)
            defer { xmlFreeDoc(document) }
            return try validate(document)
        } catch {
            return [error]
        }
    }

    /// Validates what `XMLWriter` makes of `root` (with these prefixes).
    public func validate(_ root: XElement, prefixes: [String: String] = [:]) -> [XMLProblem] {
        validate(XMLWriter.document(root, prefixes: prefixes))
    }

    private func validate(_ doc: UnsafeMutablePointer<xmlDoc>) throws(XMLProblem) -> [XMLProblem] {
        guard let vctxt = xmlSchemaNewValidCtxt(schema) else {
            return [XMLProblem("libxml2 could not allocate a validation context")]
        }
        defer { xmlSchemaFreeValidCtxt(vctxt) }
        let collector = ErrorCollector()
        xmlSchemaSetValidStructuredErrors(vctxt, collectStructuredError, collector.userData)
        let rc = try collector.capturing { xmlSchemaValidateDoc(vctxt, doc) }
        if rc == 0 { return [] }
        if collector.problems.isEmpty { return [XMLProblem("document is not valid (libxml2 code \(rc))")] }
        return collector.problems
    }
}
