import EWPHTTP
import EWPNotifications
import EWPStore
import Foundation

/// The query string of an admin request.
struct AdminQuery {
    let pairs: [(String, String)]

    init(_ query: String?) {
        pairs = query.map { FormURLEncoding.decode($0) } ?? []
    }

    func value(_ name: String) -> String? { pairs.first { $0.0 == name }?.1 }

    func queue() throws(AdminError) -> EWPStore.NotificationQueue {
        guard let name = value("queue") else { return .outbox }
        guard let queue = EWPStore.NotificationQueue(rawValue: name) else { throw AdminError(400, "queue must be outbox or inbound (got \(name)).") }
        return queue
    }

    func sources() throws(AdminError) -> [PullSource] {
        guard let name = value("api") else { return PullSource.indexed }
        guard let source = PullSource(rawValue: name), PullSource.indexed.contains(source) else {
            throw AdminError(400, "api must be one of \(PullSource.indexed.map(\.rawValue).joined(separator: ", ")) (got \(name)).")
        }
        return [source]
    }

    func localHEIs(covered: [String]) throws(AdminError) -> [String] {
        guard let hei = value("hei") else { return covered }
        guard covered.contains(hei) else { throw AdminError(400, "hei \(hei) is not covered by this node (\(covered.joined(separator: ", "))).") }
        return [hei]
    }

    /// `hei`, or the only HEI the node covers.
    func localHEI(covered: [String]) throws(AdminError) -> String {
        let heis = try localHEIs(covered: covered)
        guard heis.count == 1, let hei = heis.first else { throw AdminError(400, "This node covers several HEIs: add &hei=<our hei-id>.") }
        return hei
    }
}

/// How an index-sync report is shown.
public enum SyncReportFormat {
    public static func json(_ report: IndexSync.Report) -> [String: Any] {
        ["api": report.source.rawValue, "hei": report.localHEI, "partner": report.partnerHEI, "listed": report.listed,
         "queued": report.queued, "error": report.error as Any? ?? NSNull()]
    }

    public static func line(_ report: IndexSync.Report) -> String {
        "\(report.source.rawValue) \(report.localHEI) <- \(report.partnerHEI): " +
            (report.error.map { "failed: \($0)" } ?? "\(report.listed) listed, \(report.queued) pulls queued")
    }
}
