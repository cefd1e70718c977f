import EWPCore
import EWPXML

extension NodeOperations {
    /// The importer of our IIAs: covered HEIs, the one schema cache, the notification policy.
    public func iiaImporter() throws(XMLProblem) -> IIAImporter {
        try IIAImporter(store: store, approvals: approvals, coveredHEIs: coveredHEIs, schemas: schemas, policy: policy)
    }

    public func laImporter() throws(XMLProblem) -> LAImporter {
        try LAImporter(store: store, coveredHEIs: coveredHEIs, schemas: schemas, policy: policy)
    }

    public func torImporter() throws(XMLProblem) -> ToRImporter {
        try ToRImporter(store: store, coveredHEIs: coveredHEIs, schemas: schemas, policy: policy)
    }

    public func omobilityImporter() throws(XMLProblem) -> OMobilityImporter {
        try OMobilityImporter(store: store, coveredHEIs: coveredHEIs, schemas: schemas, policy: policy)
    }

    public func institutionDataImporter() -> InstitutionDataImporter {
        InstitutionDataImporter(coveredHEIs: coveredHEIs, describedOUnits: describedOUnits, store: store, schemas: schemas)
    }

    /// The import of EWP documents (`ewp-node import`, `POST /admin/import`); `sendingHEI` is the
    /// sending HEI of ToRs whose learning agreement we do not hold.
    public func documentImport(sendingHEI: HEIID? = nil) -> DocumentImport {
        DocumentImport(operations: self, sendingHEI: sendingHEI)
    }
}
