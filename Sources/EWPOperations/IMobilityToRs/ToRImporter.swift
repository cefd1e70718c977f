import EWPAPIs
import EWPCore
import EWPModel
import EWPNotifications
import EWPStore
import EWPXML
import Foundation

/// `ewp-node import` of `imobility-tors-get-response` documents, v2 (ELMO v1) or v3 (ELMO v2).
/// A document is checked whole before anything is stored: well-formed, valid
/// against our XSD of its version, each `tor` assigned to the covered HEI that issued it and to the
/// mobility's sending HEI (`ToRChangePlan`). Then every change and its ToR CNRs are committed in
/// ONE transaction. A refused document changes nothing and says why. Safe while `serve` runs on
/// the same database.
public struct ToRImporter: Sendable {
    public static let rootName = "imobility-tors-get-response"

    let store: any ToRImportStore
    let coveredHEIs: [HEIID]
    let schemas: [ToRsVersion: XSDSchema]
    let policy: NotificationSettings

    /// `schemas`: our get-response XSD of each version (`SchemaFile.imobilityToRsGetResponse`,
    /// `imobilityToRsV3GetResponse`). `policy`: the node's notification policy
    /// (the CNRs' lifetime, EWP_CNR_LIFETIME, and their settling).
    public init(store: any ToRImportStore, coveredHEIs: [HEIID], schemas: [ToRsVersion: XSDSchema], policy: NotificationSettings) {
        self.store = store
        self.coveredHEIs = coveredHEIs
        self.schemas = schemas
        self.policy = policy
    }

    /// Imports one document. `sendingHEI` (`--sending-hei`) names the sending HEI of every
    /// transcript whose learning agreement we do not hold. A transcript absent from the document is
    /// left as it is.
    public func importDocument(_ bytes: [UInt8], sendingHEI: HEIID?, now: Date) async -> ToRImportReport {
        var report = ToRImportReport()
        let root: XElement
        do {
            // Each tor keeps its bytes: it is stored and served as imported, so that a signed ELMO
            // document inside still verifies.
            root = try XMLReader.parse(bytes, keepingBytesAtDepth: 1)
        } catch {
            return report.refused([.init(line: error.line, message: "not well-formed XML: \(error.message)")])
        }
        guard root.name == Self.rootName, let version = ToRsVersion(getResponseNamespace: root.namespace) else {
            let expected = ToRsVersion.allCases.map { "\($0) (\($0.getResponseNamespace))" }.joined(separator: " or ")
            return report.refused([.init(line: 1, path: "/" + root.name,
                                          message: "expected an \(Self.rootName) of \(expected), found \(root.name) in \"\(root.namespace)\"")])
        }
        report.heading = version.description
        guard let schema = schemas[version] else {
            return report.refused([.init(message: "this importer has no schema for \(version)")])
        }
        let map = DocumentMap(root: root, lines: (try? XMLReader.elementLines(bytes)) ?? [])
        let schemaProblems = schema.validate(bytes)
        guard schemaProblems.isEmpty else {
            return report.refused(schemaProblems.map { problem in
                let entry = problem.line.flatMap { map.entry(line: $0, name: IIAImporter.elementName(inSchemaMessage: problem.message)) }
                return .init(line: problem.line, path: entry?.path, message: "not valid against the \(version) get-response schema: \(problem.message)")
            })
        }

        var (candidates, problems) = read(root, version: version, map: map)
        guard problems.isEmpty else { return report.refused(problems) }
        var existing: [OwnObject] = []
        do {
            for (hei, group) in Dictionary(grouping: candidates.indices, by: { candidates[$0].receivingHEI }).sorted(by: { $0.key < $1.key }) {
                let ids = group.map { candidates[$0].tor.omobilityID }
                let named = try await LearningAgreementLookup(store: store, coveredHEIs: coveredHEIs).sendingHEIs(receivingHEI: hei, omobilityIDs: ids)
                for index in group { candidates[index].sendingHEIFromLA = named[candidates[index].tor.omobilityID] }
                for kind in ToRsVersion.allCases.map(\.storageKind) {
                    existing += try await store.ownObjects(kind: kind, heiID: hei, ids: ids)
                }
            }
        } catch {
            return report.refused([.init(message: "cannot read the stored transcripts and learning agreements: \(error)")])
        }
        let plan = ToRChangePlan(candidates, sendingHEIOption: sendingHEI?.value, existing: existing, now: now)
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

    /// Every `tor` of the document with its issuer, and what refuses the document (an unreadable
    /// transcript, an issuer that is not ours, an omobility-id given twice).
    func read(_ root: XElement, version: ToRsVersion, map: DocumentMap) -> (candidates: [ToRCandidate], problems: [ImportIssue]) {
        var candidates: [ToRCandidate] = []
        var problems: [ImportIssue] = []
        var seen: [String: String] = [:]
        for (position, element) in root.children.enumerated() where element.name == "tor" {
            let entry = map.entry(at: [position])
            func problem(_ message: String) -> ImportIssue { .init(line: entry?.line, path: entry?.path, message: message) }
            let tor: TranscriptOfRecords
            do {
                tor = try TranscriptOfRecords(element, version: version)
            } catch {
                problems.append(problem(error.message))
                continue
            }
            let place = entry.map { $0.line.map { "line \($0)" } ?? $0.path } ?? "tor \(position + 1)"
            if let first = seen.updateValue(place, forKey: tor.omobilityID) {
                problems.append(problem("omobility-id \(tor.omobilityID) appears twice in this document (also at \(first)); one transcript per mobility"))
                continue
            }
            switch ToRChangePlan.receivingHEI(tor, coveredHEIs: coveredHEIs) {
            case .failure(let refusal): problems.append(problem(refusal.message))
            case .success(let hei): candidates.append(ToRCandidate(tor: tor, receivingHEI: hei, line: entry?.line, path: entry?.path))
            }
        }
        return (candidates, problems)
    }

}

/// What the import reads and writes: our transcripts, the learning agreements we hold (own
/// objects and partner copies) and the partners registered for index-sync.
public typealias ToRImportStore = OwnObjectStore & PartnerCopyStore & SyncStateStore

extension ToRImporter {
    /// The importer of a node: its covered HEIs, our get-response XSDs, its notification policy.
    public init(store: any ToRImportStore, coveredHEIs: [HEIID], schemas: SchemaCache, policy: NotificationSettings) throws(XMLProblem) {
        self.init(store: store, coveredHEIs: coveredHEIs,
                  schemas: [.v2: try schemas.schema(SchemaFile.imobilityToRsGetResponse), .v3: try schemas.schema(SchemaFile.imobilityToRsV3GetResponse)],
                  policy: policy)
    }
}
