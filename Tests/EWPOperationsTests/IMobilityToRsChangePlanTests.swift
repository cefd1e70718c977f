import EWPAPIs
import EWPCore
@testable import EWPOperations
import EWPStore
import EWPTestSupport
import EWPXML
import Foundation
import Testing

/// The pure rules of a ToR import (README `import`; IMobility ToRs API; ewp-specs-architecture ›
/// Broadcasting changes (CNR APIs)): whose transcript it is, who the sending HEI is, and what
/// storing it changes. No store.
@Suite("IMobility ToRs import: the change plan")
struct IMobilityToRsChangePlanTests {
    static let hei = "node.test.example"
    static let sending = "sending.example"
    static let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    static func tor(_ id: String, _ version: ToRsVersion = .v2, issuer: String? = hei, grade: String = "B") throws -> TranscriptOfRecords {
        let xml = version == .v2 ? ToRDocuments.v2([id], issuer: issuer, grade: grade) : ToRDocuments.v3([id], issuer: issuer, grade: grade)
        return try TranscriptOfRecords(try #require(try XMLReader.parse(Array(xml.utf8)).children.first), version: version)
    }

    static func candidate(_ id: String, _ version: ToRsVersion = .v2, fromLA: String? = nil, grade: String = "B") throws -> ToRCandidate {
        ToRCandidate(tor: try tor(id, version, grade: grade), receivingHEI: hei, path: "/imobility-tors-get-response/tor[1]", sendingHEIFromLA: fromLA)
    }

    static func stored(_ id: String, _ version: ToRsVersion = .v2, sending: String = sending, grade: String = "B") throws -> OwnObject {
        OwnToRStorage.object(try tor(id, version, grade: grade), receivingHEI: hei, sendingHEI: sending, modifiedAt: t0).normalized
    }

    func sendingHEI(_ candidate: ToRCandidate, option: String?, stored: [OwnObject] = []) -> String {
        switch ToRChangePlan.sendingHEI(candidate, option: option, stored: stored) {
        case .success(let hei): hei
        case .failure(let refusal): "refused: " + refusal.message
        }
    }

    @Test("README: the sending HEI comes from the learning agreement we hold, else --sending-hei (lowercased); the two agreeing is fine")
    func sendingFromLAOrOption() throws {
        #expect(sendingHEI(try Self.candidate("om-1", fromLA: "LA.example"), option: nil) == "la.example")
        #expect(sendingHEI(try Self.candidate("om-1"), option: "Option.Example") == "option.example")
        #expect(sendingHEI(try Self.candidate("om-1", fromLA: "same.example"), option: "SAME.example") == "same.example")
    }

    @Test("README: neither a learning agreement nor --sending-hei → refused, saying why and what to do")
    func noSendingHEI() throws {
        let result = sendingHEI(try Self.candidate("om-1"), option: nil)
        #expect(result.hasPrefix("refused: omobility-id om-1:"))
        #expect(result.contains("does not name its sending HEI") && result.contains("--sending-hei"))
    }

    @Test("README: --sending-hei is the fallback: a learning agreement naming another HEI wins; the receiving HEI itself is refused")
    func fallbackAndSelf() throws {
        #expect(sendingHEI(try Self.candidate("om-1", fromLA: "la.example"), option: "other.example") == "la.example")
        #expect(sendingHEI(try Self.candidate("om-1"), option: Self.hei).contains("is the receiving HEI"))
    }

    @Test("a mobility's sending HEI never changes: a stored transcript of either version naming another one refuses the import")
    func sendingNeverChanges() throws {
        #expect(sendingHEI(try Self.candidate("om-1"), option: "new.example", stored: [try Self.stored("om-1")]).contains("imported with the sending HEI sending.example"))
        #expect(sendingHEI(try Self.candidate("om-1", .v3), option: "new.example", stored: [try Self.stored("om-1", .v2)]).hasPrefix("refused"))
        #expect(sendingHEI(try Self.candidate("om-1", .v3), option: Self.sending, stored: [try Self.stored("om-1", .v2)]) == Self.sending)
    }

    @Test("the issuing HEI: the covered HEI the ELMO issuer names; the only covered HEI when none is named; else refused")
    func receivingHEI() throws {
        func receiving(_ tor: TranscriptOfRecords, _ covered: [String]) -> String {
            switch ToRChangePlan.receivingHEI(tor, coveredHEIs: covered.map(HEIID.init)) {
            case .success(let hei): hei
            case .failure(let refusal): "refused: " + refusal.message
            }
        }
        #expect(receiving(try Self.tor("om-1"), ["a.example", Self.hei]) == Self.hei)
        #expect(receiving(try Self.tor("om-1", issuer: "NODE.test.example"), [Self.hei]) == Self.hei)
        #expect(receiving(try Self.tor("om-1", issuer: nil), [Self.hei]) == Self.hei)
        #expect(receiving(try Self.tor("om-1", issuer: nil), ["a.example", Self.hei]).contains("does not say which issued it"))
        #expect(receiving(try Self.tor("om-1", issuer: "uw.edu.pl"), [Self.hei]).contains("issued by uw.edu.pl, not a HEI this node covers"))
    }

    @Test("ewp-specs-architecture › Broadcasting changes (CNR APIs): a new transcript is created and its sending HEI gets a ToR CNR (api imobility-tor-cnr, objectID the omobility id)")
    func created() throws {
        let plan = ToRChangePlan([try Self.candidate("om-1", fromLA: Self.sending)], sendingHEIOption: nil, existing: [], now: Self.t0)
        #expect(plan.problems.isEmpty)
        #expect(plan.entries.map(\.outcome) == [.created])
        #expect(plan.upserts.map(\.objectID) == ["om-1"] && plan.upserts.first?.kind == "imobility-tor")
        #expect(plan.notifications == [NotificationKey(api: "imobility-tor-cnr", localHEI: Self.hei, partnerHEI: Self.sending, objectID: "om-1")])
    }

    @Test("an unchanged transcript writes nothing and notifies nobody; a changed one is replaced and notified")
    func unchangedAndUpdated() throws {
        let existing = [try Self.stored("om-1"), try Self.stored("om-2")]
        let plan = ToRChangePlan([try Self.candidate("om-1"), try Self.candidate("om-2", grade: "A")], sendingHEIOption: Self.sending,
                                 existing: existing, now: Self.t0.addingTimeInterval(60))
        #expect(plan.problems.isEmpty)
        #expect(plan.entries.map(\.outcome) == [.unchanged, .updated])
        #expect(plan.upserts.map(\.objectID) == ["om-2"])
        #expect(plan.upserts.first?.modifiedAt == Self.t0.addingTimeInterval(60))
        #expect(plan.notifications.map(\.objectID) == ["om-2"])
    }

    @Test("each version is its own object: a v2 transcript stored does not make the v3 one unchanged")
    func versionsSeparate() throws {
        let plan = ToRChangePlan([try Self.candidate("om-1", .v3)], sendingHEIOption: Self.sending, existing: [try Self.stored("om-1", .v2)], now: Self.t0)
        #expect(plan.entries.map(\.outcome) == [.created])
        #expect(plan.upserts.first?.kind == "imobility-tor-v3")
    }

    @Test("the id of a deleted transcript is never reused: a problem, which refuses the document")
    func tombstone() throws {
        var gone = try Self.stored("om-1")
        gone.document = nil
        let plan = ToRChangePlan([try Self.candidate("om-1"), try Self.candidate("om-2")], sendingHEIOption: Self.sending, existing: [gone], now: Self.t0)
        #expect(plan.problems.count == 1)
        #expect(plan.problems.first?.message.contains("was deleted") == true)
    }
}
