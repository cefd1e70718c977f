import EWPCore

/// What the import did to one transcript of records.
public struct ToRImportEntry: ImportedObject {
    public var receivingHEI: HEIID
    public var omobilityID: OMobilityID
    public var sendingHEI: HEIID
    public var outcome: ImportOutcome

    public init(receivingHEI: HEIID, omobilityID: OMobilityID, sendingHEI: HEIID, outcome: ImportOutcome) {
        self.receivingHEI = receivingHEI
        self.omobilityID = omobilityID
        self.sendingHEI = sendingHEI
        self.outcome = outcome
    }

    public var reportLines: [String] { ["  \(outcome.rawValue) \(receivingHEI) \(omobilityID) (sending HEI \(sendingHEI))"] }
}

/// What an import of one `imobility-tors-get-response` did; `heading` names the ToRs version.
public typealias ToRImportReport = ImportReport<ToRImportEntry>
