import Foundation

/// Parameter rules every EWP endpoint shares; each failure is a 400 that names the parameter.
extension RequestParameters {
    /// The non-empty values of a required, repeatable id parameter, duplicates removed (first kept),
    /// within `IDListLimit(maxCount: max)`: at most `max` of them as sent, each at most 64 characters.
    public func requiredIDs(_ name: String, max: Int) throws(APIRequestError) -> [String] {
        let given = values(name).map { $0.trimmingCharacters(in: .whitespaces) }
        guard !given.isEmpty else { throw .badRequest("The required parameter \(name) is missing.") }
        guard !given.contains(where: \.isEmpty) else { throw .badRequest("A \(name) parameter is empty.") }
        try IDListLimit(maxCount: max).check(name, given)
        var seen = Set<String>()
        return given.filter { seen.insert($0).inserted }
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
