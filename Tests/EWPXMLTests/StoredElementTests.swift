import EWPXML
import Testing

/// `XElement(storedDocument:name:namespace:)`: a stored document's root written into another
/// document as its bytes, unparsed.
@Suite("Stored elements: a stored document spliced into an answer unparsed")
struct StoredElementTests {
    /// Every namespace case `XMLWriter` handles: a default namespace, prefixes declared on the root, a
    /// child in an undeclared namespace (a default declaration where it starts), an attribute in an
    /// undeclared namespace (a generated prefix), `xml:lang`, and text and attributes to escape.
    static let element = XElement("iia", namespace: "urn:iia", attributes: [XAttribute("lang", namespace: XMLWriter.xmlNamespace, value: "en")], children: [
        XElement("name", namespace: "urn:iia", text: "Ünïversity <A> & \"B\" ]]> 'C'"),
        XElement("contact", namespace: "urn:contact", children: [XElement("email", namespace: "urn:contact", text: "a@b.example")]),
        XElement("other", namespace: "urn:other", attributes: [XAttribute("ref", namespace: "urn:attr", value: "x<\"y\">&\n")],
                 children: [XElement("inner", namespace: "urn:other")]),
        XElement("empty", namespace: "urn:iia"),
    ])
    static let prefixes = ["urn:contact": "c"]

    /// An answer whose own declarations clash with the stored document's: another default namespace,
    /// and the prefix `c` bound to another URI.
    static func answer(_ children: [XElement]) -> [UInt8] {
        XMLWriter.document(XElement("get-response", namespace: "urn:response", children: children), prefixes: ["urn:not-contact": "c"])
    }

    @Test("A document XMLWriter stored reads back, spliced into an answer with clashing declarations, as the element it was written from")
    func splicedMeansTheSame() throws {
        let stored = XMLWriter.document(Self.element, prefixes: Self.prefixes)
        let spliced = try XElement(storedDocument: stored, name: "iia", namespace: "urn:iia")
        let declaration = Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".utf8)
        #expect(spliced.verbatim.map { declaration + $0 } == stored)
        #expect(spliced.name == "iia" && spliced.namespace == "urn:iia" && spliced.children.isEmpty)

        let answer = Self.answer([spliced, spliced])
        let read = try XMLReader.parse(answer)
        #expect(read.children == [Self.element, Self.element])
        // The answer the element would give written again, compared as XML: the same.
        #expect(read == (try XMLReader.parse(Self.answer([Self.element, Self.element]))))
    }

    @Test("Kept bytes stored with their inherited declarations (a transcript as imported) splice unchanged")
    func keptBytes() throws {
        let source = Array(#"<?xml version="1.0" encoding="UTF-8"?><r xmlns="urn:r" xmlns:e="urn:e"><tor><e:elmo a="1">x &amp; y</e:elmo></tor></r>"#.utf8)
        let tor = try XMLReader.parse(source, keepingBytesAtDepth: 1).children[0]
        let spliced = try XElement(storedDocument: XMLWriter.document(tor), name: "tor", namespace: "urn:r")
        #expect(spliced.verbatim == tor.verbatim)
        var expected = tor
        expected.verbatim = nil
        #expect(try XMLReader.parse(Self.answer([spliced])).children == [expected])
    }

    @Test("Bytes that are not one element of the expected name are refused", arguments: [
        "",
        "   ",
        "<?xml version=\"1.0\"",
        "<?xml version=\"1.0\"?>",
        "<?xml version=\"1.0\"?><other xmlns=\"urn:iia\"/>",
        "<?xml version=\"1.0\"?><iiax/>",
        "<?xml version=\"1.0\"?><!DOCTYPE iia><iia/>",
        "<?xml version=\"1.0\"?><!-- c --><iia/>",
        "<?xml version=\"1.0\"?><iia/>trailing",
        "iia",
    ])
    func refused(_ text: String) {
        #expect(throws: XMLProblem.self) { try XElement(storedDocument: Array(text.utf8), name: "iia", namespace: "urn:iia") }
    }

    @Test("Accepted: no declaration, a prefixed root, surrounding whitespace (left out of the bytes)")
    func accepted() throws {
        #expect(try XElement(storedDocument: Array("<iia/>".utf8), name: "iia", namespace: "urn:iia").verbatim == Array("<iia/>".utf8))
        let prefixed = Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<p:iia xmlns:p=\"urn:iia\">t</p:iia>\n".utf8)
        #expect(try XElement(storedDocument: prefixed, name: "iia", namespace: "urn:iia").verbatim == Array("<p:iia xmlns:p=\"urn:iia\">t</p:iia>".utf8))
    }
}
