import EWPCore
import EWPModel
import EWPStore

/// Who may do what with our learning agreements (OMobility LAs API v1 endpoints/get.md, index.md,
/// update.md and stats.md). The requester's HEIs come from its verified client key, never from
/// parameters.
/// - `get` and `index`: the receiving HEI of each mobility (MUST) and the sending HEI itself
///   (SHOULD); nobody else, so `index` lists exactly what `get` returns (OMobility LAs API v1
///   endpoints/index.md);
/// - `update`: the receiving HEI only (anyone else: 400, as for an unknown LA, OMobility LAs API v1
///   endpoints/update.md);
/// - `stats`: the EWP Stats Portal (MUST, ewp-specs-architecture › EWP Statistics) and the sending
///   HEI itself.
public enum LAAccess {
    public static func canRead(_ object: OwnObject, servedHEI: HEIID, requesterHEIs: [HEIID]) -> Bool {
        PartnerAccess.canSee(object, servedHEI: servedHEI, requesterHEIs: requesterHEIs)
    }

    /// What `index` asks the store for: nil = every LA of the served HEI (the HEI itself asks);
    /// otherwise the receiving HEIs whose LAs the requester sees ([] = none: a key covering no HEI),
    /// in the form partnerHEIs are stored in.
    public static func indexPartners(servedHEI: HEIID, requesterHEIs: [HEIID]) -> [String]? {
        PartnerAccess.indexPartners(servedHEI: servedHEI, requesterHEIs: requesterHEIs)
    }

    public static func mayUpdate(_ la: LearningAgreement, requesterHEIs: [HEIID]) -> Bool {
        requesterHEIs.contains(HEIID(la.receivingHEI.heiID))
    }

    public static func mayReadStats(servedHEI: HEIID, requesterHEIs: [HEIID]) -> Bool {
        requesterHEIs.contains(HEIID(OMobilityLAsAPI.statsPortalHEI)) || requesterHEIs.contains(servedHEI)
    }
}
