internal import CLibXML2

/// Records, during one parse, where each element at `depth` starts and ends in the source bytes and
/// which namespace declarations it inherits (a document that may carry an XML
/// signature is stored and served byte for byte). Lives in the `ParseSession`; the SAX callbacks
/// feed it parser offsets (`xmlByteConsumed`), which are offsets into the source as long as
/// libxml2 does not convert its encoding (UTF-8 input); otherwise nothing is kept.
struct KeptBytes {
    struct Range {
        var start: Int
        var end: Int
        /// In scope from the ancestors and not declared on the element itself (prefix "" = default).
        var inherited: [(prefix: String, uri: String)]
    }

    let depth: Int
    let source: UnsafeBufferPointer<UInt8>
    private(set) var ranges: [Range] = []
    private(set) var usable = true
    private var level = 0
    /// Declarations of each open element, outermost first.
    private var declared: [[(prefix: String, uri: String)]] = []
    private var open: Range?

    init(depth: Int, source: UnsafeBufferPointer<UInt8>) {
        self.depth = depth
        self.source = source
    }

    /// At a start tag; `offset` is where the parser stands (inside the tag's end, `>` or `/>`).
    mutating func start(ctxt: UnsafeMutablePointer<xmlParserCtxt>, namespaceCount: Int,
                        namespaces: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        var own: [(prefix: String, uri: String)] = []
        if let namespaces {
            for i in 0..<namespaceCount {
                own.append((namespaces[2 * i].map { String(cString: $0) } ?? "", namespaces[2 * i + 1].map { String(cString: $0) } ?? ""))
            }
        }
        if level == depth, usable {
            if ctxt.pointee.input?.pointee.buf?.pointee.encoder != nil {
                usable = false
            } else {
                var position = min(Int(xmlByteConsumed(ctxt)), source.count - 1)
                while position >= 0, source[position] != UInt8(ascii: "<") { position -= 1 }   // no '<' inside a tag
                var scope: [String: String] = [:]
                for declarations in declared { for d in declarations { scope[d.prefix] = d.uri } }
                for d in own { scope.removeValue(forKey: d.prefix) }
                let inherited = scope.filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }.map { (prefix: $0.key, uri: $0.value) }
                if position < 0 { usable = false } else { open = Range(start: position, end: position, inherited: inherited) }
            }
        }
        declared.append(own)
        level += 1
    }

    /// After an end tag (or the `/>` of an empty element).
    mutating func end(ctxt: UnsafeMutablePointer<xmlParserCtxt>) {
        level -= 1
        declared.removeLast()
        if level == depth, var range = open {
            range.end = min(Int(xmlByteConsumed(ctxt)), source.count)
            ranges.append(range)
            open = nil
        }
    }

    /// The bytes of range `i`, with its inherited declarations added to its start tag, so that they
    /// stand alone (and can be embedded anywhere) meaning the same.
    func standalone(_ range: Range) -> [UInt8] {
        var bytes = Array(source[range.start..<range.end])
        guard !range.inherited.isEmpty else { return bytes }
        var nameEnd = 1
        while nameEnd < bytes.count, !Self.endsName(bytes[nameEnd]) { nameEnd += 1 }
        var declarations: [UInt8] = []
        for d in range.inherited {
            declarations.append(contentsOf: (d.prefix.isEmpty ? " xmlns=\"" : " xmlns:\(d.prefix)=\"").utf8)
            XMLEscaping.appendAttribute(d.uri, to: &declarations)
            declarations.append(UInt8(ascii: "\""))
        }
        bytes.insert(contentsOf: declarations, at: nameEnd)
        return bytes
    }

    private static func endsName(_ b: UInt8) -> Bool {
        b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") || b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r")
            || b == UInt8(ascii: "/") || b == UInt8(ascii: ">")
    }
}
