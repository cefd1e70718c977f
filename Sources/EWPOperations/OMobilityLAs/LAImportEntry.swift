import EWPCore
import EWPModel

/// What the import did to one learning agreement.
public struct LAImportEntry: ImportedObject {
    public var heiID: HEIID
    public var omobilityID: OMobilityID
    public var outcome: ImportOutcome
    /// The guideline warnings of the LA as imported (stored with its version when it changed).
    public var warnings: [Finding]

    public init(heiID: HEIID, omobilityID: OMobilityID, outcome: ImportOutcome, warnings: [Finding] = []) {
        self.heiID = heiID
        self.omobilityID = omobilityID
        self.outcome = outcome
        self.warnings = warnings
    }

    public var reportLines: [String] { ["  \(outcome.rawValue) \(heiID) \(omobilityID)"] + warnings.map { "    \($0)" } }
}

/// What an import of one `omobility-las-get-response` did.
public typealias LAImportReport = ImportReport<LAImportEntry>
