import EWPStore
import Foundation
import Testing
@testable import EWPNotifications

@Suite("Coalescing: a burst of changes to one object waits for quiet, within a bound")
struct CoalescingTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func row(created: Double, updated: Double, next: Double, attempts: Int = 0) -> QueueRow {
        QueueRow(id: 1, queue: .inbound, key: NotificationKey(api: "iia-cnr", localHEI: "a", partnerHEI: "b", objectID: "x"),
                 state: .pending, attempts: attempts, mergedChanges: 1, createdAt: t0.addingTimeInterval(created),
                 updatedAt: t0.addingTimeInterval(updated), nextAttemptAt: t0.addingTimeInterval(next),
                 expiresAt: t0.addingTimeInterval(3600), leaseOwner: nil, leaseUntil: nil, lastError: nil, finishedAt: nil)
    }

    @Test("Ready one window after the latest change")
    func window() {
        #expect(Coalescing.readyAt(row(created: 0, updated: 0, next: 0), window: 1, maxWait: 10) == t0.addingTimeInterval(1))
        #expect(Coalescing.readyAt(row(created: 0, updated: 4, next: 0), window: 1, maxWait: 10) == t0.addingTimeInterval(5))
    }

    @Test("Never later than maxWait after the first change")
    func bound() {
        #expect(Coalescing.readyAt(row(created: 0, updated: 9.5, next: 0), window: 1, maxWait: 10) == t0.addingTimeInterval(10))
    }

    @Test("Retries keep their own schedule")
    func retries() {
        #expect(Coalescing.readyAt(row(created: 0, updated: 50, next: 30, attempts: 2), window: 1, maxWait: 10) == t0.addingTimeInterval(30))
    }
}
