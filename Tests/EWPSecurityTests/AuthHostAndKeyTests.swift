import Foundation
import Testing
@testable import EWPSecurity

@Suite("cliauth-httpsig: Host, keyId and the signature itself")
struct AuthHostAndKeyTests {
    @Test("Host must be one of ours: another host is 400 and lists ours")
    func wrongHost() throws {
        var probe = Probe(); probe.set("Host", "evil.example.com")
        let failure = try #require(probe.run().failure)
        #expect(failure.reason == .hostMismatch)
        #expect(failure.status == 400)
        #expect(failure.developerMessage.contains(Probe.host))
    }

    @Test("Host compares case-insensitively and ignores an explicit :443")
    func hostNormalised() {
        var upper = Probe(); upper.set("Host", Probe.host.uppercased())
        #expect(upper.run().isSuccess)
        var port = Probe(); port.set("Host", Probe.host + ":443")
        #expect(port.run().isSuccess)
        var other = Probe(); other.set("Host", Probe.host + ":8443")
        #expect(other.run().failure?.reason == .hostMismatch)
    }

    @Test("a non-default port must be configured to match")
    func hostWithPort() {
        var probe = Probe(); probe.set("Host", "127.0.0.1:8443")
        let auth = RequestAuthenticator(expectedHosts: ["127.0.0.1:8443"], replayLedger: ReplayGuard())
        #expect(probe.run(auth).isSuccess)
    }

    @Test("EWP API Validator: a key never published in the Registry is 403")
    func unknownKey() throws {
        var probe = Probe(); probe.key = Keys.stranger
        let failure = try #require(probe.run().failure)
        #expect(failure.reason == .unknownKey)
        #expect(failure.status == 403)
        #expect(failure.developerMessage.contains("client-credentials-in-use"))
    }

    @Test("EWP API Validator: a request signed with a server key is 403 and says it is a server key")
    func serverKey() throws {
        var probe = Probe(); probe.key = Keys.server
        let failure = try #require(probe.run().failure)
        #expect(failure.reason == .serverKeyUsed)
        #expect(failure.status == 403)
        #expect(failure.developerMessage.contains("server key"))
    }

    @Test("EWP API Validator: a known keyId with a signature from another private key is 400")
    func wrongPrivateKey() throws {
        var probe = Probe(); probe.key = Keys.stranger; probe.keyId = Keys.client.publicKey.fingerprint
        let failure = try #require(probe.run().failure)
        #expect(failure.reason == .badSignature)
        #expect(failure.status == 400)
        #expect(failure.developerMessage.contains("signing string"))
    }

    @Test("an upper-case hex keyId is looked up in lower case")
    func upperCaseKeyId() throws {
        var probe = Probe(); probe.keyId = Keys.client.publicKey.fingerprint.uppercased()
        #expect(try probe.run().get().keyId == Keys.client.publicKey.fingerprint)
    }

    @Test("the other client key authenticates as its own HEI")
    func otherClient() throws {
        var probe = Probe(); probe.key = Keys.otherClient
        #expect(try probe.run().get().heiIDs == ["uma.es"])
    }
}
