import Foundation
import Testing
@testable import EWPSecurity

@Suite("Replay protection (cliauth-httpsig nonce; not checked by the EWP API Validator)")
struct ReplayTests {
    @Test("the same signed request sent twice: the second is 400 replayedRequestId")
    func replayed() throws {
        let auth = Probe.authenticator()
        let probe = Probe()
        #expect(probe.run(auth).isSuccess)
        let failure = try #require(probe.run(auth, now: Probe.now.addingTimeInterval(5)).failure)
        #expect(failure.reason == .replayedRequestId)
        #expect(failure.status == 400)
        #expect(failure.developerMessage.contains("fresh UUID"))
    }

    @Test("a rejected request does not use up its id")
    func rejectedNotRecorded() {
        let auth = Probe.authenticator()
        let probe = Probe()
        #expect(probe.run(auth) { $0.body = [1] }.failure?.reason == .digestMismatch)
        #expect(probe.run(auth).isSuccess)
    }

    @Test("the same id from two different keys is not a replay")
    func perKey() {
        let auth = Probe.authenticator()
        let id = RequestId.fresh()
        var a = Probe(requestId: id)
        var b = Probe(requestId: id); b.key = Keys.otherClient
        a.set("X-Other", nil); b.set("X-Other", nil)
        #expect(a.run(auth).isSuccess)
        #expect(b.run(auth).isSuccess)
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
