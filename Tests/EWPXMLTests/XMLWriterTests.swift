import Testing
import EWPXML

private func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
private let header = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"

@Suite struct XMLWriterTests {
    @Test func defaultNamespaceAndEmptyElements() {
        let doc = XMLWriter.document(XElement("r", namespace: "urn:a", children: [XElement("c", namespace: "urn:a")]))
        #expect(text(doc) == header + "<r xmlns=\"urn:a\"><c/></r>")
    }

    @Test func prefixesAreDeclaredOnTheRootSorted() {
        let root = XElement("manifest", namespace: "urn:m", children: [
            XElement("admin-email", namespace: "urn:ewp", text: "a@b.c"),
            XElement("entry", namespace: "urn:entry", children: [XElement("url", namespace: "urn:entry", text: "https://x")]),
        ])
        let out = text(XMLWriter.document(root, prefixes: ["urn:ewp": "ewp", "urn:r": "r"]))
        #expect(out == header + "<manifest xmlns=\"urn:m\" xmlns:ewp=\"urn:ewp\" xmlns:r=\"urn:r\">"
            + "<ewp:admin-email>a@b.c</ewp:admin-email>"
            + "<entry xmlns=\"urn:entry\"><url>https://x</url></entry></manifest>")
    }

    @Test func prefixedRoot() {
        let out = text(XMLWriter.document(XElement("r", namespace: "urn:a", children: [XElement("c", namespace: "")]),
                                          prefixes: ["urn:a": "a"]))
        #expect(out == header + "<a:r xmlns:a=\"urn:a\"><c/></a:r>")
    }

    @Test func noNamespaceChildUndeclaresDefault() {
        let out = text(XMLWriter.document(XElement("r", namespace: "urn:a", children: [XElement("c", namespace: "")])))
        #expect(out == header + "<r xmlns=\"urn:a\"><c xmlns=\"\"/></r>")
    }

    @Test func undeclarablePrefixesAreIgnored() {
        let e = XElement("r", namespace: "urn:a", children: [XElement("c", namespace: "urn:b")])
        let out = text(XMLWriter.document(e, prefixes: ["urn:b": "", "urn:a": "xmlns", "": "none"]))
        #expect(out == header + "<r xmlns=\"urn:a\"><c xmlns=\"urn:b\"/></r>")
    }

    @Test func xmlLangUsesReservedPrefixNeverDeclared() {
        let name = XElement("name", namespace: "urn:a",
                            attributes: [XAttribute("lang", namespace: XMLWriter.xmlNamespace, value: "en")], text: "X")
        let out = text(XMLWriter.document(name, prefixes: [XMLWriter.xmlNamespace: "xml"]))
        #expect(out == header + "<name xmlns=\"urn:a\" xml:lang=\"en\">X</name>")
    }

    @Test func foreignAttributeNamespaceGetsGeneratedPrefix() {
        let e = XElement("e", namespace: "", attributes: [XAttribute("a", namespace: "urn:x", value: "1")])
        #expect(text(XMLWriter.document(e)) == header + "<e ns1:a=\"1\" xmlns:ns1=\"urn:x\"/>")
    }

    @Test func escapesTextAndAttributes() {
        let e = XElement("e", namespace: "", attributes: [XAttribute("a", value: "<\"&'>\t\n\r")], text: "a<b>&c]]>\"'\r\n")
        #expect(text(XMLWriter.document(e))
                == header + "<e a=\"&lt;&quot;&amp;'&gt;&#9;&#10;&#13;\">a&lt;b&gt;&amp;c]]&gt;\"'&#13;\n</e>")
    }

    @Test func forbiddenCharactersAreDropped() {
        let e = XElement("e", namespace: "", attributes: [XAttribute("a", value: "x\u{1}y")], text: "a\u{0}b\u{B}c\u{FFFE}d\u{FFFF}e\u{7F}ł")
        #expect(text(XMLWriter.document(e)) == header + "<e a=\"xy\">abcde\u{7F}ł</e>")
    }

    @Test func whitespaceOnlyTextBesideChildrenIsDropped() {
        let e = XElement("e", namespace: "", children: [XElement("c", namespace: "")], text: "\n  \n")
        #expect(text(XMLWriter.document(e)) == header + "<e><c/></e>")
    }

    @Test func roundTripThroughReader() throws {
        let original = XElement("root", namespace: "urn:a", attributes: [
            XAttribute("id", value: "a\"b<c>&d\te\nf\rg"),
            XAttribute("lang", namespace: XMLWriter.xmlNamespace, value: "sr-Latn"),
        ], children: [
            XElement("child", namespace: "urn:b", text: "Łódź & <Kraków> \r\n ]]> end"),
            XElement("child", namespace: "urn:b", children: [XElement("deep", namespace: "", text: " spaced ")]),
            XElement("p", namespace: "urn:c", text: "prefixed"),
        ])
        let parsed = try XMLReader.parse(XMLWriter.document(original, prefixes: ["urn:c": "c"]))
        #expect(parsed == original)
    }
}
