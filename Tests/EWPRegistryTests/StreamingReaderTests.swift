import Foundation
import Testing
@testable import EWPRegistry

/// The streaming catalogue reader (CatalogueEventReader on XMLReader.stream) against the XElement tree oracle, and its
/// hardening on hostile or broken input.
@Suite struct StreamingReaderTests {
    typealias F = CatalogueFixture
    static let reg = F.registryNS

    static func doc(_ body: String, prolog: String = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n") -> [UInt8] {
        Array((prolog + "<catalogue xmlns=\"\(reg)\">" + body + "</catalogue>").utf8)
    }

    static var fixtures: [[UInt8]] {
        get throws {
            var f = F()
            f.hosts = [
                .init(heis: ["x.edu", "X.EDU", "y.edu"], apis: [
                    F.api("echo", ns: F.echoNS, version: "2.0.0", urls: [("url", "https://x.edu/echo")]),
                    F.api("iias", ns: F.iiasNS7, version: "7.1.0", urls: [("get-url", "https://x.edu/g"), ("index-url", "https://x.edu/i")],
                          limits: [("max-iia-ids", 3)], security: true, clientHTTPSig: nil, serverHTTPSig: true),
                    F.api("iias", ns: F.iiasNS7, version: "7.0.0", urls: [("get-url", "https://x.edu/g0")], security: false),
                ], clientKeys: [FixtureKeys.example.id.uppercased()], serverKeys: [FixtureKeys.cavage.id]),
                .init(heis: ["y.edu"], apis: [F.api("echo", ns: F.echoNS, version: "2.0.0", urls: [("url", "https://x.edu/echo")])],
                      clientKeys: [FixtureKeys.example.id]),
            ]
            f.institutions = [(id: "x.edu", names: [(lang: "en", value: "X &amp; Co"), (lang: nil, value: "Iks")]),
                              (id: "x.edu", names: [(lang: "pl", value: "Iks")])]
            f.binaries = [FixtureKeys.example, FixtureKeys.cavage]
            return [CatalogueFixture.ownExample, f.bytes]
        }
    }

    @Test func agreesWithTheTreeOracle() throws {
        for bytes in try Self.fixtures {
            let streamed = try Catalogue.parse(bytes)
            let oracle = try TreeCatalogueOracle.parse(bytes)
            #expect(sameCatalogue(streamed, oracle))
            #expect(streamed.hostCount == oracle.hostCount && streamed.apiEntries.count == oracle.apiEntries.count)
        }
    }

    /// Comments, PIs, CDATA, references, prefixes declared on inner elements, both quote styles.
    @Test func xmlSyntaxVariety() throws {
        let body = """
        <!-- a comment --><?pi data?>
        <r:host xmlns:r='\(Self.reg)' xmlns:e="\(F.echoNS)">
          <r:apis-implemented>
            <e:echo version = '2.0.0'><!-- c --><e:url><![CDATA[https://x.edu/echo?a=1&b=2]]></e:url></e:echo>
            <echo xmlns="\(F.iiasNS7)" version="7.0.0"><get-url>https://x.edu/&#x69;ias&amp;x</get-url><max-iia-ids> 4 </max-iia-ids></echo>
          </r:apis-implemented>
          <institutions-covered><hei-id>
             a&amp;b.edu </hei-id><hei-id>&#99;.edu</hei-id></institutions-covered>
        </r:host>
        <institutions><hei id=" a&amp;b.edu "><name xml:lang="en">A &lt;&amp;&gt; B</name><other-id type="pic">1<!-- x -->2</other-id></hei></institutions>
        """
        let bytes = Self.doc(body)
        let c = try Catalogue.parse(bytes)
        #expect(sameCatalogue(c, try TreeCatalogueOracle.parse(bytes)))
        #expect(c.hosts[0].heiIDs == ["a&b.edu", "c.edu"])
        #expect(c.endpoint(hei: "c.edu", apiNamespace: F.echoNS, apiName: "echo", majorVersion: 2)?.urls["url"] == "https://x.edu/echo?a=1&b=2")
        let other = c.endpoint(hei: "c.edu", apiNamespace: F.iiasNS7, apiName: "echo", majorVersion: 7)
        #expect(other?.urls["get-url"] == "https://x.edu/iias&x")
        #expect(other?.limits["max-iia-ids"] == 4)
        #expect(c.heiName("a&b.edu") == "A <&> B")
        #expect(c.heiIDs(otherIDType: "pic", value: "12") == ["a&b.edu"])
    }

    @Test(arguments: [
        ("DOCTYPE", "<!DOCTYPE catalogue [<!ENTITY x \"boom\">]>"),
        ("DOCTYPE after a comment", "<!-- hi --><!DOCTYPE catalogue>"),
        ("UTF-16", "<?xml version=\"1.0\" encoding=\"UTF-16\"?>"),
    ])
    func hostilePrologs(_ t: (String, String)) {
        #expect(throws: CatalogueError.self, "\(t.0)") { try Catalogue.parse(Self.doc("<host/><institutions/>", prolog: t.1)) }
    }

    @Test(arguments: [
        "<host></hosts><institutions/>",                                        // mismatched end tag
        "<host><institutions/>",                                               // unclosed
        "<host/><institutions/><p:x/>",                                         // undeclared prefix
        "<host/><institutions><hei id=\"a\"><name>&bogus;</name></hei></institutions>",   // undefined entity
        "<host/><institutions><hei id=\"a\"><name>&#0;</name></hei></institutions>",     // NUL reference
        "<host/><institutions><hei id=a/></institutions>",                      // unquoted attribute
        "<host/><institutions><hei id=\"a\"id=\"b\"/></institutions>",          // no space between attributes
        "<host/><institutions/><![CDATA[x",                                     // unterminated CDATA
    ])
    func malformedDocumentsAreRejected(_ body: String) {
        #expect(throws: CatalogueError.self) { try Catalogue.parse(Self.doc(body)) }
    }

    @Test func contentAfterTheRootIsRejected() {
        let good = Self.doc("<host/><institutions/>")
        #expect((try? Catalogue.parse(good)) != nil)
        #expect((try? Catalogue.parse(good + Array("\n<!-- trailing comment -->\n".utf8))) != nil)
        #expect(throws: CatalogueError.self) { try Catalogue.parse(good + Array("<catalogue/>".utf8)) }
        #expect(throws: CatalogueError.self) { try Catalogue.parse(good + Array("text".utf8)) }
    }

    @Test func deepNestingIsLimited() {
        let deep = String(repeating: "<x>", count: 300) + String(repeating: "</x>", count: 300)
        #expect(throws: CatalogueError.self) { try Catalogue.parse(Self.doc("<host>\(deep)</host><institutions/>")) }
    }

    /// Every truncation of a catalogue fails cleanly (no trap), except the complete document.
    @Test func everyTruncationThrows() throws {
        let bytes = CatalogueFixture.ownExample
        let end = bytes.lastIndex(of: UInt8(ascii: ">"))!
        for k in stride(from: 0, to: end, by: 3) {
            #expect(throws: (any Error).self) { try Catalogue.parse(Array(bytes[0..<k])) }
        }
        #expect((try? Catalogue.parse(Array(bytes[0...end]))) != nil)
    }

    /// Random single-byte corruptions never trap; when they parse, the result is still a catalogue.
    @Test func randomCorruptionNeverTraps() throws {
        let bytes = CatalogueFixture.ownExample
        var rng = SystemRandomNumberGenerator()
        let specials: [UInt8] = Array("<>/&;:=\"'![]?-x ".utf8) + [0, 0xFF]
        for _ in 0..<1000 {
            var m = bytes
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                m[Int.random(in: 0..<m.count, using: &rng)] = specials.randomElement(using: &rng)!
            }
            if let c = try? Catalogue.parse(m) { #expect(c.hostCount >= 1) }
        }
    }
}
