import EWPXML

/// One element being decoded, with its path for error messages.
struct Node {
    let element: XElement
    let path: String

    /// Text of an element of simple type: element children make it invalid.
    func text() throws(LADecodingError) -> String {
        if let child = element.children.first {
            throw LADecodingError(path: path, "must hold text only, not a <\(child.name)> element")
        }
        return element.text
    }

    /// `xs:string` that the schema requires (any text, empty included).
    func string() throws(LADecodingError) -> String { try text() }

    /// A value whose lexical check `parse` does; `what` names the expected type in the message.
    func value<T>(_ what: String, _ parse: (String) -> T?) throws(LADecodingError) -> T {
        let t = try text()
        guard let v = parse(t) else { throw LADecodingError(path: path, "\"\(t)\" is not \(what)") }
        return v
    }

    /// A string restricted by `isValid` (a pattern of the schema, applied to the text as is).
    func restricted(_ what: String, _ isValid: (String) -> Bool) throws(LADecodingError) -> String {
        try value(what) { isValid($0) ? $0 : nil }
    }

    func attribute(_ name: String) -> String? { element.attribute(name) }
}

/// A qualified element name.
struct QName: Hashable {
    let namespace: String
    let name: String
    init(_ name: String, _ namespace: String = LANamespace.getResponse) {
        self.name = name
        self.namespace = namespace
    }
}

/// Reads the element children of one element in schema order (an `xs:sequence`). Children whose
/// name the content model does not know are left aside and reported in `ignored` (clients MUST
/// ignore unknown elements, ewp-specs-architecture › Backward-compatibility rules); known ones must
/// come in order and as often as allowed.
struct ChildReader {
    private let parent: Node
    private var items: [Node] = []
    private var next = 0

    init(_ parent: Node, known: Set<QName>, ignored: inout [String]) throws(LADecodingError) {
        self.parent = parent
        if !LexicalScanner.collapsed(parent.element.text).isEmpty {
            throw LADecodingError(path: parent.path, "must hold elements only, not the text \"\(LexicalScanner.collapsed(parent.element.text))\"")
        }
        var counts: [QName: Int] = [:]
        for c in parent.element.children { counts[QName(c.name, c.namespace), default: 0] += 1 }
        var seen: [QName: Int] = [:]
        for c in parent.element.children {
            let q = QName(c.name, c.namespace)
            seen[q, default: 0] += 1
            let step = counts[q]! > 1 ? "\(c.name)[\(seen[q]!)]" : c.name
            let node = Node(element: c, path: parent.path + "/" + step)
            if known.contains(q) { items.append(node) } else { ignored.append(node.path) }
        }
    }

    private func isNext(_ q: QName) -> Bool {
        next < items.count && items[next].element.name == q.name && items[next].element.namespace == q.namespace
    }

    mutating func optional(_ name: String, _ namespace: String = LANamespace.getResponse) -> Node? {
        guard isNext(QName(name, namespace)) else { return nil }
        next += 1
        return items[next - 1]
    }

    mutating func required(_ name: String, _ namespace: String = LANamespace.getResponse) throws(LADecodingError) -> Node {
        if let n = optional(name, namespace) { return n }
        throw missing([name])
    }

    mutating func many(_ name: String, _ namespace: String = LANamespace.getResponse) -> [Node] {
        var out: [Node] = []
        while let n = optional(name, namespace) { out.append(n) }
        return out
    }

    /// The error for a required element (or one of a choice) that is not next.
    func missing(_ names: [String]) -> LADecodingError {
        let wanted = names.map { "<\($0)>" }.joined(separator: " or ")
        if next < items.count {
            let found = items[next]
            if items[next...].contains(where: { names.contains($0.element.name) }) {
                return LADecodingError(path: found.path, "out of order: \(wanted) must come before <\(found.element.name)>")
            }
            return LADecodingError(path: parent.path, "missing \(wanted) (found <\(found.element.name)> instead)")
        }
        return LADecodingError(path: parent.path, "missing \(wanted)")
    }

    /// Every known child must have been read.
    func finish() throws(LADecodingError) {
        guard next < items.count else { return }
        let extra = items[next]
        let repeated = items[..<next].contains { $0.element.name == extra.element.name && $0.element.namespace == extra.element.namespace }
        throw LADecodingError(path: extra.path, repeated ? "<\(extra.element.name)> may appear only once here"
                                                        : "<\(extra.element.name)> is not allowed here (out of schema order)")
    }
}

/// Builds elements of the get-response for encoding.
enum LAWriter {
    static func element(_ name: String, _ children: [XElement?], attributes: [XAttribute] = [],
                        namespace: String = LANamespace.getResponse) -> XElement {
        XElement(name, namespace: namespace, attributes: attributes, children: children.compactMap { $0 })
    }

    static func leaf(_ name: String, _ text: String?, namespace: String = LANamespace.getResponse) -> XElement? {
        text.map { XElement(name, namespace: namespace, text: $0) }
    }
}
