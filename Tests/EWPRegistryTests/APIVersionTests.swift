import Testing
@testable import EWPRegistry

@Suite struct APIVersionTests {
    @Test func parsing() {
        #expect(APIVersion("7.0.0")?.components == [7, 0, 0])
        #expect(APIVersion(" 2.1 ")?.components == [2, 1])
        #expect(APIVersion("10")?.major == 10)
        #expect(APIVersion("") == nil)
        #expect(APIVersion("7.0.0-rc1") == nil)
        #expect(APIVersion("7..0") == nil)
        #expect(APIVersion("v7") == nil)
    }

    @Test func ordering() {
        let sorted = ["7.10.0", "7.2.1", "7.0.0", "7.2", "7.2.0.1"].compactMap(APIVersion.init).sorted()
        #expect(sorted.map(\.description) == ["7.0.0", "7.2", "7.2.0.1", "7.2.1", "7.10.0"])
        #expect(APIVersion("7.2") == APIVersion("7.2.0"))
        #expect(Set([APIVersion("7.2")!, APIVersion("7.2.0")!]).count == 1)
    }
}
