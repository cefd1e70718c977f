import Testing
@testable import EWPCrypto

@Suite("One shared key, many concurrent signers")
struct ConcurrencyTests {
    @Test("8 tasks × 25 sign+verify on one key all succeed and agree")
    func concurrentSigning() async throws {
        let key = try RSAPrivateKey.generate()
        let message = Array("shared".utf8)
        let expected = try key.signSHA256(message)
        let results = await withTaskGroup(of: Int.self) { group in
            for task in 0..<8 {
                group.addTask {
                    var ok = 0
                    for i in 0..<25 {
                        let own = Array("task \(task) message \(i)".utf8)
                        guard let sig = try? key.signSHA256(own), key.publicKey.verifySHA256(signature: sig, message: own),
                              (try? key.signSHA256(message)) == expected else { continue }
                        ok += 1
                    }
                    return ok
                }
            }
            return await group.reduce(0, +)
        }
        #expect(results == 200)
    }

    /// Sign and verify contexts are reused between calls: a refused signature (wrong, truncated,
    /// empty, longer than the key) must leave a context that still accepts a good one, and more
    /// callers than the idle contexts kept must all be served.
    @Test("24 tasks interleave refused and good signatures on one key; every answer stays right")
    func refusalsDoNotSpoilReusedContexts() async throws {
        let key = try RSAPrivateKey.generate()
        let message = Array("reused".utf8)
        let good = try key.signSHA256(message)
        let wrong = good.map { $0 ^ 0x01 }
        let bad: [[UInt8]] = [wrong, Array(good.dropLast()), [], good + [0]]
        let results = await withTaskGroup(of: Int.self) { group in
            for task in 0..<24 {
                group.addTask {
                    var right = 0
                    for i in 0..<10 {
                        let refused = !key.publicKey.verifySHA256(signature: bad[(task + i) % bad.count], message: message)
                        let accepted = key.publicKey.verifySHA256(signature: good, message: message)
                        let resigned = (try? key.signSHA256(message)) == good
                        if refused && accepted && resigned { right += 1 }
                    }
                    return right
                }
            }
            return await group.reduce(0, +)
        }
        #expect(results == 240)
    }
}
