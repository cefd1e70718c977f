import Testing
import EWPXML

/// A registry-sized catalogue (5,000 HEIs) parses and converts quickly. The bound here is loose
/// (debug builds, shared CI machines); the release figure is in the EWPXML report / README.
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
