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

    static func make(status: Int, body: [UInt8], headers extra: HTTPFields = [:], context: ResponseContext, now: Date) -> Response {
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
        return Response(status: HTTPResponse.Status(code: status), headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    static func error(_ error: NodeError, context: ResponseContext, now: Date) -> Response {
        make(status: error.status, body: error.errorResponse.document, headers: error.headers, context: context, now: now)
    }

    static func plain(status: Int, contentType: String, body: [UInt8]) -> Response {
        var fields = HTTPFields()
        fields[.contentType] = contentType
        return Response(status: HTTPResponse.Status(code: status), headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
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
