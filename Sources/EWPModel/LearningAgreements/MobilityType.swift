/// The mobility type of the LA template, with the values of the `index` endpoint's
/// `mobility_type` parameter. The EWP data has no field for it: it follows from the tables used.
public enum MobilityType: String, Sendable, CaseIterable {
    /// Semester(s): tables A and B, and C for a virtual component.
    case semester
    /// Blended mobility with short-term physical mobility: Table D (`blended-mobility-components`).
    case blended
    /// Short-term doctoral mobility: Table E (`short-term-doctoral-components`).
    case doctoral
}

extension ListOfComponents {
    /// The type these tables describe: Table D with a component → blended, Table E with a component →
    /// doctoral, tables A/B/C with a component → semester; failing that, an (empty) Table D or E
    /// element decides; no table at all → semester. Tables of two types at once are reported by
    /// the rule `LA-TABLES-MOBILITY-TYPE`; the first type in that order wins here.
    public var mobilityType: MobilityType {
        if !(blendedMobilityComponents ?? []).isEmpty { return .blended }
        if !(shortTermDoctoralComponents ?? []).isEmpty { return .doctoral }
        if ![componentsStudied, componentsRecognized, virtualComponents].allSatisfy({ ($0 ?? []).isEmpty }) { return .semester }
        if blendedMobilityComponents != nil { return .blended }
        if shortTermDoctoralComponents != nil { return .doctoral }
        return .semester
    }
}

extension LearningAgreement {
    /// The original tables: `first-version`, or the proposed first version (a `changes-proposal`
    /// without a `first-version`). Nil only for an LA that has neither (the schema annotation
    /// forbids it).
    public var originalTables: ListOfComponents? {
        firstVersion ?? changesProposal?.components
    }

    /// The type of the original tables (`semester` when there are none).
    public var mobilityType: MobilityType { originalTables?.mobilityType ?? .semester }
}
