import EWPNotifications
import EWPXML
import Testing
@testable import EWPAPIs

@Suite("CNR endpoints: what a well-formed notification is (ewp-specs-architecture › Broadcasting changes (CNR APIs); IIA CNR v3 and IIA Approval CNR v2; OMobility LA CNR API v1; IMobility ToR CNR API; the EWP API Validator's IIA CNR checks and OMobility LA CNR checks)")
struct ChangeNotificationTests {
    func params(_ pairs: [(String, String)]) -> RequestParameters { RequestParameters(pairs) }

    @Test("IIA CNR v3: iia_id required; the notifier is every HEI of the signing key")
    func iiaCNR() throws {
        let n = try IIACNRAPI.notification(params([("iia_id", "1")]), callerHEIs: ["b.example"])
        #expect(n == ChangeNotification(notifierHEIs: ["b.example"], objectIDs: ["1"]))
        #expect(throws: APIRequestError.self) { try IIACNRAPI.notification(params([]), callerHEIs: ["b.example"]) }
        #expect(throws: APIRequestError.self) { try IIACNRAPI.notification(params([("iia_id", " ")]), callerHEIs: ["b.example"]) }
        // Unknown ids are not an error (the EWP API Validator sends iia_id=1).
        let unknown = try IIACNRAPI.notification(params([("iia_id", "this-is-some-unknown-and-unexpected-id")]), callerHEIs: ["v"])
        #expect(unknown.objectIDs == ["this-is-some-unknown-and-unexpected-id"])
    }

    @Test("Repeated ids are taken once each, in order; more than the maximum is a 400 that says so")
    func repeatsAndLimit() throws {
        let n = try IIAApprovalCNRAPI.notification(params([("iia_id", "2"), ("iia_id", "1"), ("iia_id", "2")]), callerHEIs: ["b"])
        #expect(n.objectIDs == ["2", "1"])
        let many = (0...ChangeNotificationRules.maxIDs).map { ("omobility_id", "m\($0)") }
        do {
            _ = try OMobilityLACNRAPI.notification(params([("sending_hei_id", "b")] + many), callerHEIs: ["b"])
            Issue.record("expected a 400")
        } catch {
            #expect(error.status == 400)
            #expect(error.developerMessage.contains("at most \(ChangeNotificationRules.maxIDs)"))
        }
    }

    @Test("OMobility LA CNR v1: sending_hei_id once and omobility_id required; a HEI the key does not cover is ignored, not refused")
    func laCNR() throws {
        let n = try OMobilityLACNRAPI.notification(params([("sending_hei_id", "B.example"), ("omobility_id", "m1"), ("omobility_id", "m2")]),
                                                   callerHEIs: ["b.example"])
        #expect(n == ChangeNotification(notifierHEIs: ["B.example"], objectIDs: ["m1", "m2"]))
        #expect(throws: APIRequestError.self) { try OMobilityLACNRAPI.notification(params([]), callerHEIs: ["b"]) }
        #expect(throws: APIRequestError.self) { try OMobilityLACNRAPI.notification(params([("omobility_id", "1")]), callerHEIs: ["b"]) }
        #expect(throws: APIRequestError.self) { try OMobilityLACNRAPI.notification(params([("sending_hei_id", "b")]), callerHEIs: ["b"]) }
        #expect(throws: APIRequestError.self) {
            try OMobilityLACNRAPI.notification(params([("sending_hei_id", "b"), ("sending_hei_id", "b"), ("omobility_id", "1")]), callerHEIs: ["b"])
        }
        let foreign = try OMobilityLACNRAPI.notification(params([("sending_hei_id", "x.example"), ("omobility_id", "1")]), callerHEIs: ["b.example"])
        #expect(foreign.notifierHEIs.isEmpty)
        #expect(foreign.ignoredBecause?.contains("x.example") == true)
    }

    @Test("IMobility ToR CNR v1: receiving_hei_id once and omobility_id required")
    func torCNR() throws {
        let n = try IMobilityToRCNRAPI.notification(params([("receiving_hei_id", "r"), ("omobility_id", "m")]), callerHEIs: ["r"])
        #expect(n == ChangeNotification(notifierHEIs: ["r"], objectIDs: ["m"]))
        #expect(throws: APIRequestError.self) { try IMobilityToRCNRAPI.notification(params([("omobility_id", "m")]), callerHEIs: ["r"]) }
    }

    @Test("Outgoing Mobility CNR v1 (sending_hei_id) and Incoming Mobility CNR v1 (receiving_hei_id): the named HEI once, omobility_id required; a HEI the key does not cover is ignored")
    func mobilityCNRs() throws {
        let o = try OMobilityCNRAPI.notification(params([("sending_hei_id", "s.example"), ("omobility_id", "m1"), ("omobility_id", "m2")]), callerHEIs: ["S.example"])
        #expect(o == ChangeNotification(notifierHEIs: ["s.example"], objectIDs: ["m1", "m2"]))
        let i = try IMobilityCNRAPI.notification(params([("receiving_hei_id", "r.example"), ("omobility_id", "m1")]), callerHEIs: ["r.example"])
        #expect(i == ChangeNotification(notifierHEIs: ["r.example"], objectIDs: ["m1"]))
        #expect(throws: APIRequestError.self) { try OMobilityCNRAPI.notification(params([("receiving_hei_id", "s.example"), ("omobility_id", "m")]), callerHEIs: ["s.example"]) }
        #expect(throws: APIRequestError.self) { try IMobilityCNRAPI.notification(params([("receiving_hei_id", "r.example")]), callerHEIs: ["r.example"]) }
        let foreign = try IMobilityCNRAPI.notification(params([("receiving_hei_id", "x.example"), ("omobility_id", "1")]), callerHEIs: ["r.example"])
        #expect(foreign.notifierHEIs.isEmpty && foreign.ignoredBecause?.contains("x.example") == true)
        #expect(OMobilityCNRAPI.response.name == "omobility-cnr-response" && IMobilityCNRAPI.response.name == "imobility-cnr-response")
        #expect(OMobilityCNRAPI.manifestEntry(url: "https://x/o").children.map(\.name) == ["http-security", "url", "max-omobility-ids"])
    }

    @Test("Responses are the APIs' empty root elements in their namespaces")
    func responses() {
        #expect(IIACNRAPI.response == XElement("iia-cnr-response", namespace: "https://github.com/erasmus-without-paper/ewp-specs-api-iia-cnr/tree/stable-v3"))
        #expect(IIAApprovalCNRAPI.response.name == "iia-approval-cnr-response")
        #expect(OMobilityLACNRAPI.response.namespace == "https://github.com/erasmus-without-paper/ewp-specs-api-omobility-la-cnr/tree/stable-v1")
        #expect(IMobilityToRCNRAPI.response.children.isEmpty)
    }

    @Test("Manifest entries: version, url, and max-omobility-ids where the entry has one")
    func entries() {
        let la = OMobilityLACNRAPI.manifestEntry(url: "https://x/la")
        #expect(la.attribute("version") == "1.1.0")
        #expect(la.children.map(\.name) == ["http-security", "url", "max-omobility-ids"])
        #expect(IIACNRAPI.manifestEntry(url: "https://x/iia").children.map(\.name) == ["http-security", "url"])
    }
}
