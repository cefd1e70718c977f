import EWPModel
import EWPTestSupport
import EWPXML
import Testing

/// Paths and lines of elements, for import messages that name the wrong element exactly.
@Suite("IIA model: where an element is (path and line)")
struct IIADocumentMapTests {
    static let text = """
    <root>
      <a/>
      <b><c>1</c>
        <c>2</c></b>
      <a><d/></a>
    </root>
    """

    @Test("Preorder entries: positions only among same-named siblings, lines from libxml2")
    func entries() throws {
        let bytes = Array(Self.text.utf8)
        let map = DocumentMap(root: try XMLReader.parse(bytes), lines: try XMLReader.elementLines(bytes))
        #expect(map.entries.map(\.path) == ["/root", "/root/a[1]", "/root/b", "/root/b/c[1]", "/root/b/c[2]", "/root/a[2]", "/root/a[2]/d"])
        #expect(map.entries.map(\.line) == [1, 2, 3, 3, 4, 5, 5])
        #expect(map.entry(at: [1, 1])?.path == "/root/b/c[2]")
        #expect(map.entry(at: [2, 0])?.line == 5)
        #expect(map.entry(at: [3, 5]) == nil)
        #expect(map.entry(line: 5, name: "d")?.path == "/root/a[2]/d")
        #expect(map.entry(line: 3, name: nil)?.path == "/root/b")
    }

    @Test("A problem location inside an imported IIA maps to its path and line")
    func iiaProblemLocation() throws {
        let bytes = IIADocuments.response([IIADocuments.iia(hei: "a.example", id: "1", partner: "b.example"),
                                           IIADocuments.iia(hei: "a.example", id: "2", partner: "b.example")])
        let map = DocumentMap(root: try XMLReader.parse(bytes), lines: try XMLReader.elementLines(bytes))
        let entry = try #require(map.entry(at: [1, 0, 2]))
        #expect(entry.path == "/iias-get-response/iia[2]/partner[1]/iia-code")
        let line = try #require(entry.line)
        let lineText = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)[line - 1]
        #expect(lineText.contains("<iia-code>CODE/2</iia-code>"), "\(lineText)")
    }
}
