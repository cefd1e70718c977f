import EWPXML

/// The `hei_id` parameter of the Institutions and Factsheet APIs: repeatable, required, at most
/// `max-hei-ids` occurrences (more → 400). Unknown, even empty, values are not errors: the
/// response simply leaves them out.
public enum HEIListParameter {
    public static let name = "hei_id"

    /// The distinct values in request order. `what` says what the caller asks for ("institution data").
    public static func values(_ parameters: RequestParameters, max: Int, what: String) throws(APIRequestError) -> [String] {
        let values = parameters.values(name)
        guard !values.isEmpty else {
            throw .badRequest("The required parameter hei_id is missing: name the HEIs whose \(what) you want (repeat hei_id, at most \(max) per request).")
        }
        guard values.count <= max else {
            throw .badRequest("\(values.count) hei_id values sent; at most \(max) are accepted per request (max-hei-ids in our manifest): split the request.")
        }
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }

    /// What `lookUp` finds for each of `heiIDs`, in order; HEIs it finds nothing for are left out.
    static func elements(_ heiIDs: [String], _ lookUp: (String) async throws(APIRequestError) -> XElement?) async throws(APIRequestError) -> [XElement] {
        var elements = [XElement]()
        for heiID in heiIDs {
            if let element = try await lookUp(heiID) { elements.append(element) }
        }
        return elements
    }
}
