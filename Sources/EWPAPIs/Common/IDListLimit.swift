import EWPSecurity

/// The one limit on id lists in requests (CNRs and `get`): how many ids one request may carry (each
/// API's own, as its manifest entry declares it) and how long each id may be, the same for every API:
/// ewp-specs-architecture "Identifiers": 1 to 64 characters (`AsciiPrintableIdentifier`).
public struct IDListLimit: Sendable, Equatable {
    /// Longest id accepted, in characters.
    public static let maxIDLength = 64

    public var maxCount: Int

    public init(maxCount: Int) { self.maxCount = maxCount }

    /// Refuses a list with more than `maxCount` values (counted as sent, repeats included: the EWP
    /// API Validator sends max+1 copies of one id and expects 400) or a value longer than
    /// `maxIDLength`.
    func check(_ name: String, _ values: [String]) throws(APIRequestError) {
        guard values.count <= maxCount else {
            throw .badRequest("\(values.count) \(name) values sent; at most \(maxCount) are accepted per request (the max-\(name.replacingOccurrences(of: "_", with: "-"))s of our manifest entry): split the request.")
        }
        if let long = values.first(where: { $0.count > Self.maxIDLength }) {
            throw .badRequest("A \(name) value has \(long.count) characters (\"\(CallerText.excerpt(long, limit: 40))\"); EWP ids have 1 to \(Self.maxIDLength) characters.")
        }
    }
}
