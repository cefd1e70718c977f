import Foundation
import Testing
@testable import EWPNotifications

@Suite("Circuit breaker per partner")
struct CircuitBreakerTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("Opens after the threshold of failures in a row; a success in between resets the count")
    func opens() {
        var breaker = CircuitBreaker(threshold: 3, baseCooldown: 60, maxCooldown: 600)
        breaker.recordFailure(now: t0)
        breaker.recordFailure(now: t0)
        breaker.recordSuccess()
        breaker.recordFailure(now: t0)
        breaker.recordFailure(now: t0)
        let allowed1 = breaker.allowCall(now: t0)
        #expect(allowed1)
        breaker.recordFailure(now: t0)
        #expect(breaker.state == .open(until: t0.addingTimeInterval(60), cooldown: 60))
        #expect(breaker.isOpen(now: t0.addingTimeInterval(59)))
        let allowed2 = breaker.allowCall(now: t0.addingTimeInterval(59))
        #expect(!allowed2)
    }

    @Test("After the cool-down one probe goes through; a failed probe doubles the cool-down up to the maximum")
    func probes() {
        var breaker = CircuitBreaker(threshold: 1, baseCooldown: 100, maxCooldown: 250)
        breaker.recordFailure(now: t0)
        let t1 = t0.addingTimeInterval(100)
        let allowed3 = breaker.allowCall(now: t1)
        #expect(allowed3)
        let allowed4 = breaker.allowCall(now: t1)
        #expect(!allowed4, "only one probe at a time")
        #expect(breaker.isOpen(now: t1))
        breaker.recordFailure(now: t1)
        #expect(breaker.state == .open(until: t1.addingTimeInterval(200), cooldown: 200))
        let t2 = t1.addingTimeInterval(200)
        let allowed5 = breaker.allowCall(now: t2)
        #expect(allowed5)
        breaker.recordFailure(now: t2)
        #expect(breaker.state == .open(until: t2.addingTimeInterval(250), cooldown: 250))
        #expect(breaker.reopensAt == t2.addingTimeInterval(250))
    }

    @Test("A successful probe closes the breaker")
    func closes() {
        var breaker = CircuitBreaker(threshold: 1, baseCooldown: 10, maxCooldown: 10)
        breaker.recordFailure(now: t0)
        let allowed6 = breaker.allowCall(now: t0.addingTimeInterval(10))
        #expect(allowed6)
        breaker.recordSuccess()
        #expect(breaker.state == .closed(consecutiveFailures: 0))
        #expect(!breaker.isOpen(now: t0))
        #expect(breaker.reopensAt == nil)
    }
}
