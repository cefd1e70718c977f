import EWPCore
import EWPStore

/// Who sees which transcript (ewp-specs-sec-cliauth-httpsig › Identify the covered HEIs; IMobility
/// ToRs API v2 README › Security and permissions): the requester's HEIs come from its verified
/// client key, never from parameters. The caller covering the mobility's sending HEI (stored in
/// partnerHEIs) sees it; nobody else does. The receiving HEI MAY be allowed by the spec and ToRs v3
/// says the caller MUST be the sending partner, so we allow the sending HEI only, in both versions,
/// for `get` and `index` alike (an id `index` lists is one `get` returns, ewp-specs-architecture ›
/// Referential integrity). SCHAC ids compare case-insensitively.
public enum ToRAccess {
    /// Whether v2's `receiving_hei_id` names the served HEI. Another HEI (one we do not cover, or
    /// one served under another host) gives an empty answer, not a 400 (as the EWP API Validator's
    /// IMobility ToRs get and index checks expect, unlike OMobility LAs).
    public static func namesServedHEI(_ receivingHEI: String?, servedHEI: HEIID) -> Bool {
        guard let receivingHEI else { return true }
        return HEIID(receivingHEI) == servedHEI
    }

    /// Whether a requester covering `requesterHEIs` may see `object` (a tombstone: never).
    public static func canSee(_ object: OwnObject, requesterHEIs: [HEIID]) -> Bool {
        guard !object.isTombstone else { return false }
        let requesters = Set(requesterHEIs)
        return object.partnerHEIs.contains { requesters.contains(HEIID($0)) }
    }

    /// The sending HEIs whose transcripts `index` may list for this requester, each once ([] = none:
    /// a key covering no HEI sees nothing, checked by the EWP API Validator), in the form they are
    /// stored in.
    public static func visibleSendingHEIs(requesterHEIs: [HEIID]) -> [String] {
        PartnerAccess.storedForms(requesterHEIs)
    }
}
