import EWPCore
import EWPStore

/// Who sees which IIA (ewp-specs-sec-cliauth-httpsig › Identify the covered HEIs; IIAs API v7
/// endpoints/get.md "Permissions"): the requester's HEIs come from its verified client key, never
/// from parameters. Both partners of an IIA see it: the other partner (stored in partnerHEIs) and
/// the served HEI itself; nobody else, the Stats Portal included, so `get` and `index` stay
/// consistent (an id `index` lists is one `get` returns, ewp-specs-architecture › Referential
/// integrity). The Stats Portal, and only it, reads `stats`.
public enum IIAAccess {
    /// Whether a requester covering `requesterHEIs` may see `object` served by `servedHEI`.
    public static func canSee(_ object: OwnObject, servedHEI: HEIID, requesterHEIs: [HEIID]) -> Bool {
        PartnerAccess.canSee(object, servedHEI: servedHEI, requesterHEIs: requesterHEIs)
    }

    /// What `index` asks the store for: nil = every IIA of the served HEI (the HEI itself asks);
    /// otherwise the partner HEIs whose IIAs the requester sees ([] = none: a key covering no HEI),
    /// in the form partnerHEIs are stored in.
    public static func indexPartners(servedHEI: HEIID, requesterHEIs: [HEIID]) -> [String]? {
        PartnerAccess.indexPartners(servedHEI: servedHEI, requesterHEIs: requesterHEIs)
    }

    public static func mayReadStats(requesterHEIs: [HEIID]) -> Bool {
        requesterHEIs.contains(HEIID(IIAsAPI.statsPortalHEI))
    }
}
