import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// JSON answers of the admin API.
enum AdminResponse {
    static func json(_ status: Int, _ object: [String: Any]) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return XMLResponses.plain(status: status, contentType: "application/json", body: Array(data))
    }

    static func error(_ status: Int, _ message: String, headers: HTTPFields = [:]) -> Response {
        var response = json(status, ["error": message])
        for field in headers { response.headers.append(field) }
        return response
    }

    /// Compares without an early exit, so the time taken does not tell how much of a token matched.
    static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        var difference = UInt8(x.count == y.count ? 0 : 1)
        for i in 0..<max(x.count, y.count) {
            difference |= (i < x.count ? x[i] : 0) ^ (i < y.count ? y[i] : 0)
        }
        return difference == 0
    }
}
