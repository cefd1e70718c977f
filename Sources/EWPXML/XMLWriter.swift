/// The ONE XML writer: UTF-8, exact namespaces, correct escaping (see `XMLEscaping`).
///
/// An element with `verbatim` bytes is written as exactly those bytes.
/// Layout rules: no indentation is added. An element's `text` is written before its children;
/// whitespace-only `text` of an element that has children is dropped (it is indentation read
/// from a pretty-printed document). Attributes keep their order; `xml:` attributes
/// (namespace `http://www.w3.org/XML/1998/namespace`) use the reserved prefix `xml`, never
/// declared. An attribute in another namespace without a prefix in `prefixes` gets a generated
/// prefix (`ns1`, `ns2`, …) declared on its element (attributes cannot use a default namespace).
public enum XMLWriter {
    public static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"

    /// UTF-8 with `<?xml version="1.0" encoding="UTF-8"?>\n`. `prefixes`: namespace URI → prefix, all
    /// declared on the root; the root's own namespace is the default namespace unless it has a prefix.
    /// Element namespaces not in `prefixes` get a default-namespace declaration where they start.
    public static func document(_ root: XElement, prefixes: [String: String] = [:]) -> [UInt8] {
        var writer = Writer(prefixes: prefixes)
        writer.out.reserveCapacity(4096)
        writer.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        writer.write(root, inScopeDefault: "", isRoot: true)
        return writer.out
    }
}

private struct Writer {
    var out: [UInt8] = []
    let prefixes: [String: String]
    /// Root declarations, sorted by prefix so the output is deterministic.
    let rootDeclarations: [(prefix: String, uri: String)]

    init(prefixes: [String: String]) {
        // The xml namespace is never declared; a no-namespace "URI", an empty prefix or a
        // reserved one (xml, xmlns) cannot be declared either: those entries are ignored.
        let p = prefixes.filter { uri, prefix in
            !uri.isEmpty && uri != XMLWriter.xmlNamespace && !prefix.isEmpty
                && !prefix.lowercased().hasPrefix("xml")
        }
        self.prefixes = p
        rootDeclarations = p.map { (prefix: $0.value, uri: $0.key) }.sorted { $0.prefix < $1.prefix }
    }

    mutating func raw(_ s: String) { out.append(contentsOf: s.utf8) }

    mutating func write(_ e: XElement, inScopeDefault: String, isRoot: Bool) {
        if let verbatim = e.verbatim {   // kept bytes declare every namespace they use
            out.append(contentsOf: verbatim)
            return
        }
        var defaultNamespace = inScopeDefault
        var declareDefault = false
        let qname: String
        if e.namespace == XMLWriter.xmlNamespace {
            qname = "xml:" + e.name
        } else if !e.namespace.isEmpty, let p = prefixes[e.namespace] {
            qname = p + ":" + e.name
        } else {
            qname = e.name
            if e.namespace != inScopeDefault { declareDefault = true; defaultNamespace = e.namespace }
        }

        raw("<"); raw(qname)
        if declareDefault { raw(" xmlns=\""); XMLEscaping.appendAttribute(e.namespace, to: &out); raw("\"") }
        if isRoot {
            for d in rootDeclarations {
                raw(" xmlns:"); raw(d.prefix); raw("=\""); XMLEscaping.appendAttribute(d.uri, to: &out); raw("\"")
            }
        }
        var generated: [(prefix: String, uri: String)] = []
        for a in e.attributes {
            raw(" ")
            if a.namespace.isEmpty {
            } else if a.namespace == XMLWriter.xmlNamespace {
                raw("xml:")
            } else if let p = prefixes[a.namespace] {
                raw(p); raw(":")
            } else {
                let p: String
                if let g = generated.first(where: { $0.uri == a.namespace }) {
                    p = g.prefix
                } else {
                    var k = generated.count + 1
                    while prefixes.values.contains("ns\(k)") { k += 1 }
                    p = "ns\(k)"
                    generated.append((p, a.namespace))
                }
                raw(p); raw(":")
            }
            raw(a.name); raw("=\""); XMLEscaping.appendAttribute(a.value, to: &out); raw("\"")
        }
        for g in generated {
            raw(" xmlns:"); raw(g.prefix); raw("=\""); XMLEscaping.appendAttribute(g.uri, to: &out); raw("\"")
        }

        let writesText = !e.text.isEmpty && (e.children.isEmpty || !XMLEscaping.isWhitespace(e.text))
        if !writesText && e.children.isEmpty { raw("/>"); return }
        raw(">")
        if writesText { XMLEscaping.appendText(e.text, to: &out) }
        for c in e.children { write(c, inScopeDefault: defaultNamespace, isRoot: false) }
        raw("</"); raw(qname); raw(">")
    }
}
