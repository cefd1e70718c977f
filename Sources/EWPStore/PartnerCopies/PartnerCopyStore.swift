/// Partners' objects as we last pulled them (`PartnerCopy`), one per api, localHEI, partnerHEI and
/// objectID. HEI ids are SCHAC ids, which compare case-insensitively: the store keeps and returns them
/// lower-cased (`PartnerCopy.heiKey`) and finds a copy however the caller spells them, so a partner
/// id spelled with capitals in the catalogue meets the same copy as one typed by an operator.
/// Every method throws `StoreError`.
public protocol PartnerCopyStore: Sendable {
    /// Inserts or replaces each copy by its identity, all in one transaction (all or nothing). A copy whose
    /// document and hash equal the stored ones keeps the stored changedAt (`PartnerCopy.saved(over:)`).
    /// Throws, saving nothing, if any copy has an empty identifying field.
    func savePartnerCopies(_ copies: [PartnerCopy]) async throws

    /// One copy, deleted ones included; nil if never saved.
    func partnerCopy(api: String, localHEI: String, partnerHEI: String, objectID: String) async throws -> PartnerCopy?

    /// The copies of `api`, narrowed to `localHEI` and `partnerHEI` when given, sorted by localHEI,
    /// partnerHEI, objectID. Deleted copies (document nil) only when `includeDeleted`.
    func partnerCopies(api: String, localHEI: String?, partnerHEI: String?, includeDeleted: Bool) async throws -> [PartnerCopy]
}

/// Pages of partners' copies for people's lists (the console), cut by the store so a list never
/// reads more than one page of documents. Every method throws `StoreError`.
public protocol PartnerCopyPageStore: Sendable {
    /// At most `limit` of the copies of `api` held for `localHEI` (deleted ones left out), from
    /// `offset` in partnerHEI, objectID order, with the number of all of them.
    func partnerCopyPage(api: String, localHEI: String, limit: Int, offset: Int) async throws -> PartnerCopyPage
}

/// One page of partner copies and how many there are in all.
public struct PartnerCopyPage: Sendable, Equatable {
    public var copies: [PartnerCopy]
    public var total: Int

    public init(copies: [PartnerCopy], total: Int) {
        self.copies = copies
        self.total = total
    }
}
