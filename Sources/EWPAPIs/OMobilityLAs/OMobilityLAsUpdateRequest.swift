import EWPModel
import EWPXML
import EWPSecurity
import Foundation

/// An OMobility LAs `update` request (update-request.xsd, OMobility LAs API v1
/// endpoints/update.md): the raw XML body POSTed by the receiving HEI. Read with our hardened
/// parser, leniently: the elements the schema requires must be there and well-formed (else 400);
/// elements it does not define are ignored; the request is never checked against the XSD as a
/// whole.
public struct OMobilityLAsUpdateRequest: Sendable, Equatable {
    public enum Action: Sendable, Equatable {
        /// `approve-proposal-v1`: the receiving HEI signs the changes proposal.
        case approve
        /// `comment-proposal-v1`: the receiving HEI does not accept the proposal, and says why.
        case comment(String)
    }

    public static let rootName = "omobility-las-update-request"
    static let approveName = "approve-proposal-v1"
    static let commentName = "comment-proposal-v1"

    public var sendingHEI: String
    public var omobilityID: String
    public var changesProposalID: String
    public var action: Action
    public var signature: Signature

    public init(sendingHEI: String, omobilityID: String, changesProposalID: String, action: Action, signature: Signature) {
        self.sendingHEI = sendingHEI
        self.omobilityID = omobilityID
        self.changesProposalID = changesProposalID
        self.action = action
        self.signature = signature
    }

    /// Reads a request body. Every refusal is a 400 saying what to fix (as the EWP API Validator's
    /// update checks expect).
    public init(body: [UInt8]) throws(APIRequestError) {
        let root: XElement
        do {
            root = try XMLReader.parse(body)
        } catch {
            throw Self.notWellFormed(error)
        }
        try self.init(root: root)
    }

    /// `init(body:)` in async code: a large body is parsed off the cooperative pool (`XMLParseThreads`).
    public static func read(_ body: [UInt8]) async throws(APIRequestError) -> OMobilityLAsUpdateRequest {
        let root: XElement
        do {
            root = try await XMLReader.parseOffPool(body)
        } catch {
            throw notWellFormed(error)
        }
        return try OMobilityLAsUpdateRequest(root: root)
    }

    private static func notWellFormed(_ error: XMLProblem) -> APIRequestError {
        .badRequest("The request body is not well-formed XML (\(CallerText.excerpt("\(error)", limit: 200))); POST an omobility-las-update-request element (Content-Type: text/xml).")
    }

    init(root: XElement) throws(APIRequestError) {
        let ns = OMobilityLAsAPI.updateRequestNamespace
        guard root.name == Self.rootName, root.namespace == ns else {
            throw .badRequest("The request body is <\(CallerText.excerpt(root.name))> in \(root.namespace.isEmpty ? "no namespace" : "the namespace \(CallerText.excerpt(root.namespace))"); the update endpoint takes <\(Self.rootName)> in the namespace \(ns).")
        }
        sendingHEI = try Self.requiredText(root, "sending-hei-id", in: Self.rootName)
        let updates = root.children.filter { $0.namespace == ns && ($0.name == Self.approveName || $0.name == Self.commentName) }
        guard let update = updates.first else {
            let others = root.children.filter { !($0.namespace == ns && $0.name == "sending-hei-id") }.map { "<\($0.name)>" }
            let found = others.isEmpty ? "none" : "only " + CallerText.excerpt(others.joined(separator: ", "), limit: 200) + ", which this server does not know"
            throw .badRequest("The request has no update element (found \(found)); send exactly one of <\(Self.approveName)> or <\(Self.commentName)> after <sending-hei-id>.")
        }
        guard updates.count == 1 else {
            throw .badRequest("The request has \(updates.count) update elements; send exactly one <\(Self.approveName)> or <\(Self.commentName)> per request.")
        }
        omobilityID = try Self.requiredText(update, "omobility-id", in: update.name)
        changesProposalID = try Self.requiredText(update, "changes-proposal-id", in: update.name)
        if update.name == Self.commentName {
            action = .comment(try Self.requiredText(update, "comment", in: update.name))
        } else {
            action = .approve
        }
        guard let signature = update.element("signature", namespace: ns) else {
            throw .badRequest("<\(update.name)> has no <signature>: the receiving HEI's signature (signer-name, signer-position, signer-email, timestamp, signer-app) is required.")
        }
        self.signature = try Self.signature(signature, in: update.name)
    }

    private static func requiredText(_ parent: XElement, _ name: String, in context: String) throws(APIRequestError) -> String {
        guard let element = parent.element(name, namespace: OMobilityLAsAPI.updateRequestNamespace) else {
            throw .badRequest("<\(context)> has no <\(name)>; it is required.")
        }
        let text = element.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw .badRequest("<\(name)> in <\(context)> is empty; it is required.") }
        return text
    }

    /// `la:Signature` (children in the get-response namespace; read by local name).
    private static func signature(_ element: XElement, in context: String) throws(APIRequestError) -> Signature {
        func text(_ name: String) -> String? {
            let value = element.children.first { $0.name == name }?.text.trimmingCharacters(in: .whitespacesAndNewlines)
            return value?.isEmpty == false ? value : nil
        }
        guard let stamp = text("timestamp") else {
            throw .badRequest("<signature> in <\(context)> has no <timestamp>; say when the receiving HEI signed (xs:dateTime).")
        }
        guard let timestamp = EWPModel.XSDateTime(stamp) else {
            throw .badRequest("<timestamp> \"\(CallerText.excerpt(stamp))\" of <signature> in <\(context)> is not an xs:dateTime such as 2024-06-12T09:30:00+02:00.")
        }
        return Signature(signerName: text("signer-name"), signerPosition: text("signer-position"), signerEmail: text("signer-email"),
                         timestamp: timestamp, signerApp: text("signer-app"))
    }
}
