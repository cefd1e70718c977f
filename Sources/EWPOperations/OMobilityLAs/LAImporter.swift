import EWPAPIs
import EWPCore
import EWPModel
import EWPNotifications
import EWPStore
import EWPXML
import Foundation

/// `ewp-node import` of `omobility-las-get-response` documents.
/// A document is checked whole (valid against our
/// omobility-las-get-response.xsd, readable by the LA model, `LAImportPlan`'s rules and the
/// Erasmus+ guidelines) before anything is stored; then every change, its version record and its
/// LA CNR are committed in ONE conditional transaction: if a partner's `update` changed one of the
/// LAs meanwhile (the node may be serving on the same database), the document is checked again
/// against the new state. LAs whose sending HEI we do not cover are skipped.
public struct LAImporter: Sendable {
    public static let rootName = OMobilityLAsGetResponse.rootName

    let store: any ConditionalOwnObjectStore
    let coveredHEIs: [HEIID]
    let schema: XSDSchema
    let policy: NotificationSettings

    /// `schema`: our omobility-las-get-response.xsd (`SchemaFile.omobilityLAsGetResponse`).
    /// `policy`: the node's notification policy (the CNRs' lifetime, EWP_CNR_LIFETIME, and their settling).
    public init(store: any ConditionalOwnObjectStore, coveredHEIs: [HEIID], schema: XSDSchema, policy: NotificationSettings) {
        self.store = store
        self.coveredHEIs = coveredHEIs
        self.schema = schema
        self.policy = policy
    }

    /// Imports one document; `now` is also the day the guidelines are checked on.
    public func importDocument(_ bytes: [UInt8], now: Date) async -> LAImportReport {
        var report = LAImportReport()
        let schemaProblems = schema.validate(bytes)
        guard schemaProblems.isEmpty else {
            report.problems = schemaProblems.map { ImportIssue(line: $0.line, message: "not valid against omobility-las-get-response.xsd: \($0.message)") }
            return report
        }
        let root: XElement
        do {
            root = try XMLReader.parse(bytes)
        } catch {
            report.problems = [ImportIssue(line: error.line, message: "not well-formed XML: \(error.message)")]
            return report
        }
        let locator = Locator(root: root, lines: (try? XMLReader.elementLines(bytes)) ?? [])
        let decoded: OMobilityLAsGetResponse.Decoded
        do {
            decoded = try OMobilityLAsGetResponse.decode(root)
        } catch {
            report.problems = [locator.issue(path: error.path, message: error.message)]
            return report
        }
        let (candidates, problems, skipped) = check(decoded.response)
        report.skipped = skipped.map(locator.located)
        guard problems.isEmpty else {
            report.problems = problems.map(locator.located)
            return report
        }
        for _ in 0..<5 {
            let existing: [OwnObject]
            do {
                existing = try await read(candidates)
            } catch {
                report.problems = [ImportIssue(message: "cannot read the stored learning agreements: \(error)")]
                return report
            }
            let plan = LAImportPlan(candidates, existing: existing, now: now)
            guard plan.problems.isEmpty else {
                report.problems = plan.problems.map(locator.located)
                return report
            }
            if !plan.upserts.isEmpty {
                let changes = ChangeSet(upserts: plan.upserts, notifications: plan.notifications,
                                        notificationsExpireAt: now.addingTimeInterval(policy.lifetime), settling: policy.settling)
                do {
                    try await store.commit(changes, expecting: plan.expectations, now: now)
                } catch is OwnObjectConflict {
                    continue
                } catch {
                    report.problems = [ImportIssue(message: "nothing was stored: \(error)")]
                    return report
                }
            }
            report.entries = plan.entries
            report.notifications = plan.notifications.count
            return report
        }
        report.problems = [ImportIssue(message: "nothing was stored: the learning agreements kept changing while this document was imported (partners' updates); import it again")]
        return report
    }

    /// The LAs of the document to import, the problems that refuse it (an omobility-id twice for
    /// one HEI), and the LAs skipped because another HEI sends the student.
    func check(_ response: OMobilityLAsGetResponse) -> (candidates: [LACandidate], problems: [ImportIssue], skipped: [ImportIssue]) {
        var candidates: [LACandidate] = []
        var problems: [ImportIssue] = []
        var skipped: [ImportIssue] = []
        var seen: [String: Int] = [:]
        for (index, la) in response.learningAgreements.enumerated() {
            let path = "\(Self.rootName)/la[\(index + 1)]"
            guard let heiID = coveredHEIs.first(where: { $0 == HEIID(la.sendingHEI.heiID) })?.value else {
                skipped.append(ImportIssue(path: path + "/sending-hei", message: "the sending HEI \(la.sendingHEI.heiID) is not a HEI this node covers (\(coveredHEIs.listed)); this learning agreement is not ours to serve"))
                continue
            }
            if let first = seen.updateValue(index + 1, forKey: "\(heiID) \(la.omobilityID)") {
                problems.append(ImportIssue(path: path + "/omobility-id", message: "omobility-id \(la.omobilityID) of \(heiID) appears twice in this document (also in la[\(first)])"))
                continue
            }
            candidates.append(LACandidate(la: la, heiID: heiID, path: path))
        }
        return (candidates, problems, skipped)
    }

    private func read(_ candidates: [LACandidate]) async throws -> [OwnObject] {
        var existing: [OwnObject] = []
        for (hei, group) in Dictionary(grouping: candidates, by: \.heiID).sorted(by: { $0.key < $1.key }) {
            existing += try await store.ownObjects(kind: OwnLAStorage.kind, heiID: hei, ids: group.map(\.la.omobilityID))
        }
        return existing
    }
}

/// The line of the element an LA path names (`omobility-las-get-response/la[2]/student/email`,
/// 1-based positions among same-named siblings, `[1]` implied; an `/@attribute` step names its
/// element), from `XMLReader.elementLines` of the same bytes (preorder).
struct Locator: Sendable {
    let root: XElement
    let lines: [Int]

    func line(of path: String) -> Int? {
        var steps = path.split(separator: "/").map(String.init)
        guard steps.first == root.name else { return nil }
        steps.removeFirst()
        var element = root
        var index = 0
        for step in steps where !step.hasPrefix("@") {
            let name = String(step.prefix { $0 != "[" })
            let position = Int(step.drop { $0 != "[" }.dropFirst().prefix { $0 != "]" }) ?? 1
            var seen = 0
            guard let offset = element.children.firstIndex(where: { child in
                if child.name == name { seen += 1 }
                return child.name == name && seen == position
            }) else { return nil }
            index += 1 + element.children[..<offset].reduce(0) { $0 + Self.size($1) }
            element = element.children[offset]
        }
        return lines.indices.contains(index) ? lines[index] : nil
    }

    func issue(path: String, message: String) -> ImportIssue {
        ImportIssue(line: line(of: path), path: path, message: message)
    }

    func located(_ issue: ImportIssue) -> ImportIssue {
        guard issue.line == nil, let path = issue.path else { return issue }
        return self.issue(path: path, message: issue.message)
    }

    private static func size(_ element: XElement) -> Int {
        1 + element.children.reduce(0) { $0 + size($1) }
    }
}

extension LAImporter {
    /// The importer of a node: its covered HEIs, our omobility-las-get-response.xsd, its notification policy.
    public init(store: any ConditionalOwnObjectStore, coveredHEIs: [HEIID], schemas: SchemaCache, policy: NotificationSettings) throws(XMLProblem) {
        self.init(store: store, coveredHEIs: coveredHEIs, schema: try schemas.schema(SchemaFile.omobilityLAsGetResponse),
                  policy: policy)
    }
}
