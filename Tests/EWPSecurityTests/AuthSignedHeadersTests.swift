import EWPTestSupport
import Foundation
import HTTPTypes
import Testing
@testable import EWPSecurity

@Suite("cliauth-httpsig: the headers parameter")
struct AuthSignedHeadersTests {
    @Test("EWP API Validator: omitting one required header from the signature is 400 and names it",
          arguments: ["(request-target)", "host", "date", "digest", "x-request-id"])
    func omitRequired(_ name: String) throws {
        var probe = Probe()
        probe.signedNames.removeAll { $0 == name }
        let failure = try #require(probe.run().failure)
        #expect(failure.reason == .missingRequiredHeaders)
        #expect(failure.status == 400)
        #expect(failure.developerMessage.contains(name))
    }

    @Test("no headers parameter means only \"date\" (draft-cavage default): 400")
    func noHeadersParameter() throws {
        var probe = Probe(); probe.signedNames = ["date"]
        let failure = try #require(probe.run { m in
            m.headers = HTTPFields(m.headers.map { h in
                h.name == "Authorization" ? HTTPField(name: h.name, value: h.value.replacingOccurrences(of: "headers=\"date\",", with: "")) : h
            })
        }.failure)
        #expect(failure.reason == .missingRequiredHeaders)
        #expect(failure.developerMessage.contains("no headers parameter"))
    }

    @Test("EWP API Validator: Original-Date signed instead of Date is accepted")
    func originalDate() {
        var probe = Probe()
        let date = probe.headers.first { $0.name == "Date" }!.value
        probe.set("Date", nil)
        probe.set("Original-Date", date)
        probe.signedNames = ["(request-target)", "host", "original-date", "x-request-id", "digest"]
        #expect(probe.run().isSuccess)
    }

    @Test("EWP API Validator: all headers signed in another order, (request-target) last, is accepted")
    func otherOrder() {
        var probe = Probe()
        probe.signedNames = ["x-request-id", "content-type", "digest", "date", "host", "(request-target)"]
        #expect(probe.run().isSuccess)
    }

    @Test("EWP API Validator: an extra custom header, properly signed, is accepted")
    func extraHeader() {
        var probe = Probe()
        probe.set("X-Custom-Test", "hello")
        probe.signedNames.append("x-custom-test")
        #expect(probe.run().isSuccess)
    }

    @Test("EWP API Validator: a signed header removed from the request is 400 and named")
    func signedHeaderRemoved() throws {
        var probe = Probe()
        probe.signedNames.append("content-type")
        let failure = try #require(probe.run { $0.headers.removeAll { $0.name == "Content-Type" } }.failure)
        #expect(failure.reason == .signedHeaderAbsent)
        #expect(failure.status == 400)
        #expect(failure.developerMessage.contains("content-type"))
    }

    @Test("header names match case-insensitively, and repeated headers are joined with \", \"")
    func caseAndRepeats() throws {
        var probe = Probe()
        probe.headers = HTTPFields(pairs: probe.headers.map { (name: $0.name.rawName.uppercased(), value: $0.value) })
        probe.headers.append((name: "X-Multi", value: "a"))
        probe.headers.append((name: "x-multi", value: " b "))
        probe.signedNames.append("x-multi")
        #expect(try SigningString.build(headerNames: ["x-multi"], method: "GET", target: "/", headers: probe.headers) == "x-multi: a, b")
        #expect(probe.run().isSuccess)
    }

    @Test("a signed header changed after signing breaks the signature (400)")
    func changedSignedHeader() throws {
        var probe = Probe()
        probe.signedNames.append("content-type")
        let failure = try #require(probe.run { m in
            m.headers = HTTPFields(m.headers.map { $0.name == "Content-Type" ? HTTPField(name: $0.name, value: "text/plain") : $0 })
        }.failure)
        #expect(failure.reason == .badSignature)
    }

    @Test("an unsigned header may change freely; AuthenticatedClient.signedHeaders(of:) drops it")
    func unsignedIgnored() throws {
        let probe = Probe()
        let message = probe.message { $0.headers.append((name: "X-Injected", value: "evil")) }
        let client = try Probe.authenticator().verify(message, keys: Keys.directory, now: Probe.now).get()
        let kept = client.signedHeaders(of: message.headers)
        #expect(!kept.contains { $0.name == "X-Injected" })
        #expect(!kept.contains { $0.name == "Content-Type" })
        #expect(kept.contains { $0.name == "Digest" })
    }

    @Test("the request target covers the query string: changing it breaks the signature")
    func targetCovered() throws {
        var probe = Probe(); probe.method = "GET"; probe.target = "/ewp/echo?echo=a"
        probe.body = []; probe.set("Digest", DigestHeader.sha256Value(of: []))
        #expect(probe.run().isSuccess)
        let failure = try #require(probe.run { $0.target = "/ewp/echo?echo=b" }.failure)
        #expect(failure.reason == .badSignature)
        #expect(failure.developerMessage.contains("(request-target): get /ewp/echo?echo=b"))
    }
}
