import EWPCore
import EWPNotifications
import EWPXML

/// OMobility LA CNR v1 (ewp-specs-api-omobility-la-cnr): the sending HEI tells us, the receiving
/// HEI, that learning agreements changed. Served by the receiving HEI.
public enum OMobilityLACNRAPI {
    public static let version = "1.1.0"
    public static let api = NotificationAPI.omobilityLA
    public static let entry = ChangeNotificationRules.entry(api, major: 1)

    public static func manifestEntry(url: String) -> XElement {
        ChangeNotificationRules.manifestEntry(entry, version: version, url: url, maxIDs: true)
    }

    public static func notification(_ parameters: RequestParameters, callerHEIs: [HEIID]) throws(APIRequestError) -> ChangeNotification {
        try ChangeNotificationRules.namedNotifier(parameters, parameter: "sending_hei_id", callerHEIs: callerHEIs)
    }

    public static var response: XElement { ChangeNotificationRules.response(api, major: 1) }
}

extension OMobilityLACNRAPI {
    public static let endpoint = ServedEndpoint("omobility-la-cnr", methods: [.post], label: api.rawValue)
    public static let served = ServedAPI(endpoint, manifestEntry: manifestEntry(url:),
                                         handle: ChangeNotificationRules.handler(api, response: response, parse: notification))
}
