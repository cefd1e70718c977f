import EWPStore
import Foundation
import Testing

/// MergeRule and LeaseRule over every combination of state, due time, lease and owner (no database).
@Suite("Queue rules: MergeRule and LeaseRule")
struct QueueRulesTests {
    enum Due: CaseIterable { case past, now, future }
    enum Lease: CaseIterable { case none, ranOut, endsNow, holds }
    enum Owner: CaseIterable { case none, me, other }

    static let now = at(100)

    static func row(id: Int64 = 1, _ state: QueueState, due: Due = .now, lease: Lease = .none, owner: Owner = .none) -> QueueRow {
        var row = QueueRow.new(.outbox, key("o1"), now: at(0), expiresAt: at(1000))
        row.id = id
        row.state = state
        row.nextAttemptAt = switch due { case .past: at(50); case .now: now; case .future: at(101) }
        row.leaseUntil = switch lease { case .none: nil; case .ranOut: at(99); case .endsNow: now; case .holds: at(130) }
        row.leaseOwner = switch owner { case .none: nil; case .me: "me"; case .other: "other" }
        return row
    }

    /// The spec, restated over the cases: a lease is in force only while it ends after now.
    static func inForce(_ lease: Lease) -> Bool { lease == .holds }

    @Test("isLeased: only a lease ending after now is in force")
    func isLeased() {
        for lease in Lease.allCases {
            #expect(LeaseRule.isLeased(Self.row(.pending, lease: lease), now: Self.now) == Self.inForce(lease), "\(lease)")
        }
    }

    @Test("isClaimable: pending, due and unleased; every state × due × lease × owner")
    func isClaimable() {
        for state in QueueState.allCases {
            for due in Due.allCases {
                for lease in Lease.allCases {
                    for owner in Owner.allCases {
                        let expected = state == .pending && due != .future && !Self.inForce(lease)
                        let row = Self.row(state, due: due, lease: lease, owner: owner)
                        #expect(LeaseRule.isClaimable(row, now: Self.now) == expected, "\(state) \(due) \(lease) \(owner)")
                    }
                }
            }
        }
    }

    @Test("holds: the owner of a pending row holds it even after the lease ran out; nobody else does")
    func holds() {
        for state in QueueState.allCases {
            for lease in Lease.allCases {
                for owner in Owner.allCases {
                    let row = Self.row(state, lease: lease, owner: owner)
                    let expected = state == .pending && owner == .me
                    #expect(LeaseRule.holds(row, owner: "me", now: Self.now) == expected, "\(state) \(lease) \(owner)")
                }
            }
        }
    }

    @Test("claim sets owner, leaseUntil = now + lease and updatedAt, nothing else")
    func claim() {
        let row = Self.row(.pending, due: .past)
        let claimed = LeaseRule.claim(row, owner: "w1", now: Self.now, lease: 30)
        var expected = row
        expected.leaseOwner = "w1"
        expected.leaseUntil = at(130)
        expected.updatedAt = Self.now
        #expect(claimed == expected)
        #expect(LeaseRule.isLeased(claimed, now: Self.now))
        #expect(!LeaseRule.isClaimable(claimed, now: at(129)))
        #expect(LeaseRule.isClaimable(claimed, now: at(130)))
    }

    @Test("mergeTarget with one row: only a pending row without a lease in force absorbs")
    func mergeTargetSingle() {
        for state in QueueState.allCases {
            for due in Due.allCases {
                for lease in Lease.allCases {
                    let row = Self.row(id: 7, state, due: due, lease: lease, owner: lease == .none ? .none : .other)
                    let expected: Int64? = state == .pending && !Self.inForce(lease) ? 7 : nil
                    #expect(MergeRule.mergeTarget(existing: [row], now: Self.now) == expected, "\(state) \(due) \(lease)")
                }
            }
        }
    }

    @Test("mergeTarget over every pair of rows: the lowest id of the candidates, nil without one")
    func mergeTargetPairs() {
        let kinds = QueueState.allCases.flatMap { state in Lease.allCases.map { (state, $0) } }
        for (first, second) in kinds.flatMap({ a in kinds.map { (a, $0) } }) {
            let rows = [Self.row(id: 20, first.0, lease: first.1), Self.row(id: 10, second.0, lease: second.1)]
            let candidates = [(Int64(20), first), (Int64(10), second)]
                .filter { $0.1.0 == .pending && !Self.inForce($0.1.1) }.map(\.0)
            #expect(MergeRule.mergeTarget(existing: rows, now: Self.now) == candidates.min(), "\(first) \(second)")
        }
        #expect(MergeRule.mergeTarget(existing: [], now: Self.now) == nil)
    }

    @Test("merge: mergedChanges + 1, updatedAt now, later expiry kept, nextAttemptAt unchanged, stale lease cleared")
    func merge() {
        var row = Self.row(.pending, due: .future, lease: .ranOut, owner: .other)
        row.mergedChanges = 3
        row.attempts = 2
        row.lastError = "HTTP 503"
        let later = MergeRule.merge(into: row, now: Self.now, expiresAt: at(2000))
        var expected = row
        expected.mergedChanges = 4
        expected.updatedAt = Self.now
        expected.expiresAt = at(2000)
        expected.leaseOwner = nil
        expected.leaseUntil = nil
        #expect(later == expected)
        #expect(!LeaseRule.holds(later, owner: "other", now: Self.now))
        #expect(MergeRule.merge(into: row, now: Self.now, expiresAt: at(500)).expiresAt == at(1000))
    }
}

@Suite("Queue settling: a burst of changes to one object waits for quiet, within a bound")
struct QueueSettlingTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    let settling = QueueSettling(window: 1, maxWait: 10)

    func row(created: Double, next: Double, attempts: Int = 0) -> QueueRow {
        var row = QueueRow.new(.outbox, NotificationKey(api: "iia-cnr", localHEI: "a", partnerHEI: "b", objectID: "x"),
                               now: t0.addingTimeInterval(created), expiresAt: t0.addingTimeInterval(3600))
        row.nextAttemptAt = t0.addingTimeInterval(next)
        row.attempts = attempts
        return row
    }

    @Test("A new row is due one window after it was queued; .none makes it due at once")
    func firstDue() {
        let key = NotificationKey(api: "iia-cnr", localHEI: "a", partnerHEI: "b", objectID: "x")
        #expect(QueueRow.new(.outbox, key, now: t0, expiresAt: t0, settling: settling).nextAttemptAt == t0.addingTimeInterval(1))
        #expect(QueueRow.new(.outbox, key, now: t0, expiresAt: t0).nextAttemptAt == t0)
    }

    @Test("Each merge pushes the due time to one window after it, never beyond maxWait after the first change")
    func merges() {
        let merged = MergeRule.merge(into: row(created: 0, next: 1), now: t0.addingTimeInterval(4), expiresAt: t0, settling: settling)
        #expect(merged.nextAttemptAt == t0.addingTimeInterval(5))
        let late = MergeRule.merge(into: row(created: 0, next: 9.5), now: t0.addingTimeInterval(9.8), expiresAt: t0, settling: settling)
        #expect(late.nextAttemptAt == t0.addingTimeInterval(10))
        let unsettled = MergeRule.merge(into: row(created: 0, next: 1), now: t0.addingTimeInterval(4), expiresAt: t0)
        #expect(unsettled.nextAttemptAt == t0.addingTimeInterval(1))
    }

    @Test("A row that failed before keeps its retry time")
    func retrying() {
        let merged = MergeRule.merge(into: row(created: 0, next: 30, attempts: 2), now: t0.addingTimeInterval(50), expiresAt: t0, settling: settling)
        #expect(merged.nextAttemptAt == t0.addingTimeInterval(30))
    }

    @Test("maxWait is never shorter than the window")
    func bounds() {
        #expect(QueueSettling(window: 5, maxWait: 1).maxWait == 5)
        #expect(QueueSettling(window: -1, maxWait: -1) == .none)
    }
}
