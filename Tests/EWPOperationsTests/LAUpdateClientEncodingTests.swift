import EWPTestTraits
import EWPAPIs
import EWPModel
import EWPOperations
import EWPTestSupport
import EWPXML
import Foundation
import Testing

/// The update requests our node sends as the receiving HEI (update-request.xsd): written through
/// the one XML writer, valid against the OFFICIAL schema, and read back unchanged by the parser
/// the sending side uses.
@Suite("LA update client: the update request we send")
struct LAUpdateClientEncodingTests {
    static let xsd = RepositoryPaths.spec("ewp-specs-api-omobility-las/endpoints/update-request.xsd")

    static func request(_ action: OMobilityLAsUpdateRequest.Action) -> OMobilityLAsUpdateRequest {
        let signer = LASigner(name: "Zoë <Kowalska> & Co", position: nil, email: nil, adminEmail: "iro@b.example")
        return OMobilityLAsUpdateRequest(sendingHEI: "a.example", omobilityID: "om-1", changesProposalID: "p \"1\" & <2>", action: action,
                                         signature: signer.signature(at: Date(timeIntervalSince1970: 1_795_000_000)))
    }

    @Test("approve-proposal-v1 and comment-proposal-v1 validate against the official update-request.xsd", .officialSpecs,
          .enabled(if: OfficialSchemas.xmllintAvailable), arguments: [OMobilityLAsUpdateRequest.Action.approve, .comment("Calculus I is gone: take Calculus II & <Algebra>.")])
    func officialSchema(_ action: OMobilityLAsUpdateRequest.Action) async throws {
        let document = Self.request(action).document
        let outcome = try await OfficialSchemas.validate(document, against: Self.xsd)
        #expect(outcome.valid, "\(outcome.messages)\n\(String(decoding: document, as: UTF8.self))")
        // The check has teeth: the same request without its signature is not valid.
        let text = String(decoding: document, as: UTF8.self)
        let unsigned = text.replacingOccurrences(of: #"<signature>.*</signature>"#, with: "", options: .regularExpression)
        #expect(unsigned != text)
        #expect(!(try await OfficialSchemas.validate(Array(unsigned.utf8), against: Self.xsd)).valid)
    }

    @Test("a written request reads back unchanged through OMobilityLAsUpdateRequest(body:)",
          arguments: [OMobilityLAsUpdateRequest.Action.approve, .comment("Please replace \"Databases\" & keep <AI>.")])
    func roundTrip(_ action: OMobilityLAsUpdateRequest.Action) throws {
        let request = Self.request(action)
        let read = try OMobilityLAsUpdateRequest(body: request.document)
        #expect(read == request)
    }

    @Test("the signature: defaults for the signer, signer-app ewp-node, a UTC xs:dateTime")
    func signature() throws {
        let request = Self.request(.approve)
        let signature = request.signature
        #expect(signature.signerName == "Zoë <Kowalska> & Co")
        #expect(signature.signerPosition == "International Relations Office")
        #expect(signature.signerEmail == "iro@b.example")
        #expect(signature.signerApp == "ewp-node")
        #expect(signature.timestamp.text == "2026-11-18T11:06:40Z")
        #expect(signature.timestamp.date == Date(timeIntervalSince1970: 1_795_000_000))
        let text = String(decoding: request.document, as: UTF8.self)
        #expect(text.contains("<la:signer-app>ewp-node</la:signer-app>"), "\(text)")
    }
}
