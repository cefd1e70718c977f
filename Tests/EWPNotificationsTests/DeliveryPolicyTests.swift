import EWPStore
import Foundation
import Testing
@testable import EWPNotifications

@Suite("Delivery policy: from an attempt's result to the row's next state")
struct DeliveryPolicyTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let policy = DeliveryPolicy(schedule: RetrySchedule(base: 30, cap: 3600))

    func row(attempts: Int = 0, expiresIn: Double = 72 * 3600) -> QueueRow {
        QueueRow(id: 7, queue: .outbox, key: NotificationKey(api: "iia-cnr", localHEI: "a.example", partnerHEI: "b.example", objectID: "x"),
                 state: .pending, attempts: attempts, mergedChanges: 1, createdAt: now, updatedAt: now, nextAttemptAt: now,
                 expiresAt: now.addingTimeInterval(expiresIn), leaseOwner: "me", leaseUntil: now.addingTimeInterval(60),
                 lastError: nil, finishedAt: nil)
    }

    @Test("2xx delivers; 4xx rejects without retry; no endpoint is a state of its own")
    func terminal() {
        #expect(policy.outcome(of: .accepted, for: row(), now: now, random: 0) == .delivered)
        #expect(policy.outcome(of: .refused("HTTP 400"), for: row(), now: now, random: 0) == .finished(.rejected, error: "HTTP 400"))
        #expect(policy.outcome(of: .noEndpoint("none"), for: row(), now: now, random: 0) == .finished(.unsupported, error: "none"))
        #expect(policy.outcome(of: .impossible("gone"), for: row(), now: now, random: 0) == .finished(.dead, error: "gone"))
    }

    @Test("Transient failures retry on the schedule, counted from the row's attempts")
    func retries() {
        #expect(policy.outcome(of: .transient("503"), for: row(attempts: 0), now: now, random: 0) == .retry(at: now.addingTimeInterval(15), error: "503"))
        #expect(policy.outcome(of: .transient("503"), for: row(attempts: 2), now: now, random: 0.999_999_999)
            == .retry(at: now.addingTimeInterval(RetrySchedule(base: 30).delay(afterAttempts: 3, random: 0.999_999_999)), error: "503"))
    }

    @Test("A retry that would fall after the row's lifetime ends it as dead, saying why")
    func expires() {
        let outcome = policy.outcome(of: .transient("timeout"), for: row(attempts: 4, expiresIn: 60), now: now, random: 0.5)
        guard case .finished(.dead, let why) = outcome else { Issue.record("expected dead, got \(outcome)"); return }
        #expect(why.contains("gave up after 5 attempts"))
        #expect(why.contains("timeout"))
    }

    @Test("A deferred attempt releases the row without counting it")
    func deferred() {
        let later = now.addingTimeInterval(90)
        #expect(policy.outcome(of: .deferred(until: later), for: row(attempts: 3), now: now, random: 0) == .release(at: later))
    }

    @Test("HTTP statuses: 2xx accepted, 408/429/5xx/no answer transient, other 4xx refused")
    func classify() {
        #expect(DeliveryPolicy.classify(status: 200, message: "") == .accepted)
        #expect(DeliveryPolicy.classify(status: 204, message: "") == .accepted)
        #expect(DeliveryPolicy.classify(status: nil, message: "reset") == .transient("reset"))
        for status in [408, 429, 500, 502, 503, 504] { #expect(DeliveryPolicy.classify(status: status, message: "m") == .transient("m")) }
        for status in [400, 401, 403, 404, 405, 409, 415] { #expect(DeliveryPolicy.classify(status: status, message: "m") == .refused("m")) }
    }
}
