import EWPAPIs
import EWPOperations
import Foundation
import HTTPTypes
import Hummingbird

/// One admin endpoint: its method, its path template (`{name}` matches one segment) and its handler.
/// `AdminRoutes.all` is the only list of admin endpoints: the dispatcher reads it, and the OpenAPI
/// test compares it with Docs/admin-openapi.json, so an endpoint cannot go undocumented.
struct AdminRoute: Sendable {
    let method: HTTPRequest.Method
    let path: String
    let handle: @Sendable (NodeRuntime, AdminCall) async throws(APIRequestError) -> Response

    /// The path parameters when `segments` (the request path split at "/") fit this template.
    /// A parameter is percent-decoded, so an id holding "/" or "%" can be asked for (`a%2Fb`);
    /// one that is not valid percent-encoding is taken as written.
    func parameters(matching segments: [String]) -> [String: String]? {
        let template = path.split(separator: "/").map(String.init)
        guard template.count == segments.count else { return nil }
        var parameters = [String: String]()
        for (expected, actual) in zip(template, segments) {
            if expected.hasPrefix("{") && expected.hasSuffix("}") {
                parameters[String(expected.dropFirst().dropLast())] = actual.removingPercentEncoding ?? actual
            } else if expected != actual {
                return nil
            }
        }
        return parameters
    }
}

/// What a handler gets: the request, its query and the path parameters.
struct AdminCall {
    let request: Request
    let query: AdminQuery
    let parameters: [String: String]

    func parameter(_ name: String) -> String { parameters[name] ?? "" }
}

enum AdminRoutes {
    static let all: [AdminRoute] = [
        AdminRoute(method: .get, path: "/admin/cnr") { runtime, call throws(APIRequestError) in try await runtime.listRows(call.query) },
        AdminRoute(method: .get, path: "/admin/cnr/summary") { runtime, _ throws(APIRequestError) in AdminResponse.json(.ok, await runtime.summaryJSON()) },
        AdminRoute(method: .post, path: "/admin/cnr/{queue}/{id}/retry") { runtime, call throws(APIRequestError) in
            try await runtime.changeRow(queue: call.parameter("queue"), id: call.parameter("id"), action: .retry)
        },
        AdminRoute(method: .post, path: "/admin/cnr/{queue}/{id}/drop") { runtime, call throws(APIRequestError) in
            try await runtime.changeRow(queue: call.parameter("queue"), id: call.parameter("id"), action: .drop)
        },
        AdminRoute(method: .post, path: "/admin/sync") { runtime, call throws(APIRequestError) in try await runtime.syncNow(call.query) },
        AdminRoute(method: .post, path: "/admin/import") { runtime, call throws(APIRequestError) in try await runtime.adminImport(call.request, call.query) },
        AdminRoute(method: .get, path: "/admin/iias") { runtime, call throws(APIRequestError) in try await runtime.adminIIAs(call.query) },
        AdminRoute(method: .get, path: "/admin/iias/partner-copy") { runtime, call throws(APIRequestError) in try await runtime.adminPartnerCopy(call.query) },
        AdminRoute(method: .get, path: "/admin/iias/explain") { runtime, call throws(APIRequestError) in try await runtime.adminExplain(call.query) },
        AdminRoute(method: .post, path: "/admin/iias/approve") { runtime, call throws(APIRequestError) in try await runtime.approve(call.query) },
        AdminRoute(method: .post, path: "/admin/iias/delete") { runtime, call throws(APIRequestError) in try await runtime.adminDeleteIIA(call.query) },
        AdminRoute(method: .get, path: "/admin/las") { runtime, call throws(APIRequestError) in try await runtime.adminLAView(["las"], call.query) },
        AdminRoute(method: .get, path: "/admin/las/show") { runtime, call throws(APIRequestError) in try await runtime.adminLAView(["las", "show"], call.query) },
        AdminRoute(method: .post, path: "/admin/las/approve") { runtime, call throws(APIRequestError) in try await runtime.updatePartnerLA("approve", call.query) },
        AdminRoute(method: .post, path: "/admin/las/comment") { runtime, call throws(APIRequestError) in try await runtime.updatePartnerLA("comment", call.query) },
        AdminRoute(method: .get, path: "/admin/tors") { runtime, call throws(APIRequestError) in try await runtime.adminToRView(["tors"], call.query) },
        AdminRoute(method: .get, path: "/admin/tors/show") { runtime, call throws(APIRequestError) in try await runtime.adminToRView(["tors", "show"], call.query) },
        AdminRoute(method: .post, path: "/admin/nominations/verify") { runtime, call throws(APIRequestError) in try await runtime.adminChangeNomination("verify", call.query) },
        AdminRoute(method: .post, path: "/admin/nominations/reject") { runtime, call throws(APIRequestError) in try await runtime.adminChangeNomination("reject", call.query) },
        AdminRoute(method: .get, path: "/admin/mobilities") { runtime, call throws(APIRequestError) in try await runtime.adminMobilities(call.query) },
        AdminRoute(method: .get, path: "/admin/mobilities/{omobility_id}") { runtime, call throws(APIRequestError) in
            try await runtime.adminMobility(call.parameter("omobility_id"), call.query)
        },
        AdminRoute(method: .post, path: "/admin/mobilities/arrival") { runtime, call throws(APIRequestError) in try await runtime.adminChangeNomination("arrival", call.query) },
        AdminRoute(method: .post, path: "/admin/mobilities/departure") { runtime, call throws(APIRequestError) in try await runtime.adminChangeNomination("departure", call.query) },
        AdminRoute(method: .get, path: "/admin/registry") { runtime, _ throws(APIRequestError) in try runtime.adminRegistry() },
        AdminRoute(method: .post, path: "/admin/registry/refresh") { runtime, _ throws(APIRequestError) in try await runtime.adminRegistryRefresh() },
    ]
}
