import EWPCore
import EWPStore

/// Who sees which outgoing mobility (ewp-specs-sec-cliauth-httpsig › Identify the covered HEIs;
/// ewp-specs-api-omobilities, endpoints/get.md › Permissions): the requester's HEIs come from its
/// verified client key, never from parameters. The caller covering the mobility's receiving HEI
/// (stored in partnerHEIs) MUST see it; the spec leaves other callers to us, and we allow nobody
/// else (a third HEI sees nothing), for `get` and `index` alike (endpoints/index.md: an id `index`
/// lists is one `get` returns). SCHAC ids compare case-insensitively.
public enum OMobilityAccess {
    /// Whether a requester covering `requesterHEIs` may see `object` (a tombstone: never).
    public static func canSee(_ object: OwnObject, requesterHEIs: [HEIID]) -> Bool {
        guard !object.isTombstone else { return false }
        let requesters = Set(requesterHEIs)
        return object.partnerHEIs.contains { requesters.contains(HEIID($0)) }
    }

    /// The receiving HEIs whose mobilities `index` may list for this requester, each once, in the
    /// form they are stored in ([] = none: a key covering no HEI sees nothing).
    public static func visibleReceivingHEIs(requesterHEIs: [HEIID]) -> [String] {
        PartnerAccess.storedForms(requesterHEIs)
    }
}
