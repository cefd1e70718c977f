import EWPStore
import Foundation
import Testing

/// QueueTransition: outcomes, expiry and operator actions on one row (no database).
@Suite("Queue transitions")
struct QueueTransitionTests {
    static func leased(_ state: QueueState = .pending, attempts: Int = 1) -> QueueRow {
        var row = QueueRow.new(.outbox, key("o1"), now: at(0), expiresAt: at(1000))
        row.id = 5
        row.state = state
        row.attempts = attempts
        row.lastError = "earlier"
        row.leaseOwner = "w1"
        row.leaseUntil = at(130)
        return row
    }

    @Test("delivered: attempts + 1, lastError cleared, finishedAt now, lease cleared")
    func delivered() throws {
        let next = try QueueTransition.finish(Self.leased(), outcome: .delivered, now: at(100))
        #expect(next.state == .delivered && next.attempts == 2 && next.lastError == nil)
        #expect(next.finishedAt == at(100) && next.updatedAt == at(100))
        #expect(next.leaseOwner == nil && next.leaseUntil == nil)
        #expect(next.nextAttemptAt == at(0))
    }

    @Test("retry: attempts + 1, still pending, due at the given time, error kept, no finishedAt")
    func retry() throws {
        let next = try QueueTransition.finish(Self.leased(), outcome: .retry(at: at(400), error: "HTTP 503"), now: at(100))
        #expect(next.state == .pending && next.attempts == 2 && next.lastError == "HTTP 503")
        #expect(next.nextAttemptAt == at(400) && next.finishedAt == nil && next.leaseOwner == nil)
    }

    @Test("finished as rejected, unsupported or dead: attempts + 1, finishedAt, error", arguments: [QueueState.rejected, .unsupported, .dead])
    func finished(state: QueueState) throws {
        let next = try QueueTransition.finish(Self.leased(), outcome: .finished(state, error: "why"), now: at(100))
        #expect(next.state == state && next.attempts == 2 && next.lastError == "why")
        #expect(next.finishedAt == at(100) && next.leaseUntil == nil)
    }

    @Test("finished as pending, delivered or dropped is refused", arguments: [QueueState.pending, .delivered, .dropped])
    func finishedInvalid(state: QueueState) {
        let error = #expect(throws: StoreError.self) {
            try QueueTransition.finish(Self.leased(), outcome: .finished(state, error: "x"), now: at(100))
        }
        #expect(error?.message.contains("cannot finish as \(state.rawValue)") == true)
        #expect(error?.code == .invalidInput)
    }

    @Test("release: attempts unchanged, due at the given time, lease cleared")
    func release() throws {
        let next = try QueueTransition.finish(Self.leased(), outcome: .release(at: at(300)), now: at(100))
        #expect(next.state == .pending && next.attempts == 1 && next.lastError == "earlier")
        #expect(next.nextAttemptAt == at(300) && next.leaseOwner == nil && next.finishedAt == nil)
    }

    @Test("isExpired: pending, not leased, expiresAt <= now")
    func isExpired() {
        var row = Self.leased()                                          // its lease ran out at 130
        #expect(QueueTransition.isExpired(row, now: at(1000)))
        row.leaseUntil = at(2000)
        #expect(!QueueTransition.isExpired(row, now: at(1000)))           // lease in force
        row.leaseUntil = nil
        #expect(!QueueTransition.isExpired(row, now: at(999)))
        #expect(QueueTransition.isExpired(row, now: at(1000)))
        for state in QueueState.allCases where state != .pending {
            row.state = state
            #expect(!QueueTransition.isExpired(row, now: at(5000)), "\(state)")
        }
    }

    @Test("expire: dead, finishedAt, lastError says when and how many attempts")
    func expire() {
        let next = QueueTransition.expire(Self.leased(attempts: 3), now: at(1000))
        #expect(next.state == .dead && next.finishedAt == at(1000) && next.leaseOwner == nil)
        #expect(next.lastError?.hasPrefix("expired after 3 attempt(s): not delivered by ") == true)
        #expect(next.lastError?.hasSuffix("last error: earlier") == true)
        #expect(next.attempts == 3)
    }

    @Test("operator retry: any state back to pending, due now, new expiry, finishedAt cleared, history kept")
    func operatorRetry() {
        for state in QueueState.allCases {
            var row = Self.leased(state)
            row.finishedAt = state == .pending ? nil : at(50)
            let next = QueueTransition.retry(row, now: at(100), expiresAt: at(9000))
            #expect(next.state == .pending && next.nextAttemptAt == at(100) && next.expiresAt == at(9000), "\(state)")
            #expect(next.finishedAt == nil && next.leaseOwner == nil && next.leaseUntil == nil)
            #expect(next.attempts == 1 && next.lastError == "earlier")
        }
    }

    @Test("operator drop: every state but delivered becomes dropped; a dropped row stays as it was")
    func operatorDrop() {
        for state in QueueState.allCases {
            let row = Self.leased(state)
            let next = QueueTransition.drop(row, now: at(100))
            switch state {
            case .delivered: #expect(next == nil)
            case .dropped: #expect(next == row)
            default:
                #expect(next?.state == .dropped && next?.finishedAt == at(100), "\(state)")
                #expect(next?.leaseOwner == nil)
            }
        }
    }
}
