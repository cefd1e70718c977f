import EWPXML
import Testing

/// What the iia-hash reads from `XMLReader.parse`'s `XElement`, checked against what an XSLT
/// processor sees (the XPath data model): no change to EWPXML was needed.
@Suite("XElement keeps what the iia-hash needs")
struct XElementFidelityTests {
    static func parse(_ xml: String) throws -> XElement { try XMLReader.parse(Array(xml.utf8)) }

    @Test("leaf text exactly: whitespace kept, CRLF read as LF, &#13; kept, escapes and CDATA decoded, comments and PIs dropped")
    func leafText() throws {
        let e = try Self.parse("<a>  x &amp; &lt;y&gt; &#233;&#x1F600;\r\n\t<!-- c --><?pi z?><![CDATA[<&>]]>&#13;&amp;#38; </a>")
        #expect(e.text == "  x & <y> é😀\n\t<&>\r&#38; ")
    }

    @Test("attributes in document order, with their namespaces; namespace declarations are not attributes")
    func attributeOrder() throws {
        let e = try Self.parse(#"<a z="1" xmlns:q="urn:q" a="2" q:m="3" xmlns="urn:d" b="4"/>"#)
        #expect(e.attributes.map(\.name) == ["z", "a", "m", "b"])
        #expect(e.attributes.map(\.namespace) == ["", "", "urn:q", ""])
    }

    @Test("attribute values normalised as XML requires: literal tab/newline → space, character references kept")
    func attributeValues() throws {
        let e = try Self.parse("<a v=\"x\ty\nz\" w=\"a&#10;b&#9;c&#13;\" x=\"&amp;&lt;&#38;&amp;#38;\" y=' true'/>")
        #expect(e.attribute("v") == "x y z")
        #expect(e.attribute("w") == "a\nb\tc\r")
        #expect(e.attribute("x") == "&<&&#38;")
        #expect(e.attribute("y") == " true")
    }

    @Test("an element with children keeps its own text apart; an empty element has empty text")
    func mixed() throws {
        let e = try Self.parse("<a> x <b>y</b> z <c/></a>")
        #expect(e.text == " x  z ")
        #expect(e.children.map(\.name) == ["b", "c"])
        #expect(e.children[1].text.isEmpty && e.children[1].children.isEmpty)
    }
}
