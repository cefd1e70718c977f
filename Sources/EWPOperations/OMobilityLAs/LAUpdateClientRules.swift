import EWPAPIs
import EWPCore
import EWPModel
import Foundation
import HTTPTypes

/// What the receiving HEI does with a partner's changes proposal (OMobility LAs `update`).
public enum LAUpdateAction: Sendable, Equatable {
    case approve
    case comment(String)

    public var name: String {
        switch self {
        case .approve: "approve"
        case .comment: "comment"
        }
    }
}

/// Who signs the approval or comment for our HEI (update-request.xsd `signature`, `la:Signature`).
/// Defaults: name and position "International Relations Office", e-mail the node's admin e-mail
/// (EWP_ADMIN_EMAIL); the signing application is always "ewp-node".
public struct LASigner: Sendable, Equatable {
    public static let defaultName = "International Relations Office"
    public static let defaultPosition = "International Relations Office"
    public static let app = "ewp-node"

    public var name: String
    public var position: String
    public var email: String

    public init(name: String?, position: String?, email: String?, adminEmail: String) {
        self.name = Self.given(name) ?? Self.defaultName
        self.position = Self.given(position) ?? Self.defaultPosition
        self.email = Self.given(email) ?? adminEmail
    }

    /// The signature with `at` as its timestamp (UTC, whole seconds).
    public func signature(at date: Date) -> Signature {
        Signature(signerName: name, signerPosition: position, signerEmail: email, timestamp: Self.timestamp(date), signerApp: Self.app)
    }

    static func timestamp(_ date: Date) -> XSDateTime {
        let whole = Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
        let text = Date.ISO8601FormatStyle().format(whole)   // 2026-11-18T11:06:40Z
        return XSDateTime(text) ?? XSDateTime("1970-01-01T00:00:00Z")!
    }

    private static func given(_ value: String?) -> String? {
        guard let value = value?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }
}

/// Why our side did not approve or comment. `findings` are the guideline errors that block an
/// approval (empty for other reasons).
public struct LAUpdateRefusal: Error, Sendable, CustomStringConvertible {
    public enum Reason: String, Sendable {
        /// The partner does not show the LA to us (unknown id, not ours, or deleted).
        case notFound = "not-found"
        /// The partner's LA cannot be read as an OMobility LAs v1 `la`.
        case unreadable
        /// The LA names another receiving HEI than ours: only the receiving HEI approves or comments.
        case notReceivingHEI = "not-receiving-hei"
        case noPendingProposal = "no-pending-proposal"
        case guidelineErrors = "guideline-errors"
        /// The partner publishes no OMobility LAs v1 API, or its entry has no `update-url`.
        case noUpdateEndpoint = "no-update-endpoint"
        /// 409: the proposal changed since we read it.
        case conflict
        /// 400 or another refusal of the request by the partner.
        case partnerRefused = "partner-refused"
        /// The partner could not be reached or its answer could not be trusted.
        case unreachable
        case storeFailed = "store-failed"
        case badRequest = "bad-request"
    }

    public let reason: Reason
    public let message: String
    public let findings: [Finding]

    public init(_ reason: Reason, _ message: String, findings: [Finding] = []) {
        self.reason = reason
        self.message = message
        self.findings = findings
    }

    public var description: String {
        ([message] + findings.map { "  \($0.severity.rawValue) \($0.rule.id): \($0.message)" }).joined(separator: "\n")
    }

    /// The HTTP status an admin client gets for this refusal: the LA or proposal is not there (404);
    /// its state forbids the action (409); the request cannot be made to this partner or is
    /// malformed (400); the partner could not be reached, read, or refused our request (502); our
    /// database did not answer (503).
    public var status: HTTPResponse.Status {
        switch reason {
        case .notFound: .notFound
        case .notReceivingHEI, .noPendingProposal, .guidelineErrors, .conflict: .conflict
        case .noUpdateEndpoint, .badRequest: .badRequest
        case .unreadable, .partnerRefused, .unreachable: .badGateway
        case .storeFailed: .serviceUnavailable
        }
    }
}

/// The pure decisions of `LAUpdateClient`, without I/O: which proposal is acted on, whether the
/// guidelines block it, and the request to send.
public enum LAUpdateRules {
    public struct Ready: Sendable {
        public let request: OMobilityLAsUpdateRequest
        /// Every finding on the LA as read: warnings only for an approval (errors refuse it);
        /// for a comment errors too (a comment is how a flawed proposal is sent back).
        public let findings: [Finding]
    }

    /// Decides what to send about `la`, as pulled from `sendingHEI` just now.
    /// - previous: the copy we held before this pull (lets the guidelines see an altered first version).
    /// - updateURL: the partner's `update-url`, nil when it publishes none.
    public static func prepare(_ la: LearningAgreement, previous: LearningAgreement?, localHEI: String, sendingHEI: String,
                               action: LAUpdateAction, signer: LASigner, updateURL: String?, now: Date) throws(LAUpdateRefusal) -> Ready {
        guard HEIID(la.receivingHEI.heiID) == HEIID(localHEI) else {
            throw LAUpdateRefusal(.notReceivingHEI, "\(sendingHEI)'s learning agreement \(la.omobilityID) names \(la.receivingHEI.heiID) as its receiving HEI, not \(localHEI): only the receiving HEI approves or comments on it")
        }
        guard let proposal = pendingProposal(la) else {
            let state = la.firstVersion == nil ? "it has no version at all" : "its latest version is already approved by all parties"
            throw LAUpdateRefusal(.noPendingProposal, "\(sendingHEI)'s learning agreement \(la.omobilityID) has no pending changes proposal (\(state)); there is nothing to \(action.name)")
        }
        if case .comment(let text) = action, text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw LAUpdateRefusal(.badRequest, "a comment says why the proposal is not accepted and what to change: give its text")
        }
        let findings = GuidelineCheck.findings(for: la, today: now, context: GuidelineContext(previous: previous))
        let errors = blockingFindings(findings, action: action)
        guard errors.isEmpty else { throw guidelineRefusal(errors, proposal: proposal, of: la, sendingHEI: sendingHEI) }
        guard let updateURL, !updateURL.isEmpty else {
            throw LAUpdateRefusal(.noUpdateEndpoint, "\(sendingHEI) publishes no update-url in its OMobility LAs v1 manifest entry: it does not take approvals or comments through EWP")
        }
        let request = OMobilityLAsUpdateRequest(sendingHEI: sendingHEI, omobilityID: la.omobilityID, changesProposalID: proposal.id,
                                                action: action.requestAction, signature: signer.signature(at: now))
        return Ready(request: request, findings: findings)
    }

    /// Refuses an approval of the pending proposal of `held` (the copy we hold, checked as the
    /// overviews show it) when its guideline errors block it, as `prepare` does for the fresh copy:
    /// so the person gets the findings they were shown, whether or not the partner can be reached.
    /// A partner that corrected the proposal since is pulled again first (`ewp-node sync`).
    public static func refuseHeld(_ held: PartnerLAFindings.Checked?, sendingHEI: String, action: LAUpdateAction) throws(LAUpdateRefusal) {
        guard let held, let la = held.la, let proposal = pendingProposal(la) else { return }
        let errors = blockingFindings(held.findings, action: action)
        guard errors.isEmpty else { throw guidelineRefusal(errors, proposal: proposal, of: la, sendingHEI: sendingHEI, asHeld: true) }
    }

    static func guidelineRefusal(_ errors: [Finding], proposal: ChangesProposal, of la: LearningAgreement, sendingHEI: String,
                                 asHeld: Bool = false) -> LAUpdateRefusal {
        let held = asHeld ? " as last pulled (if \(sendingHEI) has corrected it since, pull it again with `ewp-node sync --partner \(sendingHEI)`)" : ""
        return LAUpdateRefusal(.guidelineErrors, "changes proposal \(proposal.id) of \(sendingHEI)'s learning agreement \(la.omobilityID)\(held) breaks \(errors.count) Erasmus+ guideline rule\(errors.count == 1 ? "" : "s") (errors block approval; comment on the proposal to ask \(sendingHEI) to fix it)",
                               findings: errors)
    }

    /// The proposal our approval or comment is about: the LA's `changes-proposal` (EWP keeps at most
    /// one, the latest).
    public static func pendingProposal(_ la: LearningAgreement) -> ChangesProposal? { la.changesProposal }

    /// The findings that refuse `action`: every error for an approval, none for a comment.
    public static func blockingFindings(_ findings: [Finding], action: LAUpdateAction) -> [Finding] {
        action == .approve ? findings.filter { $0.severity == .error } : []
    }
}

extension LAUpdateAction {
    var requestAction: OMobilityLAsUpdateRequest.Action {
        switch self {
        case .approve: .approve
        case .comment(let text): .comment(text)
        }
    }
}
