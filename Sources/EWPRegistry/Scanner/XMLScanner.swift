import Foundation   // String.range(of:) in the XML declaration check

/// A forward-only, namespace-aware XML scanner over UTF-8 bytes, for reading one large document once
/// without building a tree (a 5,000-HEI catalogue as an `XElement` tree on a libxml2 DOM costs ~200 MB
/// and several hundred ms; see Benchmarks/RESULTS.md).
///
/// Hardened like `XMLReader`: any DOCTYPE is rejected (so no entities beyond the five predefined ones and
/// character references), size and depth are limited, only UTF-8 is accepted, end tags must match,
/// undeclared prefixes are errors. It is not a validating parser; RegistryClient validates the same bytes
/// against catalogue.xsd with libxml2 before they get here.
///
/// Use: after `init`, the root start tag is current. `nextChild()` moves to the next child element of the
/// current one (true) or consumes its end tag (false); `text()` reads the current element's direct text
/// and consumes it; `skip()` consumes it whole. Every start tag is consumed by exactly one of those.
struct XMLScanner {
    static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"
    static let maxDepth = 256

    private let b: [UInt8]
    private var i = 0
    private let n: Int

    // Namespaces: URIs are interned to small integers; bindings are a stack of (prefix bytes, uri id).
    private(set) var uris: [String] = []
    private var uriIDs: [String: Int] = [:]
    private var bindings: [(prefix: Range<Int>, uri: Int)] = []
    private var open: [(qname: Range<Int>, bindingMark: Int)] = []
    private var pendingEnd = false
    /// The id of "no namespace".
    let noNamespace: Int
    let xmlNamespaceID: Int

    // The current start tag.
    private(set) var namespace = 0
    private(set) var localName: Range<Int> = 0..<0
    private var attributes: [(prefix: Range<Int>?, local: Range<Int>, value: Range<Int>)] = []

    init(_ bytes: [UInt8], maxBytes: Int) throws(CatalogueError) {
        guard bytes.count <= maxBytes else { throw CatalogueError("document is larger than \(maxBytes) bytes") }
        b = bytes
        n = bytes.count
        noNamespace = 0
        xmlNamespaceID = 1
        uris = ["", Self.xmlNamespace]
        uriIDs = ["": 0, Self.xmlNamespace: 1]
        if n >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { i = 3 }
        try prolog()
        try startTag()
    }

    /// The id of a namespace URI (for comparisons with `namespace`).
    mutating func id(of uri: String) -> Int {
        if let id = uriIDs[uri] { return id }
        uris.append(uri)
        uriIDs[uri] = uris.count - 1
        return uris.count - 1
    }

    var namespaceURI: String { uris[namespace] }
    var localNameString: String { String(decoding: b[localName], as: UTF8.self) }

    func isElement(_ local: String, namespace ns: Int) -> Bool {
        namespace == ns && equals(localName, local)
    }

    /// Local name test regardless of namespace.
    func hasLocalName(_ local: String) -> Bool { equals(localName, local) }
    func localNameHasSuffix(_ s: String) -> Bool {
        let c = s.utf8.count
        guard localName.count >= c else { return false }
        return equals(localName.upperBound - c..<localName.upperBound, s)
    }
    func localNameHasPrefix(_ s: String) -> Bool {
        let c = s.utf8.count
        guard localName.count >= c else { return false }
        return equals(localName.lowerBound..<localName.lowerBound + c, s)
    }

    /// An attribute of the current start tag (`ns` = `noNamespace` for unprefixed attributes).
    func attribute(_ local: String, namespace ns: Int? = nil) throws(CatalogueError) -> String? {
        for a in attributes where equals(a.local, local) {
            let attrNS: Int
            if let p = a.prefix {
                if equals(p, "xml") { attrNS = xmlNamespaceID } else if let u = lookup(p) { attrNS = u } else {
                    throw CatalogueError("undeclared namespace prefix in an attribute at byte \(p.lowerBound)")
                }
            } else {
                attrNS = noNamespace
            }
            if attrNS == (ns ?? noNamespace) { return try decode(a.value, attribute: true) }
        }
        return nil
    }

    // MARK: Moving

    mutating func nextChild() throws(CatalogueError) -> Bool {
        if pendingEnd { pendingEnd = false; pop(); return false }
        while true {
            guard let lt = find(0x3C /* < */) else { throw CatalogueError("unexpected end of document inside an element") }
            i = lt
            switch byte(i + 1) {
            case 0x2F: try endTag(); return false                       // </
            case 0x21: try bang(inContent: true)                         // <! comment / CDATA
            case 0x3F: try processingInstruction()                        // <?
            default: try startTag(); return true
            }
        }
    }

    /// The current element's direct character data (CDATA included, child elements skipped), decoded.
    mutating func text() throws(CatalogueError) -> String {
        if pendingEnd { pendingEnd = false; pop(); return "" }
        // Fast path: plain character data straight followed by the end tag (no copy through a buffer).
        guard let lt = find(0x3C) else { throw CatalogueError("unexpected end of document inside an element") }
        if byte(lt + 1) == 0x2F, !b[i..<lt].contains(0x26 /* & */) {
            let r = i..<lt
            i = lt
            try endTag()
            return String(decoding: b[r], as: UTF8.self)
        }
        var buffer: [UInt8] = []
        while true {
            guard let lt = find(0x3C) else { throw CatalogueError("unexpected end of document inside an element") }
            if lt > i { buffer.append(contentsOf: try decodeBytes(i..<lt, attribute: false)) }
            i = lt
            switch byte(i + 1) {
            case 0x2F:
                try endTag()
                return String(decoding: buffer, as: UTF8.self)
            case 0x21:
                if let cdata = try bang(inContent: true) { buffer.append(contentsOf: b[cdata]) }
            case 0x3F:
                try processingInstruction()
            default:
                try startTag()
                try skip()
            }
        }
    }

    /// Consumes the current element, whatever it holds.
    mutating func skip() throws(CatalogueError) {
        while try nextChild() { try skip() }
    }

    /// After the root's end tag: only comments, PIs and whitespace may follow.
    mutating func finish() throws(CatalogueError) {
        guard open.isEmpty, !pendingEnd else { throw CatalogueError("document ends inside an element") }
        while true {
            skipWhitespace()
            if i >= n { return }
            guard b[i] == 0x3C else { throw CatalogueError("content after the root element at byte \(i)") }
            if byte(i + 1) == 0x3F { try processingInstruction() }
            else if byte(i + 1) == 0x21, byte(i + 2) == 0x2D { _ = try bang(inContent: false) }
            else { throw CatalogueError("a second root element at byte \(i)") }
        }
    }

    // MARK: Tags

    private mutating func prolog() throws(CatalogueError) {
        while true {
            skipWhitespace()
            guard i < n, b[i] == 0x3C else { throw CatalogueError("no root element") }
            if byte(i + 1) == 0x3F {
                let start = i
                try processingInstruction()
                if start == 0 || (start == 3 && n >= 3 && b[0] == 0xEF) { try checkDeclaration(start..<i) }
            } else if byte(i + 1) == 0x21 {
                if byte(i + 2) == 0x2D { _ = try bang(inContent: false) } else {
                    throw CatalogueError("DOCTYPE is not allowed")
                }
            } else {
                return
            }
        }
    }

    /// `<?xml … encoding="…"?>`: only UTF-8 (or no encoding) is accepted.
    private func checkDeclaration(_ r: Range<Int>) throws(CatalogueError) {
        let decl = String(decoding: b[r], as: UTF8.self).lowercased()
        guard decl.hasPrefix("<?xml"), let e = decl.range(of: "encoding") else { return }
        let rest = decl[e.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\"" || $0 == "'" }
        guard rest.hasPrefix("utf-8") || rest.hasPrefix("utf8") else {
            throw CatalogueError("only UTF-8 documents are accepted")
        }
    }

    private mutating func startTag() throws(CatalogueError) {
        i += 1                                                   // <
        let qname = try name()
        attributes.removeAll(keepingCapacity: true)
        let mark = bindings.count
        var selfClosing = false
        while true {
            let hadSpace = skipWhitespace()
            guard i < n else { throw CatalogueError("unterminated start tag") }
            if b[i] == 0x3E { i += 1; break }                   // >
            if b[i] == 0x2F {                                    // />
                guard byte(i + 1) == 0x3E else { throw CatalogueError("malformed empty-element tag at byte \(i)") }
                i += 2
                selfClosing = true
                break
            }
            guard hadSpace else { throw CatalogueError("attributes must be separated by whitespace at byte \(i)") }
            let an = try name()
            skipWhitespace()
            guard i < n, b[i] == 0x3D else { throw CatalogueError("attribute without a value at byte \(i)") }   // =
            i += 1
            skipWhitespace()
            guard i < n, b[i] == 0x22 || b[i] == 0x27 else { throw CatalogueError("unquoted attribute value at byte \(i)") }
            let quote = b[i]
            i += 1
            guard let end = find(quote) else { throw CatalogueError("unterminated attribute value") }
            let value = i..<end
            if b[value].contains(0x3C) { throw CatalogueError("'<' in an attribute value at byte \(i)") }
            i = end + 1
            let (prefix, local) = split(an)
            if prefix == nil, equals(local, "xmlns") {
                bindings.append((prefix: an.lowerBound..<an.lowerBound, uri: id(of: try decode(value, attribute: true))))
            } else if let p = prefix, equals(p, "xmlns") {
                let uri = try decode(value, attribute: true)
                guard !uri.isEmpty else { throw CatalogueError("empty namespace for a prefix at byte \(p.lowerBound)") }
                bindings.append((prefix: local, uri: id(of: uri)))
            } else {
                attributes.append((prefix: prefix, local: local, value: value))
            }
        }
        let (prefix, local) = split(qname)
        if let p = prefix {
            guard let u = equals(p, "xml") ? xmlNamespaceID : lookup(p) else {
                throw CatalogueError("undeclared namespace prefix '\(String(decoding: b[p], as: UTF8.self))'")
            }
            namespace = u
        } else {
            namespace = lookup(qname.lowerBound..<qname.lowerBound) ?? noNamespace
        }
        localName = local
        guard open.count < Self.maxDepth else { throw CatalogueError("elements nested deeper than \(Self.maxDepth)") }
        open.append((qname: qname, bindingMark: mark))
        pendingEnd = selfClosing
    }

    private mutating func endTag() throws(CatalogueError) {
        i += 2                                                   // </
        let qname = try name()
        skipWhitespace()
        guard i < n, b[i] == 0x3E else { throw CatalogueError("malformed end tag at byte \(i)") }
        i += 1
        guard let top = open.last, b[top.qname].elementsEqual(b[qname]) else {
            throw CatalogueError("end tag '\(String(decoding: b[qname], as: UTF8.self))' does not match its start tag")
        }
        pop()
    }

    private mutating func pop() {
        let top = open.removeLast()
        bindings.removeSubrange(top.bindingMark...)
    }

    /// At `<!`: a comment (nil) or a CDATA section in content (its content range); anything else is an error.
    @discardableResult
    private mutating func bang(inContent: Bool) throws(CatalogueError) -> Range<Int>? {
        if starts(with: "<!--") {
            guard let end = find("-->", from: i + 4) else { throw CatalogueError("unterminated comment") }
            i = end + 3
            return nil
        }
        if inContent, starts(with: "<![CDATA[") {
            let start = i + 9
            guard let end = find("]]>", from: start) else { throw CatalogueError("unterminated CDATA section") }
            i = end + 3
            return start..<end
        }
        throw CatalogueError(starts(with: "<!DOCTYPE") ? "DOCTYPE is not allowed" : "unexpected '<!' at byte \(i)")
    }

    private mutating func processingInstruction() throws(CatalogueError) {
        guard let end = find("?>", from: i + 2) else { throw CatalogueError("unterminated processing instruction") }
        i = end + 2
    }

    // MARK: Bytes

    private func byte(_ k: Int) -> UInt8 { k < n ? b[k] : 0 }

    @discardableResult
    private mutating func skipWhitespace() -> Bool {
        let s = i
        while i < n, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x09 || b[i] == 0x0D { i += 1 }
        return i > s
    }

    private mutating func name() throws(CatalogueError) -> Range<Int> {
        let s = i
        while i < n {
            let c = b[i]
            if c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D || c == 0x2F || c == 0x3E || c == 0x3D || c == 0x3C
                || c == 0x22 || c == 0x27 { break }
            i += 1
        }
        guard i > s else { throw CatalogueError("a name was expected at byte \(s)") }
        return s..<i
    }

    private func split(_ q: Range<Int>) -> (prefix: Range<Int>?, local: Range<Int>) {
        var k = q.lowerBound
        while k < q.upperBound {
            if b[k] == 0x3A { return (q.lowerBound..<k, k + 1..<q.upperBound) }
            k += 1
        }
        return (nil, q)
    }

    private func lookup(_ prefix: Range<Int>) -> Int? {
        var k = bindings.count - 1
        while k >= 0 {
            let p = bindings[k].prefix
            if p.count == prefix.count, b[p].elementsEqual(b[prefix]) { return bindings[k].uri }
            k -= 1
        }
        return nil
    }

    private func find(_ c: UInt8) -> Int? {
        b[i..<n].firstIndex(of: c)
    }

    private func find(_ s: String, from start: Int) -> Int? {
        let c = s.utf8.count
        let first = s.utf8.first!
        var k = start
        while k + c <= n {
            if b[k] == first, equals(k..<k + c, s) { return k }
            k += 1
        }
        return nil
    }

    private func starts(with s: String) -> Bool {
        i + s.utf8.count <= n && equals(i..<i + s.utf8.count, s)
    }

    private func equals(_ r: Range<Int>, _ s: String) -> Bool {
        guard r.count == s.utf8.count else { return false }
        return b[r].elementsEqual(s.utf8)
    }

    // MARK: Character data

    private func decode(_ r: Range<Int>, attribute: Bool) throws(CatalogueError) -> String {
        if !b[r].contains(where: { $0 == 0x26 || (attribute && ($0 == 0x09 || $0 == 0x0A || $0 == 0x0D)) }) {
            return String(decoding: b[r], as: UTF8.self)
        }
        return String(decoding: try decodeBytes(r, attribute: attribute), as: UTF8.self)
    }

    /// Resolves the predefined entities and character references (and, in attributes, turns tab/CR/LF
    /// into spaces).
    private func decodeBytes(_ r: Range<Int>, attribute: Bool) throws(CatalogueError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(r.count)
        var k = r.lowerBound
        while k < r.upperBound {
            let c = b[k]
            if c == 0x26 {
                var semi = k + 1
                while semi < r.upperBound, b[semi] != 0x3B, semi - k < 12 { semi += 1 }
                guard semi < r.upperBound, b[semi] == 0x3B else { throw CatalogueError("malformed reference at byte \(k)") }
                let ref = String(decoding: b[k + 1..<semi], as: UTF8.self)
                switch ref {
                case "lt": out.append(0x3C)
                case "gt": out.append(0x3E)
                case "amp": out.append(0x26)
                case "apos": out.append(0x27)
                case "quot": out.append(0x22)
                default:
                    let scalar: UInt32?
                    if ref.hasPrefix("#x") { scalar = UInt32(ref.dropFirst(2), radix: 16) }
                    else if ref.hasPrefix("#") { scalar = UInt32(ref.dropFirst(1), radix: 10) }
                    else { throw CatalogueError("undefined entity '&\(ref);'") }
                    guard let v = scalar, v != 0, let u = Unicode.Scalar(v) else { throw CatalogueError("bad character reference '&\(ref);'") }
                    out.append(contentsOf: Array(String(Character(u)).utf8))
                }
                k = semi + 1
            } else {
                out.append(attribute && (c == 0x09 || c == 0x0A || c == 0x0D) ? 0x20 : c)
                k += 1
            }
        }
        return out
    }
}
