/// One thing wrong (or skipped) in an imported document: where, as precisely as known, and why.
public struct ImportIssue: Sendable, Equatable, CustomStringConvertible {
    public var line: Int?
    /// XPath-like path of the element, e.g. `/iias-get-response/iia[2]/partner[1]/iia-code`.
    public var path: String?
    public var message: String

    public init(line: Int? = nil, path: String? = nil, message: String) {
        self.line = line
        self.path = path
        self.message = message
    }

    public var description: String {
        let place = [line.map { "line \($0)" }, path].compactMap { $0 }.joined(separator: ", ")
        return place.isEmpty ? message : "\(place): \(message)"
    }
}
