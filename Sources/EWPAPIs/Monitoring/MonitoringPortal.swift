import EWPNotifications
import Foundation
import Logging

/// The Stats Portal as a partner: its `monitoring` entry is looked up in the catalogue (published
/// by the host covering `MonitoringAPI.portalHEI`) at each report, and the report is a signed form
/// POST through the one partner directory, signed by the covered HEI whose call failed.
public struct MonitoringPortal: Sendable {
    /// A directory with no observer: the portal's own failures are never reported.
    let partners: PartnerDirectory
    let logger: Logger
    let now: @Sendable () -> Date

    public init(partners: PartnerDirectory, logger: Logger, now: @escaping @Sendable () -> Date) {
        self.partners = partners.observed(by: nil)
        self.logger = logger
        self.now = now
    }

    /// Sends `report`; true when the portal answered 2xx. A failure is logged, never retried.
    public func send(_ report: MonitoringReport) async -> Bool {
        let problem: String
        switch partners.resolve(anyOf: MonitoringAPI.entries, partnerHEI: MonitoringAPI.portalHEI, now: now()).resolution {
        case .failed(let result):
            problem = result.explanation
        case .found(let entry, let keys):
            switch await partners.call(.postForm, entry: entry, keys: keys, urlElement: "url", localHEI: report.localHEI,
                                       partnerHEI: MonitoringAPI.portalHEI, parameters: report.formParameters) {
            case .success: return true
            case .failure(let failure): problem = failure.result.explanation
            }
        }
        logger.info("monitoring report not delivered to the EWP Stats Portal", metadata: [
            "partner": .string(report.serverHEIID.value), "api": .string(report.apiName), "error": .string(problem),
        ])
        return false
    }
}
