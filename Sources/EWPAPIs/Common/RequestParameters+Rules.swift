import Foundation

/// Parameter rules every EWP endpoint shares; each failure is a 400 that names the parameter.
extension RequestParameters {
    /// The non-empty values of a required, repeatable id parameter, duplicates removed (first kept),
    /// at most `max` of them.
    public func requiredIDs(_ name: String, max: Int) throws(APIRequestError) -> [String] {
        let given = values(name).map { $0.trimmingCharacters(in: .whitespaces) }
        guard !given.isEmpty else { throw .badRequest("The required parameter \(name) is missing.") }
        guard !given.contains(where: \.isEmpty) else { throw .badRequest("A \(name) parameter is empty.") }
        var seen = Set<String>()
        let unique = given.filter { seen.insert($0).inserted }
        guard unique.count <= max else {
            throw .badRequest("\(unique.count) \(name) values sent; at most \(max) are accepted per request.")
        }
        return unique
    }

    /// The value of a required parameter that may be given once only.
    public func requiredSingle(_ name: String) throws(APIRequestError) -> String {
        let given = values(name)
        guard let value = given.first?.trimmingCharacters(in: .whitespaces), !value.isEmpty else {
            throw .badRequest("The required parameter \(name) is missing.")
        }
        guard given.count == 1 else { throw .badRequest("\(name) must be given once (it was given \(given.count) times).") }
        return value
    }
}
