import EWPModel
import EWPSecurity
import Foundation

extension RequestParameters {
    /// The optional `modified_since` of an `index` endpoint (ewp-specs-architecture ›
    /// Index-pulling; the EWP API Validator's modified_since checks): at most once, an
    /// `xs:dateTime` with a time (a date alone, another layout or garbage is a 400). A `+` left
    /// unencoded in a query string arrives as a space: it is read as the zone's sign.
    public func modifiedSince() throws(APIRequestError) -> Date? {
        let given = values("modified_since")
        guard given.count <= 1 else { throw .badRequest("modified_since may be given once (it was given \(given.count) times).") }
        guard let text = given.first else { return nil }
        let plus = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: " ", with: "+")
        guard let date = (EWPModel.XSDateTime(text) ?? EWPModel.XSDateTime(plus))?.date else {
            throw .badRequest("modified_since \"\(CallerText.excerpt(text))\" is not an xs:dateTime such as 2004-02-12T15:19:21+01:00 (a date alone is not enough).")
        }
        return date
    }
}
