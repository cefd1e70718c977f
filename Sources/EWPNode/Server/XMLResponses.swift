import EWPAPIs
import EWPCore
import EWPSecurity
import Foundation
import HTTPTypes
import Hummingbird

/// The one place where EWP answers become HTTP responses: content type, X-Request-Id echo, and the
/// srvauth-httpsig signature when the request asked for one (errors included).
struct ResponseContext {
    var method: String
    var target: String
    var requestId: String?
    /// The `signature` parameter of an httpsig Authorization header, echoed as X-Request-Signature.
    var requestSignature: String?
    var wantsSignature: Bool
    var signer: ResponseSigner?
}

enum XMLResponses {
    static let contentType = "application/xml; charset=utf-8"

    /// The status line carries the code only (an empty reason phrase), as it always has.
    static func make(status: HTTPResponse.Status, body: [UInt8], headers extra: HTTPFields = [:], context: ResponseContext, now: Date) -> Response {
        var fields = HTTPFields()
        fields[.contentType] = contentType
        fields.append(contentsOf: extra)
        if context.wantsSignature, let signer = context.signer {
            let signed = signer.headers(requestMethod: context.method, requestTarget: context.target, requestId: context.requestId,
                                        requestSignature: context.requestSignature, body: body, now: now)
            fields.append(contentsOf: signed)
        } else if let requestId = context.requestId {
            fields.append("X-Request-Id", requestId)
        }
        return Response(status: HTTPResponse.Status(code: status.code), headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// Every error the node answers on its EWP paths: an `error-response` with the error's
    /// `developer-message`, its `user-message` when it has one, and its headers (`Allow`, the challenge).
    static func error(_ error: any EWPError, context: ResponseContext, now: Date) -> Response {
        let document = ErrorResponse(developerMessage: error.developerMessage, userMessages: error.userMessage.map { [.init(text: $0)] } ?? []).document
        return make(status: error.status, body: document, headers: error.responseHeaders, context: context, now: now)
    }

    static func plain(status: HTTPResponse.Status, contentType: String, body: [UInt8]) -> Response {
        var fields = HTTPFields()
        fields[.contentType] = contentType
        return Response(status: HTTPResponse.Status(code: status.code), headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}

extension HTTPFields {
    mutating func append(_ name: String, _ value: String) {
        if let fieldName = HTTPField.Name(name) {
            append(HTTPField(name: fieldName, value: value))
        }
    }

    func values(_ name: String) -> [String] {
        guard let fieldName = HTTPField.Name(name) else { return [] }
        return self[values: fieldName]
    }
}
