@testable import EWPOperations
import Testing

/// `ListPage.read` over a list of 0..<450 that a stand-in store pages.
@Suite("ListPage")
struct ListPageTests {
    static let entries = Array(0..<450)

    /// The slice as a store gives it, and every (limit, offset) asked.
    final class Reader {
        var asked: [(Int, Int)] = []
        func read(_ limit: Int, _ offset: Int) -> (rows: [Int], entries: Int, total: Int) {
            asked.append((limit, offset))
            let slice = Array(ListPageTests.entries.dropFirst(offset).prefix(limit))
            return (slice, slice.count, ListPageTests.entries.count)
        }
    }

    @Test("without a condition: one read of the page, the store's total")
    func plain() async throws {
        let reader = Reader()
        let page = try await ListPage<Int>.read(limit: 25, offset: 50, matching: nil) { reader.read($0, $1) }
        #expect(page.rows == Array(50..<75) && page.total == 450)
        #expect(reader.asked.count == 1 && reader.asked[0] == (25, 50))
    }

    @Test("with a condition: every entry read in batches, the matches counted, the page's rows kept (across batch edges)")
    func matching() async throws {
        let reader = Reader()
        let page = try await ListPage<Int>.read(limit: 5, offset: 98, matching: { $0 % 2 == 0 }) { reader.read($0, $1) }
        #expect(page.rows == [196, 198, 200, 202, 204] && page.total == 225)
        #expect(reader.asked.map(\.1) == [0, 200, 400] && reader.asked.allSatisfy { $0.0 == ListPage<Int>.batch })
        let past = try await ListPage<Int>.read(limit: 5, offset: 225, matching: { $0 % 2 == 0 }) { Reader().read($0, $1) }
        #expect(past.rows.isEmpty && past.total == 225)
    }
}
