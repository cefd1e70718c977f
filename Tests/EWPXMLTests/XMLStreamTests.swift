import Testing
import EWPXML

/// Records every event as a line, for comparing whole streams.
private struct Recorder: XMLEventHandler {
    var events: [String] = []

    mutating func startElement(namespace: String, name: String, attributes: [XAttribute]) {
        let attrs = attributes.map { " {\($0.namespace)}\($0.name)=\($0.value)" }.joined()
        events.append("start {\(namespace)}\(name)\(attrs)")
    }

    mutating func endElement(namespace: String, name: String) { events.append("end {\(namespace)}\(name)") }

    /// Adjacent text events are merged (libxml2 may split a run of text).
    mutating func text(_ s: String) {
        if let last = events.last, last.hasPrefix("text ") { events[events.count - 1] = last + s } else { events.append("text " + s) }
    }
}

private func stream(_ s: String, maxBytes: Int = XMLReader.defaultMaxBytes) throws(XMLProblem) -> [String] {
    var r = Recorder()
    try XMLReader.stream(Array(s.utf8), maxBytes: maxBytes, into: &r)
    return r.events
}

@Suite struct XMLStreamTests {
    @Test func eventsArriveInDocumentOrder() throws {
        let events = try stream("<a>one<b x=\"1\">inner</b><c/>two<!-- no --><?pi no?></a>")
        #expect(events == [
            "start {}a", "text one", "start {}b {}x=1", "text inner", "end {}b", "start {}c", "end {}c", "text two", "end {}a",
        ])
    }

    @Test func namespacesAreResolved() throws {
        let events = try stream("""
            <r:root xmlns:r="urn:r" xmlns="urn:d" xmlns:x="urn:x" x:flag="yes" xml:lang="pl" id="1"><child/><plain xmlns=""/><x:o r:a="v"/></r:root>
            """)
        #expect(events == [
            "start {urn:r}root {urn:x}flag=yes {http://www.w3.org/XML/1998/namespace}lang=pl {}id=1",
            "start {urn:d}child", "end {urn:d}child",
            "start {}plain", "end {}plain",
            "start {urn:x}o {urn:r}a=v", "end {urn:x}o",
            "end {urn:r}root",
        ])
    }

    @Test func textIsDecoded() throws {
        let events = try stream("<a v=\"x&amp;y &#38; &lt;\">A &amp; <![CDATA[<raw>&amp;]]> &#x141;</a>")
        #expect(events == ["start {}a {}v=x&y & <", "text A & <raw>&amp; Ł", "end {}a"])
    }

    /// The tree reader is the stream plus a tree-building handler: both see the same document.
    @Test func agreesWithTheTreeReader() throws {
        let doc = "<a xmlns='urn:a'><b k='v'>t<c/>u</b><b/></a>"
        let root = try XMLReader.parse(Array(doc.utf8))
        let events = try stream(doc)
        #expect(events.filter { $0.hasPrefix("start") }.count == 4)
        #expect(root.elements("b", namespace: "urn:a").count == 2)
        #expect(root.children[0].text == "tu")
        #expect(events.contains("text t") && events.contains("text u"))
    }

    @Test func sizeLimitIsEnforcedBeforeAnyEvent() {
        var r = Recorder()
        let doc = Array(("<a>" + String(repeating: "x", count: 2000) + "</a>").utf8)
        #expect(throws: XMLProblem.self) { try XMLReader.stream(doc, maxBytes: 1000, into: &r) }
        #expect(r.events.isEmpty)
        #expect((try? XMLReader.stream(doc, maxBytes: 5000, into: &r)) != nil)
        #expect(r.events.count == 3)
    }

    @Test func doctypeIsRefusedBeforeTheRoot() {
        var r = Recorder()
        do {
            try XMLReader.stream(Array("<?xml version=\"1.0\"?>\n<!DOCTYPE a>\n<a/>".utf8), into: &r)
            Issue.record("DOCTYPE accepted")
        } catch {
            #expect(error.message.contains("DOCTYPE"))
            #expect(error.line == 2)
        }
        #expect(r.events.isEmpty)
    }

    @Test func externalEntityIsRefusedAndNeverExpanded() {
        var r = Recorder()
        let doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE a [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n<a>&xxe;</a>"
        #expect(throws: XMLProblem.self) { try XMLReader.stream(Array(doc.utf8), into: &r) }
        #expect(r.events.isEmpty)
    }

    @Test func billionLaughsIsRefusedQuickly() {
        var doc = "<!DOCTYPE lolz [<!ENTITY lol \"lol\">"
        for i in 1...9 { doc += "<!ENTITY lol\(i) \"" + String(repeating: "&lol\(i == 1 ? "" : String(i - 1));", count: 10) + "\">" }
        doc += "]><lolz>&lol9;</lolz>"
        let start = ContinuousClock.now
        #expect(throws: XMLProblem.self) { try stream(doc) }
        #expect(ContinuousClock.now - start < .seconds(1))
    }

    @Test(arguments: [
        "<a><b></a>",                 // mismatched end tag
        "<a>",                        // truncated
        "<a><p:x/></a>",              // undeclared prefix (a namespace error, refused like a well-formedness one)
        "<a>&nope;</a>",              // undefined entity
        "<a/><b/>",                   // content after the root
        "<a>\u{0}</a>",               // NUL
    ])
    func malformedDocumentsThrow(_ doc: String) {
        #expect(throws: XMLProblem.self) { try stream(doc) }
    }

    @Test func undeclaredPrefixIsRefusedByTheTreeReaderToo() {
        #expect(throws: XMLProblem.self) { try XMLReader.parse(Array("<a><p:x/></a>".utf8)) }
    }

    @Test func excessiveNestingIsRefused() {
        let doc = String(repeating: "<a>", count: 5_000) + String(repeating: "</a>", count: 5_000)
        #expect(throws: XMLProblem.self) { try stream(doc) }
    }
}
