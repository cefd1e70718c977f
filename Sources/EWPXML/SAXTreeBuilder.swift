internal import CLibXML2

/// Builds the `XElement` tree straight from libxml2's SAX2 events: no libxml2 DOM is built and
/// freed, which halves the allocations (and glibc's consolidation work) for big documents such
/// as the Registry catalogue. Names and namespace URIs arrive interned in the parser's
/// dictionary, so their Swift `String`s are cached by address in a small direct-mapped table.
///
/// One instance serves one parse on one thread; libxml2 hands it back to the callbacks through
/// the parser context's `_private` pointer. It is a struct reached through a pointer we
/// allocate (`withBuilder`), not a class: class stored properties pay for Swift's dynamic
/// exclusivity checks on every access, about a tenth of the whole parse.
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
    var sawDoctype = false

    private static let slots = 256
    private var cacheKeys = [UnsafeRawPointer?](repeating: nil, count: SAXTreeBuilder.slots)
    private var cacheValues = [String](repeating: "", count: SAXTreeBuilder.slots)

    init() { stack.reserveCapacity(32) }

    /// Runs `body` with a builder at a stable address (for the C callbacks), then returns it.
    static func withBuilder<T>(_ body: (UnsafeMutablePointer<SAXTreeBuilder>) throws(XMLProblem) -> T) throws(XMLProblem) -> (T, SAXTreeBuilder) {
        let pointer = UnsafeMutablePointer<SAXTreeBuilder>.allocate(capacity: 1)
        pointer.initialize(to: SAXTreeBuilder())
        defer { pointer.deallocate() }
        do {
            let result = try body(pointer)
            return (result, pointer.move())
        } catch {
            pointer.deinitialize(count: 1)
            throw error
        }
    }

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

/// The SAX callbacks: global `let`s (C function pointers cannot capture). `ctx` is the parser
/// context (its `userData` is itself), whose `_private` holds the builder.
private func builder(_ ctx: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<SAXTreeBuilder>? {
    guard let ctx, let p = ctx.assumingMemoryBound(to: xmlParserCtxt.self).pointee._private else { return nil }
    return p.assumingMemoryBound(to: SAXTreeBuilder.self)
}

let saxStartElement: startElementNsSAX2Func = { ctx, localName, _, uri, _, _, attributeCount, _, attributes in
    guard let localName else { return }
    builder(ctx)?.pointee.start(localName: localName, uri: uri, attributeCount: Int(attributeCount), attributes: attributes)
}

let saxEndElement: endElementNsSAX2Func = { ctx, _, _, _ in builder(ctx)?.pointee.end() }

let saxCharacters: charactersSAXFunc = { ctx, ch, len in
    guard let ch, len > 0 else { return }
    builder(ctx)?.pointee.characters(UnsafeBufferPointer(start: ch, count: Int(len)))
}

/// Called when `<!DOCTYPE name …` has been read, before any internal-subset declaration:
/// record it and halt the parser.
let saxRefuseDoctype: internalSubsetSAXFunc = { ctx, _, _, _ in
    guard let ctx else { return }
    builder(ctx)?.pointee.sawDoctype = true
    xmlStopParser(ctx.assumingMemoryBound(to: xmlParserCtxt.self))
}
