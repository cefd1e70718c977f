import EWPCore
import EWPSecurity
import HTTPTypes

/// What the router itself refuses, before any API handler runs: on the EWP paths written as an
/// `error-response` (`XMLResponses.error`), on `/admin` as JSON (`AdminResponse.error`). Handlers'
/// refusals (EWP and admin) are `APIRequestError`, signature failures `AuthFailure`.
enum RouterError: EWPError, Equatable {
    case methodNotAllowed(String, allowed: [String])
    case bodyTooLarge(limit: Int)
    /// No registry catalogue yet, so no signature can be checked.
    case noCatalogue
    case unsupportedMediaType(String)
    case formNotUTF8
    /// `/manifest.xml` on a node that covers several HEIs (each has its own).
    case severalHosts(heiIDs: [String])
    case unknownHEI(String, covered: [String])
    case noEndpoint(path: String, manifestURLs: [String])
    /// No admin token configured: the admin API is off.
    case adminOff
    case adminTokenMissing
    case adminMethodNotAllowed(String, path: String, allowed: [String])
    case noAdminEndpoint(path: String)

    var status: HTTPResponse.Status {
        switch self {
        case .methodNotAllowed, .adminMethodNotAllowed: .methodNotAllowed
        case .bodyTooLarge: .contentTooLarge
        case .noCatalogue: .serviceUnavailable
        case .unsupportedMediaType: .unsupportedMediaType
        case .formNotUTF8: .badRequest
        case .severalHosts, .unknownHEI, .noEndpoint, .adminOff, .noAdminEndpoint: .notFound
        case .adminTokenMissing: .unauthorized
        }
    }

    var developerMessage: String {
        switch self {
        case .methodNotAllowed(let method, let allowed):
            "HTTP method \(method) is not allowed here; use \(allowed.joined(separator: " or "))."
        case .bodyTooLarge(let limit):
            "Request body larger than \(limit) bytes; send fewer IDs per request."
        case .noCatalogue:
            "This node has no registry catalogue yet, so it cannot check signatures; retry later."
        case .unsupportedMediaType(let contentType):
            "POST parameters must be sent as application/x-www-form-urlencoded (got \"\(CallerText.excerpt(contentType))\")."
        case .formNotUTF8:
            "The form body is not valid UTF-8."
        case .severalHosts(let heiIDs):
            "This node covers several HEIs, each its own EWP host: fetch /hei/<hei-id>/manifest.xml (\(heiIDs.joined(separator: ", ")))."
        case .unknownHEI(let heiID, let covered):
            "This node does not cover the HEI \"\(CallerText.excerpt(heiID))\"; it covers \(covered.joined(separator: ", "))."
        case .noEndpoint(let path, let manifestURLs):
            "No EWP endpoint at \(path). The APIs of each covered HEI are listed in its manifest: \(manifestURLs.joined(separator: ", "))."
        case .adminOff:
            "The admin API is off: set EWP_ADMIN_TOKEN to turn it on."
        case .adminTokenMissing:
            "Send Authorization: Bearer <EWP_ADMIN_TOKEN>."
        case .adminMethodNotAllowed(let method, let path, let allowed):
            "Method \(method) is not allowed on \(path); use \(allowed.joined(separator: ", "))."
        case .noAdminEndpoint(let path):
            "No admin endpoint at \(path); see README.md, \"Admin API\", and Docs/admin-openapi.json."
        }
    }

    var responseHeaders: HTTPFields {
        switch self {
        case .methodNotAllowed(_, let allowed), .adminMethodNotAllowed(_, _, let allowed): [.allow: allowed.joined(separator: ", ")]
        case .adminTokenMissing: [.wwwAuthenticate: "Bearer realm=\"ewp-node admin\""]
        default: [:]
        }
    }
}
