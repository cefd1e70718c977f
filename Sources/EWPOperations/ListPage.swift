/// One page of a list for people (the console) and how many rows match in all.
public struct ListPage<Row: Sendable>: Sendable {
    public var rows: [Row]
    public var total: Int

    public init(rows: [Row], total: Int) {
        self.rows = rows
        self.total = total
    }

    /// The `limit` rows from `offset` of a list the store pages: `read(limit, offset)` gives the rows
    /// of that slice of the store's entries, how many entries it covered, and the store's total.
    /// Without `matching` that is one read of the page. With it (a condition on what the rows are
    /// made of, which the store does not index) every entry is read, a batch at a time so that only a
    /// batch of documents is held, and the matches are counted here.
    static func read(limit: Int, offset: Int, matching: (@Sendable (Row) -> Bool)?,
                     _ read: (_ limit: Int, _ offset: Int) async throws -> (rows: [Row], entries: Int, total: Int)) async throws -> ListPage {
        guard let matching else {
            let slice = try await read(limit, offset)
            return ListPage(rows: slice.rows, total: slice.total)
        }
        var kept: [Row] = [], total = 0, done = 0
        while true {
            let batch = try await read(Self.batch, done)
            for row in batch.rows where matching(row) {
                if total >= offset && kept.count < limit { kept.append(row) }
                total += 1
            }
            done += batch.entries
            if batch.entries < Self.batch { break }
        }
        return ListPage(rows: kept, total: total)
    }

    static var batch: Int { 200 }
}
