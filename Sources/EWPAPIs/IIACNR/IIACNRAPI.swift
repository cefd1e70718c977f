import EWPCore
import EWPNotifications
import EWPXML

/// IIA CNR v3 (ewp-specs-api-iia-cnr): a partner tells us one of its IIA copies changed. `iia_id`
/// is the partner's own id; the notifier is the HEI of the signing key (v3 dropped `notifier_hei_id`).
public enum IIACNRAPI {
    public static let version = "3.0.0"
    public static let api = NotificationAPI.iia
    public static let entry = ChangeNotificationRules.entry(api, major: 3)

    public static func manifestEntry(url: String) -> XElement {
        ChangeNotificationRules.manifestEntry(entry, version: version, url: url, maxIDs: false)
    }

    public static func notification(_ parameters: RequestParameters, callerHEIs: [HEIID]) throws(APIRequestError) -> ChangeNotification {
        ChangeNotification(notifierHEIs: callerHEIs.map(\.value), objectIDs: try parameters.requiredIDs("iia_id", max: ChangeNotificationRules.maxIDs))
    }

    public static var response: XElement { ChangeNotificationRules.response(api, major: 3) }
}

extension IIACNRAPI {
    public static let endpoint = ServedEndpoint("iia-cnr", methods: [.post], label: api.rawValue)
    public static let served = ServedAPI(endpoint, manifestEntry: manifestEntry(url:),
                                         handle: ChangeNotificationRules.handler(api, response: response, parse: notification))
}
