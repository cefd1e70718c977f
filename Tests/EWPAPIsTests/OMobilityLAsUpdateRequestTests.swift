import EWPTestTraits
import EWPAPIs
import EWPModel
import EWPTestSupport
import Foundation
import Testing

/// Reading `update` request bodies (OMobility LAs API v1 endpoints/update.md, update-request.xsd;
/// the EWP API Validator's update checks): our hardened parser, lenient about what the schema does
/// not define, strict about what it requires.
@Suite("OMobility LAs v1: update request")
struct OMobilityLAsUpdateRequestTests {
    private func parse(_ text: String) throws(APIRequestError) -> OMobilityLAsUpdateRequest {
        try OMobilityLAsUpdateRequest(body: Array(text.utf8))
    }

    private func refusal(_ text: String) -> APIRequestError? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test("the official examples: approve-proposal-v1 and comment-proposal-v1 with their signature", .officialSpecs)
    func officialExamples() throws {
        let folder = RepositoryPaths.spec("ewp-specs-api-omobility-las/examples/update-request-examples")
        let approve = try OMobilityLAsUpdateRequest(body: Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/approve-proposal-v1.xml"))))
        #expect(approve.sendingHEI == "uw.edu.pl")
        #expect(approve.omobilityID == "c442c289-5541-4cae-9edb-8ad83e133613")
        #expect(approve.changesProposalID == "AE61266750D019063512516C7EE01968012C81F25A89")
        #expect(approve.action == .approve)
        #expect(approve.signature.signerName == "Paweł Tomasz Kowalski" && approve.signature.signerApp == "USOS")
        #expect(approve.signature.signerEmail == "pawel.kowalski@example.com" && approve.signature.timestamp.text == "2018-11-14T08:18:19+02:00")
        let comment = try OMobilityLAsUpdateRequest(body: Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/comment-proposal-v1.xml"))))
        #expect(comment.action == .comment("\"Introductory calculus\" is no longer conducted. We suggest replacing it with \"Calculus I\"."))
        #expect(comment.changesProposalID == "93C167125FA32452E9460731C57515E76B603EB1")
    }

    @Test("unknown extra elements are ignored (update.md: MUST ignore)")
    func unknownElementsIgnored() throws {
        let text = LADocuments.update(sending: "s.example", omobilityID: "m-1", proposalID: "p-1", extra: "<future-field>x</future-field>")
            .replacingOccurrences(of: "<signature>", with: "<unknown-child/><signature><la:new-signature-field/>")
        let request = try parse(text)
        #expect(request.omobilityID == "m-1" && request.changesProposalID == "p-1" && request.action == .approve)
        #expect(request.signature.signerPosition == "Coordinator")
    }

    @Test("no update element, or only an unknown one, is a 400 that names the two types (112–114)")
    func noUpdateElement() {
        let ns = LADocuments.updateNamespace
        let onlyHEI = "<omobility-las-update-request xmlns=\"\(ns)\"><sending-hei-id>s.example</sending-hei-id></omobility-las-update-request>"
        let error = refusal(onlyHEI)
        #expect(error?.status == 400)
        #expect(error?.developerMessage.contains("approve-proposal-v1") == true)
        let unknown = "<omobility-las-update-request xmlns=\"\(ns)\"><sending-hei-id>s.example</sending-hei-id><test/></omobility-las-update-request>"
        #expect(refusal(unknown)?.status == 400)
        #expect(refusal(unknown)?.developerMessage.contains("<test>") == true)
    }

    @Test("a missing signature, timestamp, comment, omobility-id, changes-proposal-id or sending-hei-id is a 400 (118, 123)")
    func requiredElements() {
        let valid = LADocuments.update(sending: "s.example", omobilityID: "m-1", proposalID: "p-1", comment: "why")
        #expect(refusal(valid) == nil)
        let cases: [(String, String)] = [
            ("signature", LADocuments.update(sending: "s.example", omobilityID: "m-1", proposalID: "p-1", signature: false)),
            ("signature of a comment", LADocuments.update(sending: "s.example", omobilityID: "m-1", proposalID: "p-1", comment: "c", signature: false)),
            ("timestamp", valid.replacingOccurrences(of: "<la:timestamp>2026-06-20T10:00:00+02:00</la:timestamp>", with: "")),
            ("bad timestamp", valid.replacingOccurrences(of: "2026-06-20T10:00:00+02:00", with: "yesterday")),
            ("comment", valid.replacingOccurrences(of: "<comment>why</comment>", with: "")),
            ("empty comment", valid.replacingOccurrences(of: "<comment>why</comment>", with: "<comment> </comment>")),
            ("omobility-id", valid.replacingOccurrences(of: "<omobility-id>m-1</omobility-id>", with: "")),
            ("changes-proposal-id", valid.replacingOccurrences(of: "<changes-proposal-id>p-1</changes-proposal-id>", with: "")),
            ("sending-hei-id", valid.replacingOccurrences(of: "<sending-hei-id>s.example</sending-hei-id>", with: "")),
        ]
        for (what, text) in cases {
            #expect(refusal(text)?.status == 400, "\(what)")
        }
    }

    @Test("not XML, another root or namespace, or two update elements: 400")
    func wrongDocuments() {
        let valid = LADocuments.update(sending: "s.example", omobilityID: "m-1", proposalID: "p-1")
        #expect(refusal("sending_hei_id=s.example")?.status == 400)
        #expect(refusal(valid.replacingOccurrences(of: LADocuments.updateNamespace, with: "urn:other"))?.status == 400)
        #expect(refusal("<omobility-las-get-response xmlns=\"\(LADocuments.namespace)\"/>")?.status == 400)
        let two = valid.replacingOccurrences(of: "</omobility-las-update-request>",
                                             with: "<comment-proposal-v1><omobility-id>m-1</omobility-id></comment-proposal-v1></omobility-las-update-request>")
        #expect(refusal(two)?.developerMessage.contains("2 update elements") == true)
    }

    @Test("an external entity in the body is refused by the hardened parser, never fetched")
    func hardenedParser() {
        let text = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
            + LADocuments.update(sending: "&x;", omobilityID: "m-1", proposalID: "p-1")
        let error = refusal(text)
        #expect(error?.status == 400)
        #expect(error?.developerMessage.contains("root:") != true)
    }
}
