import EWPCore
import EWPNotifications
import EWPXML

/// IIA Approval CNR v2 (ewp-specs-api-iia-approval-cnr): a partner approved our copy of an IIA.
/// `iia_id` is OUR id; the approver is the HEI of the signing key (v2 dropped the hei parameters).
public enum IIAApprovalCNRAPI {
    public static let version = "2.0.0"
    public static let api = NotificationAPI.iiaApproval
    public static let entry = ChangeNotificationRules.entry(api, major: 2)

    public static func manifestEntry(url: String) -> XElement {
        ChangeNotificationRules.manifestEntry(entry, version: version, url: url, maxIDs: false)
    }

    public static func notification(_ parameters: RequestParameters, callerHEIs: [HEIID]) throws(APIRequestError) -> ChangeNotification {
        ChangeNotification(notifierHEIs: callerHEIs.map(\.value), objectIDs: try parameters.requiredIDs("iia_id", max: ChangeNotificationRules.maxIDs))
    }

    public static var response: XElement { ChangeNotificationRules.response(api, major: 2) }
}

extension IIAApprovalCNRAPI {
    public static let endpoint = ServedEndpoint("iia-approval-cnr", methods: [.post], label: api.rawValue)
    public static let served = ServedAPI(endpoint, manifestEntry: manifestEntry(url:),
                                         handle: ChangeNotificationRules.handler(api, response: response, parse: notification))
}
