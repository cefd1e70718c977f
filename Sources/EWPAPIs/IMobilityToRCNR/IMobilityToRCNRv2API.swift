import EWPCore
import EWPNotifications
import EWPXML

/// IMobility ToR CNR v2 (ewp-specs-api-imobility-tor-cnr 2.0.0, beside ToRs v3; schemas from the
/// Registry Service): the receiving HEI tells us, the sending HEI, that transcripts of records
/// changed. Served beside v1 (its own manifest entry and URL). POST only; `omobility_id` repeatable
/// and required (at most `max-omobility-ids`); no `receiving_hei_id`: the caller is the receiving
/// HEI, and the caller is whoever the verified signing key covers.
///
/// Who we pull from, by the HEIs the key covers (`Catalogue.heis(coveredByClientKey:)`):
/// - none: the request is well formed, so 200, but there is nobody to pull from (logged);
/// - one: that HEI, for every id;
/// - several (one key, one host, several HEIs): the request does not say which of them issued
///   which transcript, so every id is pulled from each of them, and each pull keeps only what that
///   HEI issued: a ToRs v2 `get` names the HEI (`receiving_hei_id`), and from a ToRs v3 `get`
///   (which names none) a `tor` whose ELMO issuer is another HEI's SCHAC id is left out
///   (`IMobilityToRsPull.objects(in:entry:partnerHEI:)`). A HEI that holds no such transcript reads as
///   "absent" (a deleted/hidden partner copy), as for an unknown id.
/// The rows go to the same inbound queue as v1's (api `imobility-tor-cnr`), so a v1 and a v2 CNR
/// about one mobility are one pull, from ToRs v3 when the partner publishes it, else v2.
public enum IMobilityToRCNRv2API {
    public static let version = "2.0.0"
    public static let api = NotificationAPI.imobilityToR
    public static let entry = ChangeNotificationRules.entry(api, major: 2)
    public static let entryNamespace = entry.namespace

    public static func manifestEntry(url: String) -> XElement {
        ChangeNotificationRules.manifestEntry(entry, version: version, url: url, maxIDs: true)
    }

    public static func notification(_ parameters: RequestParameters, callerHEIs: [HEIID]) throws(APIRequestError) -> ChangeNotification {
        let ids = try parameters.requiredIDs("omobility_id", max: ChangeNotificationRules.maxIDs)
        var seen = Set<HEIID>()
        let callers = callerHEIs.filter { !$0.value.isEmpty && seen.insert($0).inserted }.map(\.value)
        guard !callers.isEmpty else {
            return ChangeNotification(notifierHEIs: [], objectIDs: ids,
                                      ignoredBecause: "the key that signed the request covers no HEI, so no receiving HEI to pull from")
        }
        return ChangeNotification(notifierHEIs: callers, objectIDs: ids)
    }

    public static var response: XElement { ChangeNotificationRules.response(api, major: 2) }
}

extension IMobilityToRCNRv2API {
    /// Its own label: the queue key (`api`) is shared with v1.
    public static let endpoint = ServedEndpoint("imobility-tor-cnr-v2", methods: [.post], label: "imobility-tor-cnr-v2")
    public static let served = ServedAPI(endpoint, manifestEntry: manifestEntry(url:),
                                         handle: ChangeNotificationRules.handler(api, response: response, parse: notification))
}
