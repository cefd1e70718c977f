import EWPStore
import EWPXML
import Testing

/// What a `get` that splices stored documents into its answer must give: each stored document's
/// root element byte for byte, and, as XML, the answer that parsing the stored documents and
/// writing them again gives.
enum SplicedAnswer {
    /// The answer as written on the wire, after checking it against `stored` and `parsedAgain`.
    static func check(_ answer: XElement, stored: [OwnObject], parsedAgain: XElement) throws -> [UInt8] {
        let bytes = XMLWriter.document(answer)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(!stored.isEmpty)
        for object in stored {
            let document = try #require(object.document)
            let root = document.drop { $0 != UInt8(ascii: "\n") }.dropFirst()   // after the XML declaration line
            #expect(!root.isEmpty && text.contains(String(decoding: root, as: UTF8.self)), "\(object.objectID) is not in the answer as stored")
        }
        #expect(try XMLReader.parse(bytes) == (try XMLReader.parse(XMLWriter.document(parsedAgain))))
        return bytes
    }

    /// The answer as a partner reads it: written, then parsed (stored documents are spliced in as
    /// bytes, so the element `get` returns has no children to read).
    static func read(_ answer: XElement) throws -> XElement {
        try XMLReader.parse(XMLWriter.document(answer))
    }
}
