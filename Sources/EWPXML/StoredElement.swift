extension XElement {
    /// The root element of a document this node stored, to be written into an answer as its
    /// stored bytes instead of being parsed and written again: `verbatim` = the bytes after the
    /// XML declaration. `name` and `namespace` are the root's (the caller knows what it stored);
    /// attributes, children and text stay empty, so such an element is for writing only.
    ///
    /// Splicing is safe for documents written by `XMLWriter.document`: it declares every namespace
    /// the document uses on the root or on the element where it starts, and kept `verbatim` bytes
    /// carry the declarations they inherited, so the root element means the same outside its
    /// document; its text was escaped by the writer, and no DOCTYPE (hence no entity) can be in it.
    /// Throws when the bytes are not one element named `name` after an optional XML declaration.
    public init(storedDocument bytes: [UInt8], name: String, namespace: String) throws(XMLProblem) {
        var start = 0
        if bytes.starts(with: Self.declarationStart) {
            guard let close = Self.firstIndex(of: Self.declarationEnd, in: bytes) else {
                throw XMLProblem("stored document: the XML declaration does not end")
            }
            start = close + Self.declarationEnd.count
        }
        while start < bytes.count, Self.isSpace(bytes[start]) { start += 1 }
        var end = bytes.count
        while end > start, Self.isSpace(bytes[end - 1]) { end -= 1 }
        guard end - start >= 2, bytes[start] == UInt8(ascii: "<"), bytes[end - 1] == UInt8(ascii: ">"),
              Self.startTagLocalName(bytes, from: start + 1).elementsEqual(name.utf8) else {
            throw XMLProblem("stored document: not one element named \(name)")
        }
        self.init(name, namespace: namespace)
        verbatim = Array(bytes[start..<end])
    }

    private static let declarationStart = Array("<?xml ".utf8)
    private static let declarationEnd = Array("?>".utf8)

    private static func isSpace(_ b: UInt8) -> Bool {
        b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") || b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r")
    }

    private static func firstIndex(of needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        for i in 0...(bytes.count - needle.count) where bytes[i] == needle[0] && bytes[i..<i + needle.count].elementsEqual(needle) {
            return i
        }
        return nil
    }

    /// The local name of the start tag whose name begins at `from` (after its prefix, if any).
    private static func startTagLocalName(_ bytes: [UInt8], from: Int) -> ArraySlice<UInt8> {
        var end = from
        var local = from
        while end < bytes.count, !isSpace(bytes[end]), bytes[end] != UInt8(ascii: ">"), bytes[end] != UInt8(ascii: "/") {
            if bytes[end] == UInt8(ascii: ":") { local = end + 1 }
            end += 1
        }
        return bytes[local..<end]
    }
}
