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
}
