import EWPCore

/// What the import did to one IIA.
public struct IIAImportEntry: ImportedObject {
    public var heiID: HEIID
    public var iiaID: IIAID
    public var outcome: ImportOutcome

    public init(heiID: HEIID, iiaID: IIAID, outcome: ImportOutcome) {
        self.heiID = heiID
        self.iiaID = iiaID
        self.outcome = outcome
    }

    public var reportLines: [String] { ["  \(outcome.rawValue) \(heiID) \(iiaID)"] }
}

/// What an import of one `iias-get-response` did.
public typealias IIAImportReport = ImportReport<IIAImportEntry>
