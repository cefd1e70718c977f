internal import CLibXML2

/// Converts a libxml2 tree into `XElement`s with as little per-node work as possible:
/// names and namespace URIs repeat on every element, and libxml2 keeps each of them at one
/// address (names are interned in the parser dictionary; an `xmlNs` is shared by every element
/// in its scope), so their Swift `String`s are cached by address in a small direct-mapped table.
/// Text is copied straight from the `xmlChar *` buffers.
struct TreeBuilder {
    private static let slots = 512
    private var cacheKeys = [UnsafeRawPointer?](repeating: nil, count: TreeBuilder.slots)
    private var cacheValues = [String](repeating: "", count: TreeBuilder.slots)

    /// Valid only while the document is alive and unmodified (addresses are the cache keys).
    private mutating func interned(_ p: UnsafePointer<xmlChar>) -> String {
        let raw = UnsafeRawPointer(p)
        let slot = (Int(bitPattern: raw) >> 3) & (TreeBuilder.slots - 1)
        if cacheKeys[slot] == raw { return cacheValues[slot] }
        let s = String(cString: p)
        cacheKeys[slot] = raw
        cacheValues[slot] = s
        return s
    }

    mutating func element(_ node: xmlNodePtr) -> XElement {
        let n = node.pointee
        let name = interned(n.name)
        let namespace = n.ns.map { interned($0.pointee.href) } ?? ""

        var attributes: [XAttribute] = []
        var attr = n.properties
        while let a = attr {
            let value = Self.text(of: a.pointee.children)
            attributes.append(XAttribute(interned(a.pointee.name),
                                         namespace: a.pointee.ns.map { interned($0.pointee.href) } ?? "",
                                         value: value))
            attr = a.pointee.next
        }

        var children: [XElement] = []
        var text = ""
        var child = n.children
        while let c = child {
            switch c.pointee.type {
            case XML_ELEMENT_NODE:
                children.append(element(c))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = c.pointee.content {
                    if text.isEmpty { text = String(cString: content) } else { text += String(cString: content) }
                }
            default:
                break   // comments, processing instructions
            }
            child = c.pointee.next
        }
        return XElement(name, namespace: namespace, attributes: attributes, children: children, text: text)
    }

    /// Concatenated content of an attribute's children (text nodes; no entities without a DTD).
    private static func text(of first: xmlNodePtr?) -> String {
        guard let first else { return "" }
        if first.pointee.next == nil, let content = first.pointee.content { return String(cString: content) }
        var s = ""
        var node: xmlNodePtr? = first
        while let t = node {
            if let content = t.pointee.content { s += String(cString: content) }
            node = t.pointee.next
        }
        return s
    }
}
