import EWPCore
import EWPNotifications
import EWPStore
import EWPXML
import Logging

/// What an inbound CNR tells us: which partner HEIs may hold the changed objects (we pull from
/// them) and the objects' ids. Every CNR endpoint answers 200 with its empty response element once
/// the request is authenticated and well formed, unknown ids included (ewp-specs-architecture ›
/// Broadcasting changes (CNR APIs)).
public struct ChangeNotification: Sendable, Equatable {
    public var notifierHEIs: [String]
    public var objectIDs: [String]
    /// Why nothing will be pulled although the request was well formed (logged, not answered).
    public var ignoredBecause: String?

    public init(notifierHEIs: [String], objectIDs: [String], ignoredBecause: String? = nil) {
        self.notifierHEIs = notifierHEIs
        self.objectIDs = objectIDs
        self.ignoredBecause = ignoredBecause
    }
}

/// The parameter rules the four CNR endpoints share.
enum ChangeNotificationRules {
    /// Largest number of ids one CNR may carry (declared as `max-omobility-ids` where the entry has one).
    static let maxIDs = 100

    /// `<api>-response` in the version's response namespace (`…/ewp-specs-api-<repository>/tree/stable-v<major>`).
    static func response(_ api: NotificationAPI, major: Int) -> XElement {
        XElement(api.rawValue + "-response", namespace: github + api.rawValue + "/tree/stable-v\(major)")
    }

    /// The reference of a CNR's manifest entry (element name = the queue key; the spec repository
    /// is named like it).
    static func entry(_ api: NotificationAPI, major: Int) -> APIReference {
        APIReference(namespace: github + api.rawValue + "/blob/stable-v\(major)/manifest-entry.xsd", name: api.rawValue, majorVersion: major)
    }

    private static let github = "https://github.com/erasmus-without-paper/ewp-specs-api-"

    /// A CNR naming its notifier HEI: we pull only from a HEI the signing key covers.
    static func namedNotifier(_ hei: String, parameter: String, ids: [String], callerHEIs: [HEIID]) -> ChangeNotification {
        guard callerHEIs.contains(HEIID(hei)) else {
            return ChangeNotification(notifierHEIs: [], objectIDs: ids,
                                      ignoredBecause: "\(parameter) \(hei) is not covered by the key that signed the request (it covers \(callerHEIs.map(\.value).joined(separator: ", ")))")
        }
        return ChangeNotification(notifierHEIs: [hei], objectIDs: ids)
    }

    /// A mobility CNR that names its notifier once in `parameter` (`sending_hei_id` or
    /// `receiving_hei_id`) and repeats `omobility_id`.
    static func namedNotifier(_ parameters: RequestParameters, parameter: String, callerHEIs: [HEIID]) throws(APIRequestError) -> ChangeNotification {
        let hei = try parameters.requiredSingle(parameter)
        let ids = try parameters.requiredIDs("omobility_id", max: maxIDs)
        return namedNotifier(hei, parameter: parameter, ids: ids, callerHEIs: callerHEIs)
    }

    static func manifestEntry(_ entry: APIReference, version: String, url: String, maxIDs: Bool) -> XElement {
        let ns = entry.namespace
        var children = [HTTPSecurityOptions.element(inEntryNamespace: ns), XElement("url", namespace: ns, text: url)]
        if maxIDs { children.append(XElement("max-omobility-ids", namespace: ns, text: String(Self.maxIDs))) }
        return XElement(entry.name, namespace: ns, attributes: [XAttribute("version", namespace: "", value: version)], children: children)
    }
}

extension ChangeNotificationRules {
    typealias Parser = @Sendable (RequestParameters, [HEIID]) throws(APIRequestError) -> ChangeNotification

    /// A CNR endpoint's handler: once the request is authenticated and well formed the ids go to the
    /// durable inbound queue under `api` (merged per partner and object) and the answer is the API's
    /// empty response element. What the later pull finds never changes this answer. If the queue
    /// cannot be written the partner gets 503 and will retry: a 200 would lose the notification.
    /// The endpoint's label names it in logs (ToR CNR v1 and v2 share one queue key).
    static func handler(_ api: NotificationAPI, response: XElement, parse: @escaping Parser) -> ServedAPI.Handler {
        { (call: APICall, services: APIServices) async throws(APIRequestError) -> XElement in
            let notification = try parse(call.parameters, call.requesterHEIs)
            if let why = notification.ignoredBecause {
                services.logger.notice("CNR accepted but ignored", metadata: ["api": .string(call.endpoint.label), "reason": .string(why)])
            }
            let keys = notification.notifierHEIs.flatMap { partner in
                notification.objectIDs.map { NotificationKey(api: api.rawValue, localHEI: call.servedHEI.value, partnerHEI: partner, objectID: $0) }
            }
            if !keys.isEmpty {
                let at = services.now()
                do {
                    try await services.store.enqueue(.inbound, keys, now: at, expiresAt: at.addingTimeInterval(services.notifications.lifetime),
                                                     settling: services.notifications.settling)
                } catch {
                    services.logger.error("cannot queue an inbound CNR", metadata: ["api": .string(api.rawValue), "error": .string("\(error)")])
                    throw APIRequestError(status: .serviceUnavailable, "The notification could not be stored; please retry later.")
                }
            }
            return response
        }
    }
}
