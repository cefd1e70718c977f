internal import CLibXML2

/// Turns libxml2's SAX2 callbacks (C strings, pointer ranges) into `XMLEventHandler` calls for one
/// parse on one thread. Names and namespace URIs arrive interned in the parser's dictionary, so
/// their Swift `String`s are cached by address in a small direct-mapped table.
///
/// Not generic: the handler is reached through three closures made once per parse by the inlinable
/// `XMLReader.stream` (specialised in the caller's module), so no generic metadata is looked up per
/// event (an unspecialised generic driver spent about a third of a catalogue parse there).
struct SAXEventDriver {
    let onStart: (String, String, [XAttribute]) -> Void
    let onEnd: (String, String) -> Void
    let onText: (String) -> Void

    private static var slots: Int { 256 }
    private var cacheKeys = [UnsafeRawPointer?](repeating: nil, count: 256)
    private var cacheValues = [String](repeating: "", count: 256)

    init(onStart: @escaping (String, String, [XAttribute]) -> Void, onEnd: @escaping (String, String) -> Void,
         onText: @escaping (String) -> Void) {
        self.onStart = onStart
        self.onEnd = onEnd
        self.onText = onText
    }

    /// Valid only while the parser (and its dictionary) is alive: addresses are the keys.
    /// Namespace URIs come from `xmlns` attribute values, with `&` re-escaped as in every attribute
    /// value (`attributeValue`); names cannot hold `&`, so undoing it here is right for both.
    private mutating func interned(_ p: UnsafePointer<xmlChar>) -> String {
        let raw = UnsafeRawPointer(p)
        let slot = (Int(bitPattern: raw) >> 3) & (Self.slots - 1)
        if cacheKeys[slot] == raw { return cacheValues[slot] }
        let s = Self.withAmpersands(String(cString: p))
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
        let name = interned(localName)
        let namespace = uri.map { interned($0) } ?? ""
        onStart(namespace, name, attrs)
    }

    mutating func end(localName: UnsafePointer<xmlChar>, uri: UnsafePointer<xmlChar>?) {
        let name = interned(localName)
        let namespace = uri.map { interned($0) } ?? ""
        onEnd(namespace, name)
    }

    func characters(_ bytes: UnsafeBufferPointer<xmlChar>) {
        onText(String(decoding: bytes, as: UTF8.self))
    }

    /// Without entity substitution (no `XML_PARSE_NOENT`), libxml2 hands over attribute values
    /// fully decoded except for `&`, which it re-escapes as `&#38;` (for DOM builders that
    /// re-parse the value). Without a DTD nothing else can start with `&`, so undo exactly that.
    private static func attributeValue(_ bytes: UnsafeBufferPointer<xmlChar>) -> String {
        withAmpersands(String(decoding: bytes, as: UTF8.self))
    }

    private static func withAmpersands(_ value: String) -> String {
        value.utf8.contains(UInt8(ascii: "&")) ? value.replacing("&#38;", with: "&") : value
    }
}

