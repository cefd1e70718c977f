import EWPAPIs
import EWPCore
import EWPModel
import EWPNotifications
import EWPStore
import EWPXML
import Foundation

/// `ewp-node import` of `omobilities-get-response` documents (Outgoing Mobilities v2): our
/// nominations, as the sending HEI. A document is checked whole before anything is stored:
/// well-formed, valid against our XSD, each `student-mobility` of a covered sending HEI
/// (`OMobilityChangePlan`); mobilities another HEI sends are skipped. Then every change and its
/// OMobility CNRs to the receiving HEIs are committed in ONE transaction. A refused document
/// changes nothing and says why. Safe while `serve` runs on the same database.
public struct OMobilityImporter: Sendable {
    public static let rootName = "omobilities-get-response"

    let store: any OwnObjectStore
    let coveredHEIs: [HEIID]
    let schema: XSDSchema
    let policy: NotificationSettings

    /// `schema`: our get-response XSD (`SchemaFile.omobilitiesGetResponse`). `policy`: the node's
    /// notification policy (the CNRs' lifetime and settling).
    public init(store: any OwnObjectStore, coveredHEIs: [HEIID], schema: XSDSchema, policy: NotificationSettings) {
        self.store = store
        self.coveredHEIs = coveredHEIs
        self.schema = schema
        self.policy = policy
    }

    /// Imports one document. A mobility absent from the document is left as it is.
    public func importDocument(_ bytes: [UInt8], now: Date) async -> OMobilityImportReport {
        var report = OMobilityImportReport()
        let root: XElement
        do {
            root = try XMLReader.parse(bytes)
        } catch {
            return report.refused([.init(line: error.line, message: "not well-formed XML: \(error.message)")])
        }
        guard root.name == Self.rootName, root.namespace == OMobilitiesAPI.getResponseNamespace else {
            return report.refused([.init(line: 1, path: "/" + root.name,
                                          message: "expected an \(Self.rootName) of Outgoing Mobilities v2 (\(OMobilitiesAPI.getResponseNamespace)), found \(root.name) in \"\(root.namespace)\"")])
        }
        let map = DocumentMap(root: root, lines: (try? XMLReader.elementLines(bytes)) ?? [])
        let schemaProblems = schema.validate(bytes)
        guard schemaProblems.isEmpty else {
            return report.refused(schemaProblems.map { problem in
                let entry = problem.line.flatMap { map.entry(line: $0, name: IIAImporter.elementName(inSchemaMessage: problem.message)) }
                return .init(line: problem.line, path: entry?.path, message: "not valid against the Outgoing Mobilities v2 get-response schema: \(problem.message)")
            })
        }
        let (candidates, problems, skipped) = read(root, map: map)
        report.skipped = skipped
        guard problems.isEmpty else { return report.refused(problems) }
        var existing: [OwnObject] = []
        do {
            for (hei, group) in Dictionary(grouping: candidates, by: \.sendingHEI).sorted(by: { $0.key < $1.key }) {
                existing += try await store.ownObjects(kind: OwnOMobilityStorage.kind, heiID: hei, ids: group.map(\.mobility.omobilityID.value))
            }
        } catch {
            return report.refused([.init(message: "cannot read the stored mobilities: \(error)")])
        }
        let plan = OMobilityChangePlan(candidates, existing: existing, now: now)
        guard plan.problems.isEmpty else { return report.refused(plan.problems) }
        if !plan.upserts.isEmpty {
            do {
                try await store.commit(policy.changeSet(upserts: plan.upserts, notifications: plan.notifications, now: now), now: now)
            } catch {
                return report.refused([.init(message: "nothing was stored: \(error)")])
            }
        }
        report.entries = plan.entries
        report.notifications = plan.notifications.count
        return report
    }

    /// Every `student-mobility` of the document with its covered sending HEI, what refuses the
    /// document (an unreadable mobility, an id given twice) and what is skipped (another HEI's).
    func read(_ root: XElement, map: DocumentMap) -> (candidates: [OMobilityCandidate], problems: [ImportIssue], skipped: [ImportIssue]) {
        var candidates: [OMobilityCandidate] = []
        var problems: [ImportIssue] = []
        var skipped: [ImportIssue] = []
        var seen: [OMobilityID: String] = [:]
        for (position, element) in root.children.enumerated() where element.name == "student-mobility" {
            let entry = map.entry(at: [position])
            func issue(_ message: String) -> ImportIssue { .init(line: entry?.line, path: entry?.path, message: message) }
            let mobility: OutgoingMobility
            do {
                mobility = try OutgoingMobility(element)
            } catch {
                problems.append(issue(error.message))
                continue
            }
            let place = entry.map { $0.line.map { "line \($0)" } ?? $0.path } ?? "student-mobility \(position + 1)"
            if let first = seen.updateValue(place, forKey: mobility.omobilityID) {
                problems.append(issue("omobility-id \(mobility.omobilityID) appears twice in this document (also at \(first)); one student-mobility per id"))
                continue
            }
            guard let sending = coveredHEIs.first(where: { $0 == mobility.sendingHEI })?.value else {
                skipped.append(issue("the sending HEI \(mobility.sendingHEI) is not a HEI this node covers (\(coveredHEIs.listed)); this mobility is not ours to serve"))
                continue
            }
            guard mobility.receivingHEI != mobility.sendingHEI else {
                problems.append(issue("omobility-id \(mobility.omobilityID): the receiving HEI is the sending HEI; a mobility goes from one HEI to another"))
                continue
            }
            candidates.append(OMobilityCandidate(mobility: mobility, sendingHEI: sending, line: entry?.line, path: entry?.path))
        }
        return (candidates, problems, skipped)
    }

}

extension OMobilityImporter {
    /// The importer of a node: its covered HEIs, our get-response XSD, its notification policy.
    public init(store: any OwnObjectStore, coveredHEIs: [HEIID], schemas: SchemaCache, policy: NotificationSettings) throws(XMLProblem) {
        self.init(store: store, coveredHEIs: coveredHEIs, schema: try schemas.schema(SchemaFile.omobilitiesGetResponse), policy: policy)
    }
}
