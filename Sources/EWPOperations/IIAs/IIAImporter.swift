import EWPAPIs
import EWPCore
import EWPModel
import EWPNotifications
import EWPStore
import EWPXML
import Foundation
import HTTPTypes

/// `ewp-node import` of `iias-get-response` documents and the explicit deletion
/// of an IIA. A document is checked whole (well-formed, valid against our iias-get-response.xsd,
/// `IIA` readable, `OwnIIARules`) before anything is stored; then every change and its CNRs are
/// committed in ONE transaction (`IIAChangePlan`). Safe while `serve` runs on the same database.
public struct IIAImporter: Sendable {
    public static let rootName = "iias-get-response"

    let store: any OwnObjectStore
    let approvals: any IIAApprovalLookup
    let coveredHEIs: [HEIID]
    let schema: XSDSchema
    let policy: NotificationSettings

    /// `approvals`: approval states (`StoredIIAApprovals`). `schema`: our iias-get-response.xsd
    /// (`SchemaFile.iiasGetResponse`). `policy`: the node's notification policy (the CNRs' lifetime,
    /// EWP_CNR_LIFETIME, and their settling).
    public init(store: any OwnObjectStore, approvals: any IIAApprovalLookup, coveredHEIs: [HEIID], schema: XSDSchema,
                policy: NotificationSettings) {
        self.store = store
        self.approvals = approvals
        self.coveredHEIs = coveredHEIs
        self.schema = schema
        self.policy = policy
    }

    /// Imports one document. An IIA absent from it is left as it is (deletion is `delete`).
    public func importDocument(_ bytes: [UInt8], now: Date) async -> IIAImportReport {
        var report = IIAImportReport()
        let root: XElement
        do {
            root = try XMLReader.parse(bytes)
        } catch {
            report.problems = [ImportIssue(line: error.line, message: "not well-formed XML: \(error.message)")]
            return report
        }
        guard root.name == Self.rootName, root.namespace == IIA.namespace else {
            report.problems = [ImportIssue(line: 1, path: "/" + root.name,
                                              message: "expected an iias-get-response of IIAs v7 (namespace \(IIA.namespace)), found \(root.name) in \"\(root.namespace)\"")]
            return report
        }
        let map = DocumentMap(root: root, lines: (try? XMLReader.elementLines(bytes)) ?? [])
        let schemaProblems = schema.validate(bytes)
        guard schemaProblems.isEmpty else {
            report.problems = schemaProblems.map { problem in
                let entry = problem.line.flatMap { map.entry(line: $0, name: Self.elementName(inSchemaMessage: problem.message)) }
                return ImportIssue(line: problem.line, path: entry?.path, message: "not valid against iias-get-response.xsd: \(problem.message)")
            }
            return report
        }

        let (candidates, problems, skipped) = check(root)
        report.skipped = skipped.map { issue($0, map) }
        guard problems.isEmpty else {
            report.problems = problems.map { issue($0, map) }
            return report
        }
        var existing: [OwnObject] = []
        var approved = Set<String>()
        do {
            for (hei, group) in Dictionary(grouping: candidates, by: \.heiID).sorted(by: { $0.key < $1.key }) {
                let stored = try await store.ownObjects(kind: OwnIIAStorage.kind, heiID: hei, ids: group.map(\.iiaID))
                existing += stored
                for (id, state) in try await approvals.states(heiID: hei, iias: stored) where state.mutuallyApproved {
                    approved.insert("\(hei) \(id)")
                }
            }
        } catch {
            report.problems = [ImportIssue(message: "cannot read the stored IIAs: \(error)")]
            return report
        }
        let plan = IIAChangePlan(candidates, existing: existing, mutuallyApproved: approved, now: now)
        guard plan.problems.isEmpty else {
            report.problems = plan.problems.map { issue($0, map) }
            return report
        }
        if !plan.upserts.isEmpty {
            do {
                try await store.commit(changes(plan.upserts, plan.notifications, now: now), now: now)
            } catch {
                report.problems = [ImportIssue(message: "nothing was stored: \(error)")]
                return report
            }
        }
        report.entries = plan.entries
        report.notifications = plan.notifications.count
        return report
    }

    /// Deletes our IIA `iiaID` of `heiID` (IIAs API v7 README): it disappears from every endpoint,
    /// a tombstone keeps its id from reuse, and its partner gets an IIA CNR, in one transaction. A
    /// mutually approved IIA is not deleted (terminate it instead); an unknown id is an error; an
    /// already deleted one changes nothing. Returns what was done, or throws why not.
    public func delete(iiaID: IIAID, heiID requested: HEIID, now: Date) async throws(IIAImportError) -> String {
        guard let heiID = coveredHEIs.first(where: { $0 == requested })?.value else {
            throw IIAImportError("\(requested) is not a HEI this node covers (\(coveredHEIs.listed))")
        }
        let iiaID = iiaID.value
        let existing: OwnObject?
        do {
            existing = try await store.ownObjects(kind: OwnIIAStorage.kind, heiID: heiID, ids: [iiaID]).first
        } catch {
            throw IIAImportError("cannot read the stored IIA: \(error)", kind: .storeFailed)
        }
        guard let existing else { throw IIAImportError("\(heiID) has no IIA with iia-id \(iiaID)", kind: .unknownIIA) }
        guard !existing.isTombstone else { return "IIA \(iiaID) of \(heiID) was already deleted; nothing changed" }
        let state: IIAApprovalState?
        do {
            state = try await approvals.states(heiID: heiID, iias: [existing])[iiaID]
        } catch {
            throw IIAImportError("cannot read the IIA's approvals: \(error)", kind: .storeFailed)
        }
        guard state?.mutuallyApproved != true else {
            throw IIAImportError("IIA \(iiaID) of \(heiID) is mutually approved and may not be deleted (IIAs API v7 README); to end it, import it with terminated-as-a-whole=\"true\" or in-effect false")
        }
        let tombstone = OwnObject(kind: OwnIIAStorage.kind, heiID: heiID, objectID: iiaID, document: nil,
                                  partnerHEIs: existing.partnerHEIs, hash: nil, modifiedAt: now)
        let notifications = existing.partnerHEIs.map { IIAChangePlan.notification(heiID: heiID, partner: $0, iiaID: iiaID) }
        do {
            try await store.commit(changes([tombstone], notifications, now: now), now: now)
        } catch {
            throw IIAImportError("nothing was deleted: \(error)", kind: .storeFailed)
        }
        return "deleted IIA \(iiaID) of \(heiID); \(notifications.count) change notification\(notifications.count == 1 ? "" : "s") queued"
    }

    func changes(_ upserts: [OwnObject], _ notifications: [NotificationKey], now: Date) -> ChangeSet {
        ChangeSet(upserts: upserts, notifications: notifications,
                  notificationsExpireAt: now.addingTimeInterval(policy.lifetime), settling: policy.settling)
    }

    /// Reads every `iia` of the document: candidates for covered HEIs, problems (locations from the
    /// root) that refuse the document, and IIAs skipped because another HEI serves them.
    func check(_ root: XElement) -> (candidates: [IIACandidate], problems: [IIAProblem], skipped: [IIAProblem]) {
        var candidates: [IIACandidate] = []
        var problems: [IIAProblem] = []
        var skipped: [IIAProblem] = []
        var seen: [String: Int] = [:]
        for (position, element) in root.children.enumerated() where element.name == "iia" {
            let iia: IIA
            do {
                iia = try IIA(element)
            } catch {
                problems.append(IIAProblem(at: [position] + error.location, error.message))
                continue
            }
            guard let heiID = coveredHEIs.first(where: { $0 == HEIID(iia.local.heiID) })?.value else {
                skipped.append(IIAProblem(at: [position, iia.local.position],
                                          "the first partner \(iia.local.heiID) is not a HEI this node covers (\(coveredHEIs.listed)); this IIA is its copy, not ours"))
                continue
            }
            let rules = OwnIIARules.problems(iia, servedBy: heiID)
            problems += rules.map { IIAProblem(at: [position] + $0.location, $0.message) }
            guard rules.isEmpty else { continue }
            let candidate = IIACandidate(iia: iia, heiID: heiID, position: position)
            if let first = seen.updateValue(position, forKey: "\(heiID) \(candidate.iiaID)") {
                problems.append(IIAProblem(at: [position, iia.local.position],
                                           "iia-id \(candidate.iiaID) of \(heiID) appears twice in this document (also in iia element \(first + 1))"))
                continue
            }
            candidates.append(candidate)
        }
        return (candidates, problems, skipped)
    }

    private func issue(_ problem: IIAProblem, _ map: DocumentMap) -> ImportIssue {
        let entry = map.entry(at: problem.location)
        return ImportIssue(line: entry?.line, path: entry?.path, message: problem.message)
    }

    /// The local name libxml2 names in a validation message ("Element '{ns}name': …").
    static func elementName(inSchemaMessage message: String) -> String? {
        guard let start = message.range(of: "Element '")?.upperBound,
              let end = message[start...].firstIndex(of: "'") else { return nil }
        let qualified = message[start..<end]
        return String(qualified.split(separator: "}").last ?? qualified)
    }
}

/// Why an import action was refused; its kind decides the status the admin API answers with.
public struct IIAImportError: EWPError, CustomStringConvertible {
    /// What a caller can switch on.
    public enum Kind: Sendable {
        /// The action is not allowed (a HEI not covered, a mutually approved IIA, invalid content).
        case refused
        /// No IIA has that id.
        case unknownIIA
        /// The database failed; nothing changed.
        case storeFailed
    }

    public let message: String
    public let kind: Kind
    public init(_ message: String, kind: Kind = .refused) {
        self.message = message
        self.kind = kind
    }
    public var description: String { message }
    public var developerMessage: String { message }

    public var status: HTTPResponse.Status {
        switch kind {
        case .refused: .conflict
        case .unknownIIA: .notFound
        case .storeFailed: .serviceUnavailable
        }
    }
}

extension IIAImporter {
    /// The importer of a node: its covered HEIs, our iias-get-response.xsd, its notification policy.
    public init(store: any OwnObjectStore, approvals: any IIAApprovalLookup, coveredHEIs: [HEIID], schemas: SchemaCache,
                policy: NotificationSettings) throws(XMLProblem) {
        self.init(store: store, approvals: approvals, coveredHEIs: coveredHEIs, schema: try schemas.schema(SchemaFile.iiasGetResponse),
                  policy: policy)
    }
}
