import Foundation

/// One page of a list, and the links to the pages before and after it (keeping the search).
struct ConsoleList<Item> {
    static var pageSize: Int { 25 }
    /// Beyond any real list; keeps the offset of a page number typed into the address far from overflow.
    static var lastPage: Int { 1_000_000 }

    let items: [Item]
    let pager: [String: Any]
    let total: Int

    /// The page asked for, from 1 (`call.query("page")`).
    static func page(_ call: ConsoleCall) -> Int { min(max(1, Int(call.query("page") ?? "") ?? 1), lastPage) }

    /// Where the page asked for starts in the whole list.
    static func offset(_ call: ConsoleCall) -> Int { (page(call) - 1) * pageSize }

    /// Page `call.query("page")` (from 1) of `all`; the links keep `search` (name, value) pairs.
    init(_ all: [Item], call: ConsoleCall, path: String, search: [(String, String)]) {
        let start = min(Self.offset(call), all.count)
        self.init(page: Array(all[start..<min(start + Self.pageSize, all.count)]), total: all.count, call: call, path: path, search: search)
    }

    /// The page asked for, cut already (by the store, from `offset(call)`), of `total` items in all.
    init(page items: [Item], total: Int, call: ConsoleCall, path: String, search: [(String, String)]) {
        let page = Self.page(call), start = Self.offset(call)
        self.items = items
        self.total = total
        func link(_ page: Int) -> String {
            let pairs = search.filter { !$0.1.isEmpty } + (page > 1 ? [("page", String(page))] : [])
            guard !pairs.isEmpty else { return path }
            let query = pairs.map { "\(Self.encoded($0.0))=\(Self.encoded($0.1))" }.joined(separator: "&")
            return path + "?" + query
        }
        var pager: [String: Any] = ["page": page]
        if page > 1 { pager["previous"] = link(page - 1) }
        if start + Self.pageSize < total { pager["next"] = link(page + 1) }
        self.pager = pager
    }

    static func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? ""
    }
}

/// Search words: a case-insensitive "contains" on any of the fields.
enum ConsoleSearch {
    static func matches(_ query: String?, _ fields: String?...) -> Bool {
        guard let query = query?.trimmingCharacters(in: .whitespaces), !query.isEmpty else { return true }
        return fields.contains { $0?.localizedCaseInsensitiveContains(query) == true }
    }

    /// Options of a select: each (value, label), the chosen one marked.
    static func options(_ choices: [(String, String)], chosen: String?) -> [[String: Any]] {
        choices.map { ["value": $0.0, "label": $0.1, "selected": $0.0 == (chosen ?? "")] }
    }

    static func day(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: false).timeSeparator(.colon))
    }
}
