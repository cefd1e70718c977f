import EWPCore
import EWPStore

/// The access rule IIAs and learning agreements share: the served HEI itself sees all its objects,
/// another HEI only those naming it as a partner (stored in partnerHEIs); nobody sees a tombstone.
enum PartnerAccess {
    static func canSee(_ object: OwnObject, servedHEI: HEIID, requesterHEIs: [HEIID]) -> Bool {
        guard !object.isTombstone else { return false }
        let requesters = Set(requesterHEIs)
        return requesters.contains(servedHEI) || object.partnerHEIs.contains { requesters.contains(HEIID($0)) }
    }

    /// What `index` asks the store for: nil = every object of the served HEI (the HEI itself asks);
    /// otherwise the partner HEIs whose objects the requester sees ([] = none: a key covering no HEI).
    static func indexPartners(servedHEI: HEIID, requesterHEIs: [HEIID]) -> [String]? {
        requesterHEIs.contains(servedHEI) ? nil : storedForms(requesterHEIs)
    }

    /// `heis` each once, in the form partnerHEIs are stored in.
    static func storedForms(_ heis: [HEIID]) -> [String] {
        var seen = Set<HEIID>()
        return heis.filter { seen.insert($0).inserted }.map(\.normalized)
    }
}
