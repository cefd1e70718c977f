import EWPCore
import EWPNotifications
import EWPXML

/// Incoming Mobility CNR v1 (ewp-specs-api-imobility-cnr): the receiving HEI tells us, the
/// sending HEI, that its answers to our nominations changed. Served by the sending HEI; POST only.
public enum IMobilityCNRAPI {
    public static let version = "1.0.0"
    public static let api = NotificationAPI.imobility
    public static let entry = ChangeNotificationRules.entry(api, major: 1)

    public static func manifestEntry(url: String) -> XElement {
        ChangeNotificationRules.manifestEntry(entry, version: version, url: url, maxIDs: true)
    }

    public static func notification(_ parameters: RequestParameters, callerHEIs: [HEIID]) throws(APIRequestError) -> ChangeNotification {
        try ChangeNotificationRules.namedNotifier(parameters, parameter: "receiving_hei_id", callerHEIs: callerHEIs)
    }

    public static var response: XElement { ChangeNotificationRules.response(api, major: 1) }
}

extension IMobilityCNRAPI {
    public static let endpoint = ServedEndpoint("imobility-cnr", methods: [.post], label: api.rawValue)
    public static let served = ServedAPI(endpoint, manifestEntry: manifestEntry(url:),
                                         handle: ChangeNotificationRules.handler(api, response: response, parse: notification))
}
