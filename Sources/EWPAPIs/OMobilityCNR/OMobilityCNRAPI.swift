import EWPCore
import EWPNotifications
import EWPXML

/// Outgoing Mobility CNR v1 (ewp-specs-api-omobility-cnr): the sending HEI tells us, the
/// receiving HEI, that mobilities (nominations) changed. Served by the receiving HEI; POST only.
public enum OMobilityCNRAPI {
    public static let version = "1.0.0"
    public static let api = NotificationAPI.omobility
    public static let entry = ChangeNotificationRules.entry(api, major: 1)

    public static func manifestEntry(url: String) -> XElement {
        ChangeNotificationRules.manifestEntry(entry, version: version, url: url, maxIDs: true)
    }

    public static func notification(_ parameters: RequestParameters, callerHEIs: [HEIID]) throws(APIRequestError) -> ChangeNotification {
        try ChangeNotificationRules.namedNotifier(parameters, parameter: "sending_hei_id", callerHEIs: callerHEIs)
    }

    public static var response: XElement { ChangeNotificationRules.response(api, major: 1) }
}

extension OMobilityCNRAPI {
    public static let endpoint = ServedEndpoint("omobility-cnr", methods: [.post], label: api.rawValue)
    public static let served = ServedAPI(endpoint, manifestEntry: manifestEntry(url:),
                                         handle: ChangeNotificationRules.handler(api, response: response, parse: notification))
}
