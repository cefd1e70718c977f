import EWPTestSupport
import Testing

@Suite struct LoopbackPortsTests {
    /// Drawn at random from 12,768 ports, 300 draws would repeat one about 97 % of the time (the
    /// birthday bound) if handed-out ports were not remembered.
    @Test("ports handed out in one test process are never handed out twice")
    func neverTwice() throws {
        let ports = try (0..<300).map { _ in try LoopbackPorts.free() }
        #expect(Set(ports).count == ports.count)
        #expect(ports.allSatisfy { (20_000..<32_768).contains($0) })
    }
}
