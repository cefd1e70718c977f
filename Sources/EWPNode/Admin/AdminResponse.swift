import EWPCore
import EWPCrypto
import EWPOperations
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// JSON answers of the admin API.
enum AdminResponse {
    static func json(_ status: HTTPResponse.Status, _ object: [String: Any]) -> Response {
        XMLResponses.plain(status: status, contentType: "application/json", body: JSONText.bytes(object))
    }

    /// Every admin refusal: `{"error": developer message}` with the error's status and headers.
    static func error(_ error: any EWPError) -> Response {
        var response = json(error.status, ["error": error.developerMessage])
        for field in error.responseHeaders { response.headers.append(field) }
        return response
    }

    /// Compares the SHA-256 digests of both strings (always 32 bytes) without an early exit: neither
    /// how much of a token matched nor the token's length shows in the time taken.
    static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = SHA256Hash.bytes(Array(a.utf8)), y = SHA256Hash.bytes(Array(b.utf8))
        var difference: UInt8 = 0
        for i in 0..<min(x.count, y.count) { difference |= x[i] ^ y[i] }
        return difference == 0 && x.count == y.count
    }
}
