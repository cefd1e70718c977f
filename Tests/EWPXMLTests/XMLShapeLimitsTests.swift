import EWPXML
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// The shape limits checked before libxml2 sees a document, and where large parses run.
@Suite("XML shape limits and parse threads")
struct XMLShapeLimitsTests {
    static func element(attributes count: Int, prefix: String = "a") -> String {
        "<root" + (0..<count).map { " \(prefix)\($0)=\"v\"" }.joined() + "/>"
    }

    @Test("256 attributes on an element parse; 257 are refused before libxml2, with the line")
    func attributesPerElement() throws {
        let limit = XMLShapeLimits.standard.maxAttributesPerElement
        #expect(try XMLReader.parse(Array(Self.element(attributes: limit).utf8)).attributes.count == limit)
        #expect { try XMLReader.parse(Array(("<a>\n" + Self.element(attributes: limit + 1) + "</a>").utf8)) } throws: {
            let problem = $0 as? XMLProblem
            return problem?.message.contains("more than \(limit) attributes") == true && problem?.line == 2
        }
    }

    @Test("Namespace declarations count as attributes")
    func namespaceDeclarations() {
        let declarations = (0..<300).map { " xmlns:p\($0)=\"urn:x:\($0)\"" }.joined()
        #expect(throws: XMLProblem.self) { try XMLReader.parse(Array("<root\(declarations)/>".utf8)) }
    }

    @Test("The review's probe: 200,000 attributes (2.4 MB) are refused at once, by the tree parse, the stream and XSD validation")
    func reviewProbe() throws {
        let bytes = Array(Self.element(attributes: 200_000, prefix: "attr").utf8)
        #expect(bytes.count > 2_000_000)
        #expect { try XMLReader.parse(bytes) } throws: { ($0 as? XMLProblem)?.message.contains("attributes") == true }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("shape-\(UUID().uuidString).xsd").path
        try Data(#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element name="root"/></xs:schema>"#.utf8)
            .write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let schema = try XSDSchema(contentsOf: path)
        #expect(schema.validate(bytes).first?.message.contains("attributes") == true)
    }

    @Test("= inside quoted values, and '<' or '=' in comments, CDATA, processing instructions and text, are not attributes")
    func onlyAttributesCount() throws {
        let value = String(repeating: "=", count: 1000)
        let document = """
            <?xml version="1.0"?><?pi \(value)?><root a="\(value)" b='x>\(value)'><!-- <x \(value)> --><![CDATA[<y \(value)>]]>\(value)<c d="1"/></root>
            """
        let root = try XMLReader.parse(Array(document.utf8))
        #expect(root.attributes.count == 2 && root.children.count == 1)
    }

    @Test("The element count limit")
    func elementCount() {
        let limits = XMLShapeLimits(maxAttributesPerElement: 8, maxElements: 3)
        func problem(_ text: String) -> XMLProblem? { Array(text.utf8).withUnsafeBufferPointer { limits.problem(in: $0) } }
        #expect(problem("<a><b/><c></c></a>") == nil)
        #expect(problem("<a><b/><c/><d/></a>")?.message == "document has more than 3 elements")
        #expect(problem("<a><!-- <b/><c/><d/> --></a>") == nil)
    }

    /// The OS thread's name as ps and /proc show it, read with plain open/read on the calling
    /// thread itself (not through Foundation's file reading).
    static func threadName() -> String {
        let fd = open("/proc/thread-self/comm", O_RDONLY)
        guard fd >= 0 else { return "" }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = read(fd, &buffer, buffer.count)
        guard count > 0 else { return "" }
        return String(decoding: buffer[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("Large documents are parsed on a parse thread, small ones where the caller is")
    func parseThreads() async throws {
        let large = await XMLParseThreads.run(size: XMLParseThreads.threshold + 1) { Self.threadName() }
        #expect(large.hasPrefix("ewp-xml-parse-"))
        let small = await XMLParseThreads.run(size: 100) { Self.threadName() }
        #expect(!small.hasPrefix("ewp-xml-parse-"))
        let bytes = Array(("<root>" + String(repeating: "<a x=\"1\">text</a>", count: 10_000) + "</root>").utf8)
        #expect(try await XMLReader.parseOffPool(bytes).children.count == 10_000)
        await #expect(throws: XMLProblem.self) { try await XMLReader.parseOffPool(Array(Self.element(attributes: 100_000).utf8)) }
    }
}
