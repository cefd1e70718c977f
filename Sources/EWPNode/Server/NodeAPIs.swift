import EWPAPIs
import EWPNotifications
import EWPXML
import Hummingbird

/// An API as the node serves it: its descriptor from EWPAPIs (endpoints with their paths, methods
/// and metrics labels; its manifest entry) and how the node answers each of its endpoints.
struct NodeAPI: Sendable {
    typealias Serve = @Sendable (NodeRuntime, Request, CoveredHost, ServedEndpoint) async -> Response
    let served: ServedAPI
    let serve: Serve
}

/// The one list of served APIs, in manifest order: the router (`NodeRuntime.route`), the manifest
/// and the URLs (`CoveredHost`) all read it. A new API is a folder in EWPAPIs and one line here.
enum NodeAPIs {
    static let all: [NodeAPI] = [
        NodeAPI(served: EchoAPI.served) { node, request, host, endpoint in
            await node.serveEWP(request, host: host, endpoint: endpoint) { parameters, client, _ in
                EchoAPI.response(requesterHEIs: client.heiIDs, parameters: parameters)
            }
        },
        NodeAPI(served: IIAsApprovalAPI.served) { await $0.serveApprovals($1, host: $2, endpoint: $3) },
        changeNotification(IIACNRAPI.served, IIACNRAPI.api, response: IIACNRAPI.response, parse: IIACNRAPI.notification),
        changeNotification(IIAApprovalCNRAPI.served, IIAApprovalCNRAPI.api, response: IIAApprovalCNRAPI.response,
                           parse: IIAApprovalCNRAPI.notification),
        changeNotification(OMobilityLACNRAPI.served, OMobilityLACNRAPI.api, response: OMobilityLACNRAPI.response,
                           parse: OMobilityLACNRAPI.notification),
        changeNotification(IMobilityToRCNRAPI.served, IMobilityToRCNRAPI.api, response: IMobilityToRCNRAPI.response,
                           parse: IMobilityToRCNRAPI.notification),
        changeNotification(IMobilityToRCNRv2API.served, IMobilityToRCNRv2API.api, response: IMobilityToRCNRv2API.response,
                           parse: IMobilityToRCNRv2API.notification),
        NodeAPI(served: InstitutionsAPI.served) { node, request, host, _ in await node.serveInstitutions(request, host: host) },
        NodeAPI(served: OUnitsAPI.served) { node, request, host, _ in await node.serveOUnits(request, host: host) },
        NodeAPI(served: FactsheetAPI.served) { node, request, host, _ in await node.serveFactsheet(request, host: host) },
        NodeAPI(served: IIAsAPI.served) { await $0.serveIIAs($1, host: $2, endpoint: $3) },
        NodeAPI(served: OMobilityLAsAPI.served) { await $0.serveOMobilityLAs($1, host: $2, endpoint: $3) },
        NodeAPI(served: IMobilityToRsAPI.served(.v2)) { await $0.serveToRs($1, host: $2, version: .v2, endpoint: $3) },
        NodeAPI(served: IMobilityToRsAPI.served(.v3)) { await $0.serveToRs($1, host: $2, version: .v3, endpoint: $3) },
    ]

    /// Every endpoint by its path below the HEI base (a path twice is a programming error).
    static let byPath: [String: (api: NodeAPI, endpoint: ServedEndpoint)] = Dictionary(uniqueKeysWithValues: all.flatMap { api in
        api.served.endpoints.map { ($0.path, (api, $0)) }
    })

    private static func changeNotification(_ served: ServedAPI, _ api: NotificationAPI, response: XElement,
                                           parse: @escaping NodeRuntime.NotificationParser) -> NodeAPI {
        NodeAPI(served: served) { node, request, host, endpoint in
            await node.serveChangeNotification(request, host: host, endpoint: endpoint, api: api, response: response, parse: parse)
        }
    }
}
