import EWPAPIs
import EWPNotifications
import EWPXML
import Testing

/// The pulled APIs' descriptors: where we pull from, the parameters of `get` and `index`, and how
/// the partner's answers are read.
@Suite("Pulled APIs: entries, get and index parameters, reading answers")
struct PulledAPIsTests {
    static func text(_ p: [(String, String)]) -> [String] { p.map { "\($0.0)=\($0.1)" } }

    @Test("The list has one descriptor per pulled source, each with its manifest entry")
    func list() {
        #expect([PullSource.iias, .iiasApproval, .omobilityLAs, .imobilityToRs].allSatisfy { PulledAPIList.all[$0]?.source == $0 })
        #expect(PulledAPIList.all[.omobilityLAs]?.entry.name == "omobility-las")
        #expect(IMobilityToRsPull().entry.majorVersion == 2)
        #expect(IIAsPull().entry == APIReference(
            namespace: "https://github.com/erasmus-without-paper/ewp-specs-api-iias/blob/stable-v7/manifest-entry.xsd", name: "iias", majorVersion: 7))
        #expect(IIAsApprovalPull().getURLElement == "url")
        #expect(IIAsPull().maxIDsPerGet(limits: ["max-iia-ids": 3, "max-omobility-ids": 9]) == 3)
        #expect(OMobilityLAsPull().maxIDsPerGet(limits: [:]) == 1)
    }

    @Test("get and index parameters per source")
    func parameters() {
        let iias = IIAsPull(), las = OMobilityLAsPull(), tors = IMobilityToRsPull()
        #expect(Self.text(iias.getParameters(for: iias.entry, partnerHEI: "p", localHEI: "l", ids: ["1", "2"])) == ["iia_id=1", "iia_id=2"])
        #expect(Self.text(las.getParameters(for: las.entry, partnerHEI: "p", localHEI: "l", ids: ["1"])) == ["sending_hei_id=p", "omobility_id=1"])
        #expect(Self.text(tors.getParameters(for: tors.entry, partnerHEI: "p", localHEI: "l", ids: ["1"])) == ["receiving_hei_id=p", "omobility_id=1"])
        #expect(Self.text(iias.indexParameters(for: iias.entry, partnerHEI: "p", localHEI: "l", modifiedSince: "2026-01-01T00:00:00Z"))
            == ["modified_since=2026-01-01T00:00:00Z"])
        #expect(Self.text(las.indexParameters(for: las.entry, partnerHEI: "p", localHEI: "l", modifiedSince: nil)) == ["sending_hei_id=p", "receiving_hei_id=l"])
        #expect(Self.text(tors.indexParameters(for: tors.entry, partnerHEI: "p", localHEI: "l", modifiedSince: nil)) == ["receiving_hei_id=p", "sending_hei_id=l"])
    }

    @Test("IIA objects are found by the iia-id of the partner block naming the notifier")
    func iiaObjects() throws {
        let ns = "https://github.com/erasmus-without-paper/ewp-specs-api-iias/blob/stable-v7/endpoints/get-response.xsd"
        let xml = """
            <iias-get-response xmlns="\(ns)">
              <iia><partner><hei-id>b.example</hei-id><iia-id>B-1</iia-id></partner><partner><hei-id>a.example</hei-id><iia-id>A-9</iia-id></partner></iia>
              <iia><partner><hei-id>a.example</hei-id></partner><partner><hei-id>B.example</hei-id><iia-id> B-2 </iia-id></partner></iia>
              <iia><partner><hei-id>b.example</hei-id></partner></iia>
              <iia><partner><iia-id>C-1</iia-id></partner><partner><hei-id>c.example</hei-id><iia-id>C-2</iia-id></partner></iia>
            </iias-get-response>
            """
        let root = try XMLReader.parse(Array(xml.utf8))
        let iias = IIAsPull()
        #expect(iias.objects(in: root, entry: iias.entry, partnerHEI: "b.example").map(\.id) == ["B-1", "B-2", "C-1"])
    }

    @Test("LA, ToR and approval objects by their id element; index ids")
    func otherObjects() throws {
        let la = try XMLReader.parse(Array("<r><la><omobility-id>m1</omobility-id></la><la><omobility-id>m2</omobility-id></la><x/></r>".utf8))
        let las = OMobilityLAsPull(), tors = IMobilityToRsPull(), approvals = IIAsApprovalPull()
        #expect(las.objects(in: la, entry: las.entry, partnerHEI: "p").map(\.id) == ["m1", "m2"])
        #expect(tors.objects(in: la, entry: tors.entry, partnerHEI: "p").isEmpty)
        let approval = try XMLReader.parse(Array("<r><approval><iia-id>7</iia-id><iia-hash>ab</iia-hash></approval></r>".utf8))
        #expect(approvals.objects(in: approval, entry: approvals.entry, partnerHEI: "p").map(\.id) == ["7"])
        let index = try XMLReader.parse(Array("<r><iia-id>1</iia-id><iia-id> 2 </iia-id></r>".utf8))
        #expect(IIAsPull().indexIDs(index) == ["1", "2"])
        let laIndex = try XMLReader.parse(Array("<r><omobility-id>1</omobility-id></r>".utf8))
        #expect(las.indexIDs(laIndex) == ["1"])
    }
}
