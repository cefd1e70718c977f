import Foundation
import Testing
@testable import EWPSecurity

@Suite("Replay protection (cliauth-httpsig nonce; not checked by the EWP API Validator)")
struct ReplayTests {
    @Test("the same signed request sent twice: the second is 400 replayedRequestId")
    func replayed() async throws {
        let auth = Probe.authenticator()
        let probe = Probe()
        #expect(await probe.authenticate(auth).isSuccess)
        let failure = try #require(await probe.authenticate(auth, now: Probe.now.addingTimeInterval(5)).failure)
        #expect(failure.reason == .replayedRequestId)
        #expect(failure.status == 400)
        #expect(failure.developerMessage.contains("fresh UUID"))
    }

    @Test("a rejected request does not use up its id")
    func rejectedNotRecorded() async {
        let auth = Probe.authenticator()
        let probe = Probe()
        #expect(await probe.authenticate(auth) { $0.body = [1] }.failure?.reason == .digestMismatch)
        #expect(await probe.authenticate(auth).isSuccess)
    }

    @Test("verify checks everything but the replay and remembers nothing")
    func verifyRemembersNothing() async {
        let auth = Probe.authenticator()
        let probe = Probe()
        #expect(probe.run(auth).isSuccess)
        #expect(probe.run(auth).isSuccess)
        #expect(await probe.authenticate(auth).isSuccess)
        #expect(await probe.authenticate(auth).failure?.reason == .replayedRequestId)
    }

    @Test("the same id from two different keys is not a replay")
    func perKey() async {
        let auth = Probe.authenticator()
        let id = RequestId.fresh()
        var a = Probe(requestId: id)
        var b = Probe(requestId: id); b.key = Keys.otherClient
        a.set("X-Other", nil); b.set("X-Other", nil)
        #expect(await a.authenticate(auth).isSuccess)
        #expect(await b.authenticate(auth).isSuccess)
    }

    /// A ledger whose store does not answer.
    struct BrokenLedger: ReplayLedger {
        struct Down: Error {}
        let window: TimeInterval = 600
        func firstSighting(requestId: String, keyId: String, now: Date) async throws -> Bool { throw Down() }
    }

    @Test("a ledger that cannot answer: 503 replayCheckUnavailable saying so, never let through; a bad signature is still 400 first")
    func ledgerDown() async throws {
        let auth = Probe.authenticator(ledger: BrokenLedger())
        let probe = Probe()
        let failure = try #require(await probe.authenticate(auth).failure)
        #expect(failure.reason == .replayCheckUnavailable)
        #expect(failure.status == 503)
        #expect(failure.developerMessage.contains("cannot check X-Request-Id") && failure.developerMessage.contains("Retry"))
        #expect(await probe.authenticate(auth) { $0.body = [1] }.failure?.reason == .digestMismatch)
    }

    @Test("ids expire after the guard's window")
    func expiry() {
        let guardian = ReplayGuard(window: 600)
        let t0 = Date(timeIntervalSince1970: 1000)
        #expect(guardian.firstSighting(of: "a", keyId: "k", now: t0))
        #expect(!guardian.firstSighting(of: "a", keyId: "k", now: t0.addingTimeInterval(599)))
        #expect(guardian.firstSighting(of: "a", keyId: "k", now: t0.addingTimeInterval(600)))
        #expect(guardian.firstSighting(of: "b", keyId: "k", now: t0.addingTimeInterval(1300)))
        #expect(guardian.count == 1)
    }

    @Test("memory is bounded: when full the oldest id is evicted and counted")
    func bounded() {
        let guardian = ReplayGuard(window: 600, capacity: 100)
        let t0 = Date(timeIntervalSince1970: 1000)
        for i in 0..<250 { #expect(guardian.firstSighting(of: "id\(i)", keyId: "k", now: t0)) }
        #expect(guardian.count == 100)
        #expect(guardian.evictions == 150)
        #expect(!guardian.firstSighting(of: "id249", keyId: "k", now: t0))
        #expect(guardian.firstSighting(of: "id0", keyId: "k", now: t0))
    }

    @Test("many tasks at once: each id is first-seen exactly once")
    func concurrent() async {
        let guardian = ReplayGuard()
        let now = Date()
        let firsts = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask { (0..<2000).filter { guardian.firstSighting(of: "id\($0)", keyId: "k", now: now) }.count }
            }
            return await group.reduce(0, +)
        }
        #expect(firsts == 2000)
    }
}
