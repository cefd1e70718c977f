import EWPAPIs
import EWPModel
import EWPNotifications
import EWPStore
import EWPXML
import Foundation
import Logging

/// The Erasmus+ guideline findings on learning agreements received from partners:
/// never rejected on the wire, recorded and shown. A pulled LA is stored as it came, whatever it
/// holds; its findings are shown by `LAOverview` and logged when a pull brings errors.
///
/// The findings are not stored: they are computed from the stored copy against the day its content
/// last changed (`changedAt`), so the same copy always gives the same record (nothing drifts as
/// days pass, unlike a check against today), and they need no column of their own in the shared
/// partner-copy store. The copy's bytes and `changedAt` are the record; a corrected rule applies to
/// copies already held. There is no `previous` context: only the latest copy is kept.
public struct PartnerLAFindings: Sendable {
    public static let api = PullSource.omobilityLAs.rawValue

    /// A partner's LA read back from its copy.
    public struct Checked: Sendable {
        public var la: LearningAgreement?
        public var findings: [Finding]
        /// Why the copy is not a readable learning agreement (then `la` is nil, no findings).
        public var problem: String?
        /// The day the findings are computed for.
        public var asOf: Date
    }

    /// The copy decoded and checked against the day it changed; nil for a deleted (or hidden) copy.
    public static func check(_ copy: PartnerCopy) -> Checked? {
        guard let document = copy.document else { return nil }
        do {
            let la = try LearningAgreement(try XMLReader.parse(document))
            return Checked(la: la, findings: GuidelineCheck.findings(for: la, today: copy.changedAt), problem: nil, asOf: copy.changedAt)
        } catch {
            return Checked(la: nil, findings: [], problem: "\(error)", asOf: copy.changedAt)
        }
    }

    let store: any Store
    let logger: Logger

    public init(store: any Store, logger: Logger) {
        self.store = store
        self.logger = logger
    }

    /// The puller's observer step: a warning line for each pulled LA whose content changed in this
    /// pull and has error findings (or cannot be read). Never throws: the copies are stored already
    /// and a log line must not make the pull retry.
    public func apply(_ source: PullSource, _ copies: [PartnerCopy]) async {
        guard source == .omobilityLAs else { return }
        for pulled in copies where pulled.document != nil {
            // The puller passes the copy as pulled; the stored one carries the changedAt kept over an
            // unchanged document, so an unchanged LA is not logged again on every pull. (Within a
            // millisecond: a time read back from the store may differ from the one saved in the last bit.)
            guard let stored = try? await store.partnerCopy(api: Self.api, localHEI: pulled.localHEI, partnerHEI: pulled.partnerHEI,
                                                            objectID: pulled.objectID),
                  abs(stored.changedAt.timeIntervalSince(pulled.seenAt)) < 0.001, let checked = Self.check(stored) else { continue }
            let errors = checked.findings.filter { $0.severity == .error }
            let metadata: Logger.Metadata = ["partner": "\(stored.partnerHEI)", "hei": "\(stored.localHEI)", "omobility_id": "\(stored.objectID)"]
            if let problem = checked.problem {
                logger.warning("omobility-las: a partner's learning agreement cannot be read; stored as received",
                               metadata: metadata.merging(["error": "\(problem)"]) { $1 })
            } else if !errors.isEmpty {
                logger.warning("omobility-las: a partner's learning agreement breaks the Erasmus+ guidelines; stored as received",
                               metadata: metadata.merging(["errors": "\(errors.count)", "rules": "\(errors.map(\.rule.id).joined(separator: ","))"]) { $1 })
            }
        }
    }
}
