import EWPAPIs
import EWPCore
import EWPStore
import Foundation
import Testing

/// Who sees which IIA (IIAs API v7 endpoints/get.md "Permissions"; ewp-specs-architecture ›
/// Referential integrity, EWP Statistics).
@Suite("IIAs v7: access rule")
struct IIAsAccessTests {
    static let object = OwnObject(kind: OwnIIAStorage.kind, heiID: "a.example", objectID: "1", document: Array("<iia/>".utf8),
                                  partnerHEIs: ["b.example"], modifiedAt: Date(timeIntervalSince1970: 0))

    @Test("The other partner sees it, whatever the case of its SCHAC id")
    func partnerSees() {
        #expect(IIAAccess.canSee(Self.object, servedHEI: "a.example", requesterHEIs: ["b.example"]))
        #expect(IIAAccess.canSee(Self.object, servedHEI: "a.example", requesterHEIs: ["x.example", "B.Example"]))
    }

    @Test("The served HEI itself sees its IIAs (both partners, IIAs API v7 endpoints/get.md)")
    func servedHEISees() {
        #expect(IIAAccess.canSee(Self.object, servedHEI: "a.example", requesterHEIs: ["A.example"]))
        #expect(IIAAccess.indexPartners(servedHEI: "a.example", requesterHEIs: ["a.example"]) == nil)
    }

    @Test("Anyone else — another HEI, a key covering no HEI, the Stats Portal — sees nothing")
    func othersDoNot() {
        #expect(!IIAAccess.canSee(Self.object, servedHEI: "a.example", requesterHEIs: ["c.example"]))
        #expect(!IIAAccess.canSee(Self.object, servedHEI: "a.example", requesterHEIs: []))
        #expect(!IIAAccess.canSee(Self.object, servedHEI: "a.example", requesterHEIs: [HEIID(IIAsAPI.statsPortalHEI)]))
        #expect(IIAAccess.indexPartners(servedHEI: "a.example", requesterHEIs: []) == [])
        #expect(IIAAccess.indexPartners(servedHEI: "a.example", requesterHEIs: ["B.example", "b.example"]) == ["b.example"])
    }

    @Test("A deleted IIA (tombstone) is visible to nobody (IIAs API v7 README)")
    func tombstone() {
        var deleted = Self.object
        deleted.document = nil
        #expect(!IIAAccess.canSee(deleted, servedHEI: "a.example", requesterHEIs: ["b.example"]))
        #expect(!IIAAccess.canSee(deleted, servedHEI: "a.example", requesterHEIs: ["a.example"]))
    }

    @Test("ewp-specs-architecture › EWP Statistics: stats are for the Stats Portal only")
    func stats() {
        #expect(IIAAccess.mayReadStats(requesterHEIs: ["stats.erasmuswithoutpaper.eu"]))
        #expect(!IIAAccess.mayReadStats(requesterHEIs: ["b.example"]))
        #expect(!IIAAccess.mayReadStats(requesterHEIs: []))
    }
}
