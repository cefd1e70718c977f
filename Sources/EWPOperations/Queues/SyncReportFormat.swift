import EWPNotifications
import Foundation

/// How an index-sync report is shown.
public enum SyncReportFormat {
    public static func json(_ report: IndexSync.Report) -> [String: Any] {
        ["api": report.source.rawValue, "hei": report.localHEI.value, "partner": report.partnerHEI.value, "listed": report.listed,
         "queued": report.queued, "error": report.error as Any? ?? NSNull()]
    }

    public static func line(_ report: IndexSync.Report) -> String {
        "\(report.source.rawValue) \(report.localHEI) <- \(report.partnerHEI): " +
            (report.error.map { "failed: \($0)" } ?? "\(report.listed) listed, \(report.queued) pulls queued")
    }
}
