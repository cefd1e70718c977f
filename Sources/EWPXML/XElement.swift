/// An attribute of an `XElement`. Namespace declarations (`xmlns`, `xmlns:p`) are never attributes.
public struct XAttribute: Sendable, Hashable {
    public var namespace: String   // "" = no namespace (the usual case for attributes)
    public var name: String        // local name
    public var value: String

    public init(_ name: String, namespace: String = "", value: String) {
        self.namespace = namespace
        self.name = name
        self.value = value
    }
}

/// A namespace-resolved XML element: what `XMLReader` produces and `XMLWriter` consumes.
/// Prefixes are not kept; names are (namespace URI, local name) pairs, compared byte for byte.
public struct XElement: Sendable, Hashable {
    public var namespace: String          // "" = no namespace
    public var name: String               // local name
    public var attributes: [XAttribute]
    public var children: [XElement]       // element children only, in order
    public var text: String               // concatenated direct text/CDATA content
    /// The bytes this element was written as, when kept (`XMLReader.parse(_:keepingBytesAtDepth:)`)
    /// or stored (`init(storedDocument:name:namespace:)`): `XMLWriter` then writes exactly these, so
    /// that an XML signature inside still verifies, or a stored answer is not written again.
    /// Whoever changes an element that has them must set them to nil.
    public var verbatim: [UInt8]? = nil

    public init(_ name: String, namespace: String, attributes: [XAttribute] = [],
                children: [XElement] = [], text: String = "") {
        self.namespace = namespace
        self.name = name
        self.attributes = attributes
        self.children = children
        self.text = text
    }

    /// Value of the attribute with this local name and namespace ("" = unqualified), if present.
    public func attribute(_ name: String, namespace: String = "") -> String? {
        for a in attributes where a.name == name && a.namespace == namespace { return a.value }
        return nil
    }

    /// All element children with this local name and namespace, in document order.
    public func elements(_ name: String, namespace: String) -> [XElement] {
        children.filter { $0.name == name && $0.namespace == namespace }
    }

    /// The first element child with this local name and namespace.
    public func element(_ name: String, namespace: String) -> XElement? {
        children.first { $0.name == name && $0.namespace == namespace }
    }
}

extension XElement {
    /// Gives the elements at `depth` (in document order) the next bytes of `kept` (reversed: popped).
    mutating func attachVerbatim(atDepth depth: Int, from kept: inout [[UInt8]]) {
        if depth == 0 {
            verbatim = kept.popLast()
            return
        }
        for i in children.indices { children[i].attachVerbatim(atDepth: depth - 1, from: &kept) }
    }
}
