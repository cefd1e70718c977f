import Testing
import EWPXML

/// A registry-sized catalogue (5,000 HEIs) parses and converts quickly. The bound here is loose
/// (debug build, shared CI machines). Measured in release on the 2-core dev machine: 10.1 MB
/// (this document) 36 ms CPU, 11.4 MB pretty-printed 47 ms CPU; XSD validation of the latter
/// against manifest-with-entries.xsd 135 ms CPU.
@Suite struct ParsePerformanceTests {
    @Test func fiveThousandHEICatalogue() throws {
        let doc = XMLWriter.document(Documents.catalogue(heis: 5_000), prefixes: Documents.prefixes)
        #expect(doc.count > 8_000_000)
        var best = Duration.seconds(100)
        var root: XElement?
        for _ in 0..<3 {
            let start = ContinuousClock.now
            root = try XMLReader.parse(doc)
            best = min(best, ContinuousClock.now - start)
        }
        #expect(root?.elements("host", namespace: NS.registry).count == 5_000)
        print("EWPXML: parse+convert of a \(doc.count / 1_000_000) MB, 5,000-HEI catalogue: \(best)")
        #expect(best < .seconds(3))
    }
}
