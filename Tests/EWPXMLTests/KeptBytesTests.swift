import EWPXML
import Testing

/// `XMLReader.parse(_:keepingBytesAtDepth:)` and `XMLWriter` writing kept bytes.
@Suite("Kept bytes: elements stored and written byte for byte")
struct KeptBytesTests {
    static let document = """
        <?xml version="1.0" encoding="UTF-8"?>
        <r:response xmlns:r="urn:r" xmlns="urn:default" xmlns:x="urn:x">
          <item   b = 'single'  a="1&amp;2">
            <x:child>text &lt; &#x41;</x:child><!-- a comment -->
            <empty/>
          </item>
          <item xmlns="urn:own"/>
        </r:response>
        """

    @Test("Children of the root keep their exact bytes, plus the declarations they inherit")
    func depthOne() throws {
        let root = try XMLReader.parse(Array(Self.document.utf8), keepingBytesAtDepth: 1)
        #expect(root.verbatim == nil && root.children.count == 2)
        let first = String(decoding: try #require(root.children[0].verbatim), as: UTF8.self)
        #expect(first == """
            <item xmlns="urn:default" xmlns:r="urn:r" xmlns:x="urn:x"   b = 'single'  a="1&amp;2">
                <x:child>text &lt; &#x41;</x:child><!-- a comment -->
                <empty/>
              </item>
            """)
        // Redeclared on the element itself: not added again; empty elements end at "/>".
        #expect(String(decoding: try #require(root.children[1].verbatim), as: UTF8.self) == #"<item xmlns:r="urn:r" xmlns:x="urn:x" xmlns="urn:own"/>"#)
        // Standalone: each parses alone to the same element.
        let again = try XMLReader.parse(try #require(root.children[0].verbatim))
        var expected = root.children[0]
        expected.verbatim = nil
        #expect(again == expected)
    }

    @Test("XMLWriter writes kept bytes unchanged, inside any document; a stored element read back at depth 0 keeps them")
    func writerEmbeds() throws {
        let root = try XMLReader.parse(Array(Self.document.utf8), keepingBytesAtDepth: 1)
        let item = root.children[0]
        let stored = XMLWriter.document(item)
        #expect(stored == Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".utf8) + item.verbatim!)
        let readBack = try XMLReader.parse(stored, keepingBytesAtDepth: 0)
        #expect(readBack.verbatim == item.verbatim)
        let response = XMLWriter.document(XElement("get-response", namespace: "urn:other", children: [readBack]))
        let text = String(decoding: response, as: UTF8.self)
        #expect(text.contains(String(decoding: item.verbatim!, as: UTF8.self)))
        #expect(try XMLReader.parse(response).children.first?.children.first?.name == "child")
    }

    @Test("A document not in UTF-8 keeps nothing (libxml2 converts it; offsets would not be the source's)")
    func otherEncoding() throws {
        let latin1: [UInt8] = Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><r><i>caf".utf8) + [0xE9] + Array("</i></r>".utf8)
        let root = try XMLReader.parse(latin1, keepingBytesAtDepth: 1)
        #expect(root.children.first?.text == "café" && root.children.first?.verbatim == nil)
    }
}
