import EWPStore

/// Who sees which IIA (digest §1.12, §6.2 "Permissions"): the requester's HEIs come from its
/// verified client key, never from parameters. Both partners of an IIA see it: the other partner
/// (stored in partnerHEIs) and the served HEI itself; nobody else, the Stats Portal included, so
/// `get` and `index` stay consistent (an id `index` lists is one `get` returns, §1.7). The Stats
/// Portal, and only it, reads `stats`.
public enum IIAAccess {
    /// Whether a requester covering `requesterHEIs` may see `object` served by `servedHEI`.
    public static func canSee(_ object: OwnObject, servedHEI: String, requesterHEIs: [String]) -> Bool {
        guard !object.isTombstone else { return false }
        let requesters = Set(requesterHEIs.map(OwnIIAStorage.normalizedHEI))
        return requesters.contains(OwnIIAStorage.normalizedHEI(servedHEI))
            || object.partnerHEIs.contains { requesters.contains(OwnIIAStorage.normalizedHEI($0)) }
    }

    /// What `index` asks the store for: nil = every IIA of the served HEI (the HEI itself asks);
    /// otherwise the partner HEIs whose IIAs the requester sees ([] = none: a key covering no HEI).
    public static func indexPartners(servedHEI: String, requesterHEIs: [String]) -> [String]? {
        let requesters = requesterHEIs.map(OwnIIAStorage.normalizedHEI)
        if requesters.contains(OwnIIAStorage.normalizedHEI(servedHEI)) { return nil }
        var seen = Set<String>()
        return requesters.filter { seen.insert($0).inserted }
    }

    public static func mayReadStats(requesterHEIs: [String]) -> Bool {
        requesterHEIs.contains { OwnIIAStorage.normalizedHEI($0) == IIAsAPI.statsPortalHEI }
    }
}
