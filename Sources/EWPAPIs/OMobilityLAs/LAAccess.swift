import EWPModel
import EWPStore

/// Who may do what with our learning agreements (digest §9.1–9.4). The requester's HEIs come from
/// its verified client key, never from parameters.
/// - `get` and `index`: the receiving HEI of each mobility (MUST) and the sending HEI itself
///   (SHOULD); nobody else, so `index` lists exactly what `get` returns (§9.2);
/// - `update`: the receiving HEI only (anyone else: 400, as for an unknown LA, §9.3);
/// - `stats`: the EWP Stats Portal (MUST, §1.10) and the sending HEI itself.
public enum LAAccess {
    public static func canRead(_ object: OwnObject, servedHEI: String, requesterHEIs: [String]) -> Bool {
        guard !object.isTombstone else { return false }
        let requesters = normalized(requesterHEIs)
        return requesters.contains(OwnLAStorage.normalizedHEI(servedHEI))
            || object.partnerHEIs.contains { requesters.contains(OwnLAStorage.normalizedHEI($0)) }
    }

    /// What `index` asks the store for: nil = every LA of the served HEI (the HEI itself asks);
    /// otherwise the receiving HEIs whose LAs the requester sees ([] = none: a key covering no HEI).
    public static func indexPartners(servedHEI: String, requesterHEIs: [String]) -> [String]? {
        let requesters = requesterHEIs.map(OwnLAStorage.normalizedHEI)
        if requesters.contains(OwnLAStorage.normalizedHEI(servedHEI)) { return nil }
        var seen = Set<String>()
        return requesters.filter { seen.insert($0).inserted }
    }

    public static func mayUpdate(_ la: LearningAgreement, requesterHEIs: [String]) -> Bool {
        normalized(requesterHEIs).contains(OwnLAStorage.normalizedHEI(la.receivingHEI.heiID))
    }

    public static func mayReadStats(servedHEI: String, requesterHEIs: [String]) -> Bool {
        let requesters = normalized(requesterHEIs)
        return requesters.contains(OMobilityLAsAPI.statsPortalHEI) || requesters.contains(OwnLAStorage.normalizedHEI(servedHEI))
    }

    private static func normalized(_ heis: [String]) -> Set<String> { Set(heis.map(OwnLAStorage.normalizedHEI)) }
}
