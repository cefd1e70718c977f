import Foundation
import Testing
@testable import EWPRegistry

/// ewp-specs-api-registry › Caching: ≤ 3 h always, ≥ 1 min self-chosen, server headers honoured,
/// failures back off, early refresh rate-limited.
@Suite struct RefreshPolicyTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    static let hour: TimeInterval = 3600

    @Test(arguments: [
        (configured: 300.0, expected: 300.0),
        (configured: 900, expected: 900),
        (configured: 0, expected: 60),
        (configured: -5, expected: 60),
        (configured: 59, expected: 60),
        (configured: 10_800, expected: 10_800),
        (configured: 10_801, expected: 10_800),
        (configured: 86_400, expected: 10_800),
        (configured: .infinity, expected: 10_800),
        (configured: .nan, expected: 10_800),
    ])
    func configuredIntervalIsClamped(_ t: (configured: Double, expected: Double)) {
        let p = RefreshPolicy(configuredInterval: t.configured)
        #expect(p.configuredInterval == t.expected)
        #expect(p.lifetime(CacheDirectives(), receivedAt: Self.t0) == t.expected)
    }

    /// (configured, server max-age, expected lifetime): the shorter wins, then [60 s, 3 h].
    @Test(arguments: [
        (300.0, 300.0, 300.0),     // the real registry: max-age=300
        (900, 300, 300),           // server shorter than configured
        (300, 900, 300),           // configured shorter than server
        (300, 0, 60),              // max-age=0 / no-cache: never below the floor
        (300, 30, 60),
        (10_800, 86_400, 10_800),  // server asks for a day: 3 h ceiling
        (60, 86_400, 60),
    ])
    func serverMaxAgeAndConfiguredTakeTheShorter(_ t: (Double, Double, Double)) {
        let p = RefreshPolicy(configuredInterval: t.0)
        #expect(p.lifetime(CacheDirectives(maxAge: t.1), receivedAt: Self.t0) == t.2)
        #expect(p.expiry(CacheDirectives(maxAge: t.1), receivedAt: Self.t0) == Self.t0.addingTimeInterval(t.2))
    }

    @Test func expiresIsMeasuredFromTheServersDate() {
        let p = RefreshPolicy(configuredInterval: 3 * Self.hour)
        // Server clock 1 h ahead of ours; Expires = its Date + 10 min → 10 min, not 70.
        let d = CacheDirectives(expires: Self.t0.addingTimeInterval(Self.hour + 600), date: Self.t0.addingTimeInterval(Self.hour))
        #expect(p.lifetime(d, receivedAt: Self.t0) == 600)
        // Without Date, relative to when we received it.
        #expect(p.lifetime(CacheDirectives(expires: Self.t0.addingTimeInterval(1200)), receivedAt: Self.t0) == 1200)
        // Already expired → floor.
        #expect(p.lifetime(CacheDirectives(expires: Self.t0.addingTimeInterval(-50)), receivedAt: Self.t0) == 60)
        // max-age wins over Expires.
        #expect(p.lifetime(CacheDirectives(maxAge: 120, expires: Self.t0.addingTimeInterval(5000)), receivedAt: Self.t0) == 120)
    }

    @Test func neverLongerThanThreeHoursWhateverTheInputs() {
        for configured in [0.0, 60, 300, 3600, 10_800, 1e9] {
            for maxAge in [nil, 0, 59, 60, 300, 10_799, 10_800, 10_801, 1e9] as [Double?] {
                let p = RefreshPolicy(configuredInterval: configured)
                let l = p.lifetime(CacheDirectives(maxAge: maxAge), receivedAt: Self.t0)
                #expect(l <= RefreshPolicy.maximumLifetime)
                #expect(l >= RefreshPolicy.minimumLifetime)
            }
        }
    }

    @Test func retryBackoffDoublesUpToTheConfiguredInterval() {
        let p = RefreshPolicy(configuredInterval: 900)
        #expect(p.retryDelay(consecutiveFailures: 0) == 0)
        #expect((1...6).map { p.retryDelay(consecutiveFailures: $0) } == [60, 120, 240, 480, 900, 900])
        #expect(p.retryDelay(consecutiveFailures: 10_000) == 900)
        let short = RefreshPolicy(configuredInterval: 60)
        #expect(short.retryDelay(consecutiveFailures: 5) == 60)
    }

    @Test func scheduleFromStartToFailureAndBack() {
        let p = RefreshPolicy(configuredInterval: 300)
        var s = RefreshSchedule()
        #expect(p.nextAttempt(s) == .distantPast)                        // nothing yet: fetch at once
        #expect(s.age(now: Self.t0) == nil)
        #expect(!s.isStale(now: Self.t0))

        s.recordSuccess(at: Self.t0, directives: CacheDirectives(maxAge: 300), policy: p)
        #expect(p.nextAttempt(s) == Self.t0.addingTimeInterval(300))
        #expect(s.age(now: Self.t0.addingTimeInterval(42)) == 42)
        #expect(!s.isStale(now: Self.t0.addingTimeInterval(299)))
        #expect(s.isStale(now: Self.t0.addingTimeInterval(300)))

        let t1 = Self.t0.addingTimeInterval(300)
        s.recordFailure(at: t1, reason: "HTTP 503")
        #expect(s.consecutiveFailures == 1)
        #expect(s.lastError == "HTTP 503")
        #expect(s.fetchedAt == Self.t0)                                   // the old copy's age keeps growing
        #expect(p.nextAttempt(s) == t1.addingTimeInterval(60))
        s.recordFailure(at: t1.addingTimeInterval(60), reason: "HTTP 503")
        #expect(p.nextAttempt(s) == t1.addingTimeInterval(60 + 120))
        #expect(s.age(now: t1.addingTimeInterval(60)) == 360)

        // A 304 is a success too: lifetime restarts, failures cleared.
        let t2 = t1.addingTimeInterval(180)
        s.recordSuccess(at: t2, directives: CacheDirectives(maxAge: 300), policy: p)
        #expect(s.consecutiveFailures == 0)
        #expect(s.lastError == nil)
        #expect(s.fetchedAt == t2)
        #expect(p.nextAttempt(s) == t2.addingTimeInterval(300))
    }

    @Test func persistedCopyIsRefreshedWhenItExpires() {
        let p = RefreshPolicy(configuredInterval: 300)
        var fresh = RefreshSchedule()
        fresh.recordPersisted(fetchedAt: Self.t0, expiresAt: Self.t0.addingTimeInterval(300))
        #expect(p.nextAttempt(fresh) == Self.t0.addingTimeInterval(300))
        #expect(fresh.lastAttempt == nil)
        #expect(p.mayRefreshEarly(fresh, now: Self.t0))
    }

    @Test func failureWithNothingServedRetriesWithBackoff() {
        let p = RefreshPolicy(configuredInterval: 300)
        var s = RefreshSchedule()
        s.recordFailure(at: Self.t0, reason: "down")
        #expect(p.nextAttempt(s) == Self.t0.addingTimeInterval(60))
        #expect(s.age(now: Self.t0) == nil)
        #expect(!s.isStale(now: Self.t0))
    }

    @Test func earlyRefreshAtMostOncePerSpacing() {
        let p = RefreshPolicy(configuredInterval: 300, earlyRefreshSpacing: 60)
        var s = RefreshSchedule()
        #expect(p.mayRefreshEarly(s, now: Self.t0))
        s.recordSuccess(at: Self.t0, directives: CacheDirectives(), policy: p)
        #expect(!p.mayRefreshEarly(s, now: Self.t0))
        #expect(!p.mayRefreshEarly(s, now: Self.t0.addingTimeInterval(59.9)))
        #expect(p.mayRefreshEarly(s, now: Self.t0.addingTimeInterval(60)))
        s.recordFailure(at: Self.t0.addingTimeInterval(100), reason: "x")      // failures count as attempts
        #expect(!p.mayRefreshEarly(s, now: Self.t0.addingTimeInterval(150)))
        #expect(p.mayRefreshEarly(s, now: Self.t0.addingTimeInterval(160)))
    }
}
