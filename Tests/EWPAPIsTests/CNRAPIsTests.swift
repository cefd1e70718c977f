import EWPAPIs
import EWPNotifications
import EWPXML
import Testing

/// The CNR APIs' descriptors: what we send, where the notified side pulls from.
@Suite("CNR APIs: forms we send, entries, sources")
struct CNRAPIsTests {
    static func text(_ p: [(String, String)]) -> [String] { p.map { "\($0.0)=\($0.1)" } }

    @Test("IIA CNRs carry one iia_id; LA and ToR CNRs name our HEI and repeat omobility_id")
    func forms() {
        let iia = IIACNR(), approval = IIAApprovalCNR(), la = OMobilityLACNR(), tor = IMobilityToRCNR()
        #expect(Self.text(iia.form(for: iia.entry, localHEI: "a", objectIDs: ["1", "2"])) == ["iia_id=1"])
        #expect(Self.text(approval.form(for: approval.entry, localHEI: "a", objectIDs: ["9"])) == ["iia_id=9"])
        #expect(Self.text(la.form(for: la.entry, localHEI: "a", objectIDs: ["1", "2"])) == ["sending_hei_id=a", "omobility_id=1", "omobility_id=2"])
        #expect(Self.text(tor.form(for: tor.entry, localHEI: "a", objectIDs: ["3"])) == ["receiving_hei_id=a", "omobility_id=3"])
        #expect(iia.idsPerNotification(limits: ["max-omobility-ids": 50]) == 1)
        #expect(la.idsPerNotification(limits: ["max-omobility-ids": 50]) == 50)
        #expect(tor.idsPerNotification(limits: [:]) == 1)
    }

    @Test("Manifest entries looked up: namespaces and major versions of the spec repositories; response elements")
    func entries() throws {
        #expect(IIACNR().entry == APIReference(
            namespace: "https://github.com/erasmus-without-paper/ewp-specs-api-iia-cnr/blob/stable-v3/manifest-entry.xsd", name: "iia-cnr", majorVersion: 3))
        #expect(IIAApprovalCNR().entry.namespace == "https://github.com/erasmus-without-paper/ewp-specs-api-iia-approval-cnr/blob/stable-v2/manifest-entry.xsd")
        #expect(OMobilityLACNR().entry.namespace == "https://github.com/erasmus-without-paper/ewp-specs-api-omobility-la-cnr/blob/stable-v1/manifest-entry.xsd")
        #expect(IMobilityToRCNR().entries.map(\.namespace) == [
            "https://github.com/erasmus-without-paper/ewp-specs-api-imobility-tor-cnr/blob/stable-v2/manifest-entry.xsd",
            "https://github.com/erasmus-without-paper/ewp-specs-api-imobility-tor-cnr/blob/stable-v1/manifest-entry.xsd"])
        let responses = CNRAPIList.all.all.map { "\($0.response.namespace) \($0.response.name)" }
        #expect(responses == [
            "https://github.com/erasmus-without-paper/ewp-specs-api-iia-cnr/tree/stable-v3 iia-cnr-response",
            "https://github.com/erasmus-without-paper/ewp-specs-api-iia-approval-cnr/tree/stable-v2 iia-approval-cnr-response",
            "https://github.com/erasmus-without-paper/ewp-specs-api-omobility-la-cnr/tree/stable-v1 omobility-la-cnr-response",
            "https://github.com/erasmus-without-paper/ewp-specs-api-imobility-tor-cnr/tree/stable-v1 imobility-tor-cnr-response",
            "https://github.com/erasmus-without-paper/ewp-specs-api-omobility-cnr/tree/stable-v1 omobility-cnr-response",
            "https://github.com/erasmus-without-paper/ewp-specs-api-imobility-cnr/tree/stable-v1 imobility-cnr-response",
        ])
        #expect(OMobilityCNR().entry.namespace == "https://github.com/erasmus-without-paper/ewp-specs-api-omobility-cnr/blob/stable-v1/manifest-entry.xsd")
        #expect(IMobilityToRCNRv2API.response.namespace == "https://github.com/erasmus-without-paper/ewp-specs-api-imobility-tor-cnr/tree/stable-v2")
    }

    @Test("Where the notified side pulls from, and what we index-sync after notifying")
    func sources() {
        let cnrs = CNRAPIList.all.all
        #expect(cnrs.map(\.source) == [.iias, .iiasApproval, .omobilityLAs, .imobilityToRs, .omobilities, .imobilities])
        #expect(cnrs.map(\.counterpartSource) == [.iias, .iias, .imobilityToRs, .omobilityLAs, .imobilityToRs, .omobilities])
    }
}
