import EWPAPIs
import EWPNotifications
import EWPStore
import EWPXML
import Hummingbird

extension NodeRuntime {
    typealias NotificationParser = @Sendable (RequestParameters, [String]) throws(APIRequestError) -> ChangeNotification

    /// A CNR endpoint: POST only; once the request is authenticated and well formed the ids go to the
    /// durable inbound queue (merged per partner and object) and the answer is the API's empty
    /// response element. What the later pull finds never changes this answer. If the queue cannot
    /// be written the partner gets 503 and will retry: a 200 would lose the notification.
    /// The endpoint's label names it in metrics and logs (ToR CNR v1 and v2 share one queue key, `api`).
    func serveChangeNotification(_ request: Request, host: CoveredHost, endpoint: ServedEndpoint, api: NotificationAPI,
                                 response: XElement, parse: @escaping NotificationParser) async -> Response {
        await serveEWP(request, host: host, endpoint: endpoint) { parameters, client, host throws(NodeError) in
            let notification: ChangeNotification
            do throws(APIRequestError) {
                notification = try parse(parameters, client.heiIDs)
            } catch {
                throw NodeError(error)
            }
            if let why = notification.ignoredBecause {
                logger.notice("CNR accepted but ignored", metadata: ["api": .string(endpoint.label), "reason": .string(why)])
            }
            let keys = notification.notifierHEIs.flatMap { partner in
                notification.objectIDs.map { NotificationKey(api: api.rawValue, localHEI: host.heiID, partnerHEI: partner, objectID: $0) }
            }
            if !keys.isEmpty {
                let at = now()
                do {
                    try await store.enqueue(.inbound, keys, now: at, expiresAt: at.addingTimeInterval(notifications.settings.lifetime),
                                            settling: notifications.settings.settling)
                } catch {
                    logger.error("cannot queue an inbound CNR", metadata: ["api": .string(api.rawValue), "error": .string("\(error)")])
                    throw NodeError.unavailable("The notification could not be stored; please retry later.")
                }
            }
            return response
        }
    }
}
