import EWPCore
import EWPNotifications
import Foundation
import Synchronization
import Testing
@testable import EWPAPIs

/// What the reporter did: the reports it sent and the outcomes it counted.
private final class Recorder: Sendable {
    private let state = Mutex<(sent: [MonitoringReport], outcomes: [MonitoringReporter.Outcome])>(([], []))
    var sent: [MonitoringReport] { state.withLock { $0.sent } }
    var outcomes: [MonitoringReporter.Outcome] { state.withLock { $0.outcomes } }
    func send(_ report: MonitoringReport) { state.withLock { $0.sent.append(report) } }
    func record(_ outcome: MonitoringReporter.Outcome) { state.withLock { $0.outcomes.append(outcome) } }

    /// Waits (polling, bounded) until `count` outcomes are counted.
    func waitForOutcomes(_ count: Int) async throws -> [MonitoringReporter.Outcome] {
        let deadline = ContinuousClock.now + .seconds(10)
        while outcomes.count < count {
            guard ContinuousClock.now < deadline else { throw CancellationError() }
            try await Task.sleep(for: .milliseconds(10))
        }
        return outcomes
    }
}

@Suite("Monitoring API reporter: call-and-forget through a bounded queue, rate-limited, every outcome counted")
struct MonitoringReporterTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func failure(api: String = "iias", partner: String = "partner.example", status: Int = 500) -> PartnerCallFailure {
        PartnerCallFailure(localHEI: HEIID("node.example"), partnerHEI: HEIID(partner), apiName: api, urlElement: "get-url",
                           problem: .httpError(status: status, developerMessage: nil))
    }

    @Test("A failed Echo, Discovery or registry call, or one to the portal, is never queued; the next real failure is the first report")
    func echoNotReported() async throws {
        let recorder = Recorder()
        let reporter = MonitoringReporter(now: { [now] in now }, record: recorder.record, send: { recorder.send($0); return true })
        reporter.callFailed(failure(api: "echo"))
        reporter.callFailed(failure(api: "discovery"))
        reporter.callFailed(failure(api: "registry"))
        reporter.callFailed(failure(partner: "stats.erasmuswithoutpaper.eu"))
        reporter.callFailed(failure(api: "iias"))
        #expect(try await recorder.waitForOutcomes(1) == [.sent])
        #expect(recorder.sent.map(\.apiName) == ["iias"])
    }

    @Test("The same problem again inside the window is counted as rate-limited, not sent; a failed delivery is counted as failed")
    func rateLimitedAndFailed() async throws {
        let recorder = Recorder()
        let reporter = MonitoringReporter(now: { [now] in now }, record: recorder.record, send: { recorder.send($0); return false })
        reporter.callFailed(failure())
        reporter.callFailed(failure())
        let outcomes = try await recorder.waitForOutcomes(2)
        #expect(outcomes.sorted { $0.rawValue < $1.rawValue } == [.failed, .rateLimited])
        #expect(recorder.sent.count == 1)
    }

    @Test("While a report is being sent, the queue holds at most its capacity; a report beyond it is dropped and counted")
    func queueFull() async throws {
        let recorder = Recorder()
        let gate = Gate()
        let reporter = MonitoringReporter(queueCapacity: 1, now: { [now] in now }, record: recorder.record, send: { report in
            recorder.send(report)
            await gate.wait()
            return true
        })
        reporter.callFailed(failure(partner: "a.example"))
        let deadline = ContinuousClock.now + .seconds(10)
        while recorder.sent.isEmpty && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        // The first report is being sent: one more waits in the queue, the next finds it full.
        reporter.callFailed(failure(partner: "b.example"))
        reporter.callFailed(failure(partner: "c.example"))
        #expect(recorder.outcomes == [.queueFull])
        await gate.open()
        #expect(try await recorder.waitForOutcomes(3) == [.queueFull, .sent, .sent])
        #expect(recorder.sent.map(\.serverHEIID.value) == ["a.example", "b.example"])
    }
}

/// Holds senders until opened.
private actor Gate {
    private var isOpen = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func wait() async {
        if isOpen { return }
        await withCheckedContinuation { waiting.append($0) }
    }

    func open() {
        isOpen = true
        for continuation in waiting { continuation.resume() }
        waiting = []
    }
}
