internal import CLibXML2

/// Builds the `XElement` tree straight from libxml2's SAX2 events: no libxml2 DOM is built and
/// freed, which halves the allocations (and glibc's consolidation work) for big documents such
/// as the Registry catalogue. Names and namespace URIs arrive interned in the parser's
/// dictionary, so their Swift `String`s are cached by address in a small direct-mapped table.
///
/// One instance serves one parse on one thread, inside the `ParseSession` the SAX callbacks of
/// `HardenedParser` reach through the parser context.
struct SAXTreeBuilder {
    private struct Frame {
        var name: String
        var namespace: String
        var attributes: [XAttribute]
        var children: [XElement] = []
        var text = ""
    }

    private var stack: [Frame] = []
    var root: XElement?

    private static let slots = 256
    private var cacheKeys = [UnsafeRawPointer?](repeating: nil, count: SAXTreeBuilder.slots)
    private var cacheValues = [String](repeating: "", count: SAXTreeBuilder.slots)

    init() { stack.reserveCapacity(32) }

    /// Valid only while the parser (and its dictionary) is alive: addresses are the keys.
    private mutating func interned(_ p: UnsafePointer<xmlChar>) -> String {
        let raw = UnsafeRawPointer(p)
        let slot = (Int(bitPattern: raw) >> 3) & (SAXTreeBuilder.slots - 1)
        if cacheKeys[slot] == raw { return cacheValues[slot] }
        let s = String(cString: p)
        cacheKeys[slot] = raw
        cacheValues[slot] = s
        return s
    }

    mutating func start(localName: UnsafePointer<xmlChar>, uri: UnsafePointer<xmlChar>?,
               attributeCount: Int, attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        var attrs: [XAttribute] = []
        if attributeCount > 0, let attributes {
            attrs.reserveCapacity(attributeCount)
            for i in 0..<attributeCount {
                // Five pointers per attribute: localname, prefix, URI, value start, value end.
                let base = attributes + 5 * i
                guard let name = base[0], let start = base[3], let end = base[4] else { continue }
                let value = Self.attributeValue(UnsafeBufferPointer(start: start, count: end - start))
                attrs.append(XAttribute(interned(name), namespace: base[2].map { interned($0) } ?? "", value: value))
            }
        }
        stack.append(Frame(name: interned(localName), namespace: uri.map { interned($0) } ?? "", attributes: attrs))
    }

    mutating func end() {
        guard let frame = stack.popLast() else { return }
        let element = XElement(frame.name, namespace: frame.namespace, attributes: frame.attributes,
                               children: frame.children, text: frame.text)
        if stack.isEmpty { root = element } else { stack[stack.count - 1].children.append(element) }
    }

    mutating func characters(_ bytes: UnsafeBufferPointer<xmlChar>) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += String(decoding: bytes, as: UTF8.self)
    }

    /// Without entity substitution (no `XML_PARSE_NOENT`), libxml2 hands over attribute values
    /// fully decoded except for `&`, which it re-escapes as `&#38;` (for DOM builders that
    /// re-parse the value). Without a DTD nothing else can start with `&`, so undo exactly that.
    private static func attributeValue(_ bytes: UnsafeBufferPointer<xmlChar>) -> String {
        let value = String(decoding: bytes, as: UTF8.self)
        guard bytes.contains(UInt8(ascii: "&")) else { return value }
        return value.replacing("&#38;", with: "&")
    }
}
