import EWPAPIs
import EWPClient
import EWPCore
import EWPModel
import EWPNotifications
import EWPRegistry
import EWPStore
import EWPXML
import Foundation
import HTTPTypes

/// The receiving HEI's side of OMobility LAs v1 `update`: refuse an approval that the guideline
/// errors of the copy we hold block (the findings shown to the person, before any partner is looked
/// up), pull the partner's current LA fresh (and store the copy), decide with
/// `LAUpdateRules` (a pending proposal, no guideline error for an approval, an `update-url`), POST
/// the request signed as our covered HEI, then pull again so stored copies show the new state.
/// A 409 means the proposal changed since it was read: the LA is pulled again and the refusal says so.
/// After a 200 our answer is recorded (`LAAnswers`); failing that, the outcome says so (it was sent).
struct LAUpdateClient: Sendable {
    let store: any Store
    let partners: PartnerDirectory
    let now: @Sendable () -> Date

    struct Outcome: Sendable {
        let request: OMobilityLAsUpdateRequest
        let findings: [Finding]
        /// The partner's `success-user-message`s.
        let partnerMessages: [String]
        /// The LA as pulled after the update (nil when that pull failed: `refreshProblem` says why).
        let after: LearningAgreement?
        let refreshProblem: String?
        /// Why our answer could not be recorded after the partner accepted it (nil: recorded).
        let recordProblem: String?
    }

    static let pulled = OMobilityLAsPull()

    func update(localHEI: String, sendingHEI: String, omobilityID: String, action: LAUpdateAction,
                signer: LASigner) async throws(LAUpdateRefusal) -> Outcome {
        let held = try await storedCopy(localHEI: localHEI, sendingHEI: sendingHEI, omobilityID: omobilityID)
        try LAUpdateRules.refuseHeld(held, sendingHEI: sendingHEI, action: action)
        let (entry, keys) = try resolve(sendingHEI)
        let la = try await pull(entry: entry, keys: keys, localHEI: localHEI, sendingHEI: sendingHEI, omobilityID: omobilityID)
        let ready = try LAUpdateRules.prepare(la, previous: held?.la, localHEI: localHEI, sendingHEI: sendingHEI, action: action,
                                              signer: signer, updateURL: entry.urls["update-url"], now: now())
        switch await partners.postXML(entry: entry, keys: keys, urlElement: "update-url", localHEI: HEIID(localHEI),
                                           partnerHEI: HEIID(sendingHEI), body: ready.request.document) {
        case .success(let result):
            let messages = result.root?.children.filter { $0.name == "success-user-message" }
                .map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) } ?? []
            let recordProblem = await record(localHEI: localHEI, request: ready.request, action: action, messages: messages)
            do throws(LAUpdateRefusal) {
                let after = try await pull(entry: entry, keys: keys, localHEI: localHEI, sendingHEI: sendingHEI, omobilityID: omobilityID)
                return Outcome(request: ready.request, findings: ready.findings, partnerMessages: messages, after: after, refreshProblem: nil,
                               recordProblem: recordProblem)
            } catch {
                return Outcome(request: ready.request, findings: ready.findings, partnerMessages: messages, after: nil, refreshProblem: error.message,
                               recordProblem: recordProblem)
            }
        case .failure(let failure):
            throw await refusal(failure, request: ready.request, entry: entry, keys: keys, localHEI: localHEI)
        }
    }

    /// Records the answer the partner accepted; returns why that failed (nil: recorded).
    private func record(localHEI: String, request: OMobilityLAsUpdateRequest, action: LAUpdateAction, messages: [String]) async -> String? {
        let answer = LAAnswer(sendingHEI: request.sendingHEI, omobilityID: request.omobilityID, changesProposalID: request.changesProposalID,
                              action: action, signature: request.signature, at: now(), partnerMessages: messages)
        do {
            try await LAAnswers.save(store: store, localHEI: localHEI, answer: answer)
            return nil
        } catch {
            return "\(request.sendingHEI) accepted the \(request.actionName), but it could not be recorded here: \(error)"
        }
    }

    private func resolve(_ sendingHEI: String) throws(LAUpdateRefusal) -> (APIEntry, EndpointServerKeys) {
        switch partners.resolve(Self.pulled.entry, partnerHEI: HEIID(sendingHEI), now: now()) {
        case .found(let entry, let keys): return (entry, keys)
        case .failed(.noEndpoint(let why)):
            throw LAUpdateRefusal(.noUpdateEndpoint, "\(why): it takes no approvals or comments through EWP")
        case .failed(let result):
            throw LAUpdateRefusal(.unreachable, "cannot reach \(sendingHEI)'s OMobility LAs v1 API: \(result.explanation)")
        }
    }

    /// Pulls the LA with `get`, stores the copy (or its absence), and decodes it.
    private func pull(entry: APIEntry, keys: EndpointServerKeys, localHEI: String, sendingHEI: String,
                      omobilityID: String) async throws(LAUpdateRefusal) -> LearningAgreement {
        let parameters = Self.pulled.getParameters(for: Self.pulled.entry, partnerHEI: sendingHEI, localHEI: localHEI, ids: [omobilityID])
        let root: XElement
        switch await partners.call(.get, entry: entry, keys: keys, urlElement: "get-url", localHEI: HEIID(localHEI),
                                   partnerHEI: HEIID(sendingHEI), parameters: parameters) {
        case .failure(let failure):
            throw LAUpdateRefusal(.unreachable, "pulling \(sendingHEI)'s learning agreement \(omobilityID) failed: \(failure.result.explanation)")
        case .success(let result):
            guard let parsed = result.root else { throw LAUpdateRefusal(.unreachable, "\(sendingHEI)'s get answered with an empty body") }
            root = parsed
        }
        let element = Self.pulled.objects(in: root, entry: Self.pulled.entry, partnerHEI: sendingHEI).first { $0.id == omobilityID }?.element
        let seen = now()
        do {
            try await store.savePartnerCopies([PartnerCopy(api: Self.pulled.source.rawValue, localHEI: localHEI, partnerHEI: sendingHEI, objectID: omobilityID,
                                                           document: element.map { XMLWriter.document($0) }, hash: nil, seenAt: seen, changedAt: seen)])
        } catch {
            throw LAUpdateRefusal(.storeFailed, "cannot store the pulled copy of \(sendingHEI)'s learning agreement \(omobilityID): \(error)")
        }
        guard let element else {
            throw LAUpdateRefusal(.notFound, "\(sendingHEI) does not show learning agreement \(omobilityID) to \(localHEI) (unknown id, not a mobility to \(localHEI), or deleted)")
        }
        do {
            return try LearningAgreement(element)
        } catch {
            throw LAUpdateRefusal(.unreadable, "\(sendingHEI)'s learning agreement \(omobilityID) cannot be read: \(error)")
        }
    }

    /// The copy we hold with its findings, as the overviews show it; nil when none (or deleted).
    private func storedCopy(localHEI: String, sendingHEI: String, omobilityID: String) async throws(LAUpdateRefusal) -> PartnerLAFindings.Checked? {
        let copy: PartnerCopy?
        do {
            copy = try await store.partnerCopy(api: Self.pulled.source.rawValue, localHEI: localHEI, partnerHEI: sendingHEI, objectID: omobilityID)
        } catch {
            throw LAUpdateRefusal(.storeFailed, "the database did not answer: \(error)")
        }
        return copy.flatMap(PartnerLAFindings.check)
    }

    /// Why the partner did not take the request; after a 409 the LA is pulled again.
    private func refusal(_ failure: PartnerDirectory.CallFailure, request: OMobilityLAsUpdateRequest, entry: APIEntry,
                         keys: EndpointServerKeys, localHEI: String) async -> LAUpdateRefusal {
        let sendingHEI = request.sendingHEI
        guard case .httpStatus(_, let status, let developerMessage, let body)? = failure.clientError else {
            return LAUpdateRefusal(.unreachable, "\(sendingHEI)'s update endpoint did not answer usably: \(failure.result.explanation)")
        }
        let said = LAUpdateResponses.partnerMessage(developerMessage: developerMessage, body: body)
        guard status == HTTPResponse.Status.conflict.code else {
            return LAUpdateRefusal(.partnerRefused, "\(sendingHEI) refused the \(request.actionName) of changes proposal \(request.changesProposalID) (HTTP \(status))\(said)")
        }
        var reread = "pulled it again"
        do throws(LAUpdateRefusal) {
            let la = try await pull(entry: entry, keys: keys, localHEI: localHEI, sendingHEI: sendingHEI, omobilityID: request.omobilityID)
            reread += la.changesProposal.map { ": the current proposal is \($0.id)" } ?? ": it has no pending proposal now"
        } catch {
            reread = "pulling it again failed: \(error.message)"
        }
        return LAUpdateRefusal(.conflict, "the proposal changed: re-read it. Changes proposal \(request.changesProposalID) of \(sendingHEI)'s learning agreement \(request.omobilityID) is no longer current (HTTP 409)\(said); \(reread), review it and repeat")
    }
}

/// Reading the partner's answers to `update`.
enum LAUpdateResponses {
    /// ": developer-message (user-message)" from an error-response, or "" when it has neither.
    static func partnerMessage(developerMessage: String?, body: [UInt8]) -> String {
        var parts: [String] = []
        if let developerMessage, !developerMessage.isEmpty { parts.append(developerMessage) }
        if body.count <= XMLParseThreads.threshold, let root = try? XMLReader.parse(body), root.name == "error-response" {   // small: parsed here
            let users = root.children.filter { $0.name == "user-message" }.map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) }
                .filter { !$0.isEmpty }
            if !users.isEmpty { parts.append("(user message: \(users.joined(separator: " ")))") }
        }
        return parts.isEmpty ? " (no developer-message)" : ": " + parts.joined(separator: " ")
    }
}

extension OMobilityLAsUpdateRequest {
    var actionName: String {
        switch action {
        case .approve: "approval"
        case .comment: "comment"
        }
    }
}
