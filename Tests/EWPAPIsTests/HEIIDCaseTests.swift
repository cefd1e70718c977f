import EWPAPIs
import EWPCore
import EWPStore
import Foundation
import Testing

/// SCHAC ids compare case-insensitively through the layers (`HEIID`), while what is stored and
/// written keeps the form it had before ids were typed: partner HEIs stored lowercased, ids in XML
/// and queue rows as the caller spelled them.
@Suite("HEI ids: case-insensitive through the handlers, stored and written as before")
struct HEIIDCaseTests {
    static let iia = OwnObject(kind: OwnIIAStorage.kind, heiID: "us.example", objectID: "1", document: Array("<iia/>".utf8),
                               partnerHEIs: ["uw.edu.pl"], modifiedAt: Date(timeIntervalSince1970: 0))

    @Test("A key listing UW.EDU.PL sees uw.edu.pl's IIAs, LAs and transcripts; index asks the store for the stored (lowercased) form")
    func requesterInOtherCase() {
        let requesters: [HEIID] = ["UW.EDU.PL"]
        #expect(IIAAccess.canSee(Self.iia, servedHEI: "us.example", requesterHEIs: requesters))
        #expect(IIAAccess.indexPartners(servedHEI: "us.example", requesterHEIs: requesters + ["Uw.Edu.Pl"]) == ["uw.edu.pl"])
        #expect(IIAAccess.indexPartners(servedHEI: "US.example", requesterHEIs: ["us.EXAMPLE"]) == nil)
        #expect(LAAccess.canRead(Self.iia, servedHEI: "us.example", requesterHEIs: requesters))
        #expect(LAAccess.indexPartners(servedHEI: "us.example", requesterHEIs: requesters) == ["uw.edu.pl"])
        #expect(ToRAccess.canSee(Self.iia, requesterHEIs: requesters))
        #expect(ToRAccess.visibleSendingHEIs(requesterHEIs: requesters + ["uw.edu.pl"]) == ["uw.edu.pl"])
        #expect(ToRAccess.namesServedHEI("US.Example", servedHEI: "us.example"))
        #expect(!IIAAccess.canSee(Self.iia, servedHEI: "us.example", requesterHEIs: ["uw.edu.pl.example"]))
        #expect(IIAAccess.mayReadStats(requesterHEIs: ["STATS.erasmuswithoutpaper.eu"]))
    }

    @Test("A CNR whose sending_hei_id differs in case from the key's HEI is queued with the id as sent; echo writes the key's ids as listed")
    func cnrAndEchoKeepSpelling() async throws {
        let fixture = try ServedAPIsTests.Fixture()
        defer { try? FileManager.default.removeItem(at: fixture.directory) }
        _ = try await fixture.call("omobility-la-cnr", [("sending_hei_id", "UW.edu.pl"), ("omobility_id", "m1")], requesters: ["uw.EDU.pl"])
        _ = try await fixture.call("omobility-la-cnr", [("sending_hei_id", "other.example"), ("omobility_id", "m2")], requesters: ["uw.EDU.pl"])
        let keys = try await fixture.inbound()
        #expect(keys.map(\.partnerHEI) == ["UW.edu.pl"] && keys.map(\.objectID) == ["m1"] && keys.map(\.localHEI) == [ServedAPIsTests.served])

        let echo = try await fixture.call("echo", [], requesters: ["UW.EDU.PL", "uma.es"])
        #expect(echo.children.map(\.text) == ["UW.EDU.PL", "uma.es"])
    }
}
