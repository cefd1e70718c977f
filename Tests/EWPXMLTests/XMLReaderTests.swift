import Testing
import EWPXML

private func parse(_ s: String, maxBytes: Int = XMLReader.defaultMaxBytes) throws(XMLProblem) -> XElement {
    try XMLReader.parse(Array(s.utf8), maxBytes: maxBytes)
}

@Suite struct XMLReaderTests {
    @Test func namespacesAttributesAndText() throws {
        let root = try parse("""
            <?xml version="1.0" encoding="UTF-8"?>
            <r:root xmlns:r="urn:r" xmlns="urn:d" xmlns:x="urn:x" id="1" x:flag="yes" xml:lang="pl">
              <child>Hello &amp; <![CDATA[<raw>]]> &#x141;&#243;d&#378;</child>
              <x:other/>
              <plain xmlns="">t</plain>
              <!-- comment --><?pi data?>
            </r:root>
            """)
        #expect(root.name == "root")
        #expect(root.namespace == "urn:r")
        #expect(root.attribute("id") == "1")
        #expect(root.attribute("flag", namespace: "urn:x") == "yes")
        #expect(root.attribute("flag") == nil)
        #expect(root.attribute("lang", namespace: "http://www.w3.org/XML/1998/namespace") == "pl")
        #expect(root.attributes.count == 3)   // namespace declarations are not attributes
        #expect(root.children.map(\.name) == ["child", "other", "plain"])
        #expect(root.element("child", namespace: "urn:d")?.text == "Hello & <raw> Łódź")
        #expect(root.element("other", namespace: "urn:x") != nil)
        #expect(root.element("plain", namespace: "")?.text == "t")
        #expect(root.elements("child", namespace: "urn:x").isEmpty)
    }

    @Test func textIsConcatenatedDirectContent() throws {
        let root = try parse("<a>one<b>inner</b>two</a>")
        #expect(root.text == "onetwo")
        #expect(root.children.first?.text == "inner")
    }

    @Test func sizeLimitIsEnforcedBeforeParsing() {
        let doc = "<a>" + String(repeating: "x", count: 2000) + "</a>"
        #expect(throws: XMLProblem.self) { try parse(doc, maxBytes: 1000) }
        #expect((try? parse(doc, maxBytes: 5000)) != nil)
    }

    @Test func malformedDocumentReportsLineNumber() {
        do {
            _ = try parse("<a>\n<b>\n</c>\n</a>")
            Issue.record("malformed document was accepted")
        } catch {
            #expect(error.line == 3)
            #expect(error.message.contains("mismatch"))
        }
    }

    @Test func emptyAndRootlessDocumentsFail() {
        #expect(throws: XMLProblem.self) { try XMLReader.parse([]) }
        #expect(throws: XMLProblem.self) { try parse("<?xml version=\"1.0\"?>") }
        #expect(throws: XMLProblem.self) { try parse("<a/><b/>") }
    }

    @Test func attributeValuesAreFullyDecoded() throws {
        let root = try parse("<a v=\"&amp;amp; &#38; &amp;#38; &lt;&#x3C;&gt;&quot;&apos;\" t=\"a&#9;b&#10;c\" n=\"x\ny\"/>")
        #expect(root.attribute("v") == "&amp; & &#38; <<>\"'")
        #expect(root.attribute("t") == "a\tb\nc")
        #expect(root.attribute("n") == "x y")   // attribute-value normalisation of a literal newline
    }

    /// Found by the xml fuzz target: `&` in an `xmlns` value came through as `&#38;`, so the
    /// namespace differed from the one the XSD validator sees, and the writer turned it into
    /// `&amp;#38;`, which libxml2 then refuses as an invalid URI (two `#`).
    @Test func namespaceURIsAreDecodedLikeAttributeValues() throws {
        let root = try parse("<r xmlns=\"urn:a&amp;b\" xmlns:p=\"urn:c&#38;d\" p:x=\"1\"><p:c/></r>")
        #expect(root.namespace == "urn:a&b")
        #expect(root.children.first?.namespace == "urn:c&d")
        #expect(root.attributes.first?.namespace == "urn:c&d")
        #expect(try XMLReader.parse(XMLWriter.document(root)) == root)
    }

    @Test func excessiveNestingIsRefusedNotACrash() {
        let depth = 5_000
        let doc = String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
        #expect(throws: XMLProblem.self) { try parse(doc) }
    }

    @Test func largeTextIsKeptWhole() throws {
        let big = String(repeating: "0123456789", count: 100_000)
        #expect(try parse("<a>\(big)</a>").text == big)
    }

    @Test func undeclaredEntityIsAnError() {
        #expect(throws: XMLProblem.self) { try parse("<a>&nope;</a>") }
    }

    @Test func invalidUTF8IsAnError() {
        #expect(throws: XMLProblem.self) { try XMLReader.parse(Array("<a>".utf8) + [0xC3, 0x28] + Array("</a>".utf8)) }
    }
}

@Suite struct XMLReaderHardeningTests {
    @Test func anyDoctypeIsRefused() {
        do {
            _ = try parse("<?xml version=\"1.0\"?>\n<!DOCTYPE a>\n<a/>")
            Issue.record("DOCTYPE accepted")
        } catch {
            #expect(error.message.contains("DOCTYPE"))
            #expect(error.line == 2)
        }
    }

    @Test func externalFileEntityIsRefused() {
        let doc = """
            <?xml version="1.0"?>
            <!DOCTYPE a [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <a>&xxe;</a>
            """
        do {
            let root = try parse(doc)
            Issue.record("XXE document accepted: \(root.text.prefix(40))")
        } catch {
            #expect(error.message.contains("DOCTYPE"))
        }
    }

    @Test func externalDTDIsNeverFetched() {
        #expect(throws: XMLProblem.self) {
            try parse("<!DOCTYPE a SYSTEM \"http://127.0.0.1:9/never.dtd\"><a/>")
        }
    }

    @Test func billionLaughsIsRefusedQuickly() {
        var doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n"
        for i in 1...9 {
            let prev = i == 1 ? "lol" : "lol\(i - 1)"
            doc += "<!ENTITY lol\(i) \"" + String(repeating: "&\(prev);", count: 10) + "\">\n"
        }
        doc += "]>\n<lolz a=\"&lol9;\">&lol9;</lolz>"
        let start = ContinuousClock.now
        #expect(throws: XMLProblem.self) { try parse(doc) }
        #expect(ContinuousClock.now - start < .seconds(1))
    }
}
