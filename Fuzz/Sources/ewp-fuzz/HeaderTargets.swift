import EWPCrypto
import EWPSecurity
import Foundation
import HTTPTypes

/// Targets whose input is HTTP header text. A message is written as it would be on the wire:
///
///     GET /iias/get?iia_id=1
///     Host: node.example
///     Authorization: Signature keyId="…",…
///
///     body bytes
///
/// The first line is the method and the request target; the header lines follow, each
/// `Name: value`; an empty line ends them; what follows is the body. A line whose name is not a
/// valid token is dropped, as the server (and `HTTPFields`) would not take it.
enum HeaderTargets {
    /// The clock every target uses; the seeds' `Date` headers carry it, so that inputs get past
    /// the date check to the signing string.
    static let now = Date(timeIntervalSince1970: 1_700_000_000)   // Tue, 14 Nov 2023 22:13:20 GMT
    static let host = "node.example"
    static let authenticator = RequestAuthenticator(expectedHosts: [host], replayLedger: ReplayGuard(window: 600, capacity: 1000))
    /// Every keyId names this key, so inputs reach the signature check.
    static let key: RSAPublicKey = {
        do { return try RSAPrivateKey.generate().publicKey } catch { fatalError("cannot generate the fuzz key: \(error)") }
    }()

    struct Message {
        var method = "GET"
        var target = "/"
        var headers = HTTPFields()
        var body: [UInt8] = []
    }

    static func message(_ bytes: [UInt8]) -> Message {
        var message = Message()
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)[...]
        if let first = lines.popFirst() {
            let words = String(decoding: first, as: UTF8.self).split(separator: " ", maxSplits: 1)
            if let method = words.first { message.method = String(method) }
            if words.count > 1 { message.target = String(words[1]) }
        }
        while let line = lines.popFirst() {
            let text = String(decoding: line, as: UTF8.self)
            if text.isEmpty || text == "\r" {
                message.body = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
                break
            }
            guard let colon = text.firstIndex(of: ":"), let name = HTTPField.Name(String(text[..<colon])) else { continue }
            message.headers.append(HTTPField(name: name, value: String(text[text.index(after: colon)...])))
        }
        return message
    }

    struct AnyKey: ClientKeyDirectory, ServerKeyDirectory {
        func clientKey(keyId: String) -> RSAPublicKey? { HeaderTargets.key }
        func heis(coveredByClientKey keyId: String) -> [String] { ["uni.example"] }
        func isServerKey(keyId: String) -> Bool { false }
        func serverKey(keyId: String, forEndpointURL url: String) -> RSAPublicKey? { HeaderTargets.key }
    }

    /// The `Authorization: Signature` header of a request, and the `Signature` header of a response.
    static func signature(_ bytes: [UInt8]) {
        let m = message(bytes)
        _ = RequestSignatureEcho.value(in: m.headers)
        let request = SignableMessage(method: m.method, target: m.target, headers: m.headers, body: m.body)
        if case .failure(let failure) = authenticator.verify(request, keys: AnyKey(), now: now) {
            invariant(failure.developerMessage.utf8.count <= maxMessageBytes,
                      "a \(bytes.count)-byte request got a \(failure.developerMessage.utf8.count)-byte developer-message")
        }
        let requestId = m.headers.first { $0.name.canonicalName == "x-request-id" }?.value.trimmingCharacters(in: .whitespaces) ?? ""
        if case .failure(let failure) = ResponseVerifier().verify(status: 200, headers: m.headers, body: m.body, requestMethod: m.method,
                                                                  requestTarget: m.target, requestId: requestId, requestSignature: nil,
                                                                  endpointURL: "https://\(host)\(m.target)", keys: AnyKey(), now: now) {
            invariant(failure.message.utf8.count <= maxMessageBytes,
                      "a \(bytes.count)-byte response got a \(failure.message.utf8.count)-byte failure message")
        }
    }

    /// Error messages quote what the caller sent only as bounded excerpts; the longest one may
    /// show our signing string, itself bounded.
    static let maxMessageBytes = SigningString.maxBytes + 4 * 1024

    static func digest(_ bytes: [UInt8]) {
        let m = message(bytes)
        _ = DigestHeader.check(m.headers.filter { $0.name.canonicalName == "digest" }.map(\.value), body: m.body)
    }

    static func httpDate(_ bytes: [UInt8]) {
        guard let date = HTTPDate.parse(String(decoding: bytes, as: UTF8.self)) else { return }
        // A date we accept, we can write, and the writing reads back as the same date.
        invariant(HTTPDate.parse(HTTPDate.format(date)) == date, "HTTPDate.format(\(date)) does not parse back")
    }
}
