// End-to-end test support: requests built and signed by hand (so each can be bent the way a
// validator check bends it), sent with EWPHTTP.CurlClient through nginx, and the checks applied to
// every response (as the EWP API Validator checks every response: X-Request-Id, response signature,
// schemas).
import Foundation
import Testing
import EWPCrypto
import EWPHTTP
import EWPSecurity
import EWPTestSupport
import EWPXML
import HTTPTypes

typealias E2EHeaders = [(name: String, value: String)]

/// A request exactly as it goes on the wire.
struct WireRequest: Sendable {
    var method: String
    var url: String
    var target: String            // path[?query], as in (request-target)
    var headers: E2EHeaders
    var body: [UInt8]

    func value(_ name: String) -> String? {
        let values = headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
        return values.isEmpty ? nil : values.joined(separator: ", ")
    }

    mutating func set(_ name: String, _ value: String) {
        if let i = headers.firstIndex(where: { $0.name.lowercased() == name.lowercased() }) {
            headers[i].value = value
            headers.removeAll { $0.name.lowercased() == name.lowercased() && $0.value != value }
        } else {
            headers.append((name, value))
        }
    }

    mutating func remove(_ name: String) {
        headers.removeAll { $0.name.lowercased() == name.lowercased() }
    }

    /// The `signature="…"` parameter of the Authorization header, if signed.
    var signatureParameter: String? {
        guard let auth = value("Authorization"), let r = auth.range(of: "signature=\"") else { return nil }
        let rest = auth[r.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }

    var asksForSignedResponse: Bool {
        guard let v = value("Accept-Signature") else { return false }
        return v.split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces).lowercased() == "rsa-sha256" }
    }
}

enum Form {
    static func encode(_ pairs: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return pairs.map { k, v in
            "\(k.addingPercentEncoding(withAllowedCharacters: allowed)!)=\(v.addingPercentEncoding(withAllowedCharacters: allowed)!)"
        }.joined(separator: "&")
    }
}

func freshRequestId() -> String { UUID().uuidString.lowercased() }

func digestHeader(_ body: [UInt8]) -> String { "SHA-256=" + SHA256Hash.base64(body) }

extension E2EEnvironment {
    /// An unsigned Echo request carrying what the EWP API Validator's httpsig client sends: Host,
    /// Date, X-Request-Id, Digest, (Content-Type), Accept-Signature + Want-Digest.
    func echoRequest(method: String = "POST", echo: [String] = ["a", "b", "a"], query: [(String, String)] = [],
                     acceptSignature: String? = "rsa-sha256", date: Date = Date(),
                     requestId: String? = freshRequestId(), host: String? = nil) -> WireRequest {
        let echoPairs = echo.map { ("echo", $0) }
        let isGet = method == "GET"
        let queryPairs = isGet ? echoPairs + query : query
        let queryString = queryPairs.isEmpty ? "" : "?" + Form.encode(queryPairs)
        let body: [UInt8] = isGet ? [] : Array(Form.encode(echoPairs).utf8)
        var headers: E2EHeaders = [("Host", host ?? hostHeader), ("Date", HTTPDate.format(date))]
        if let requestId { headers.append(("X-Request-Id", requestId)) }
        headers.append(("Digest", digestHeader(body)))
        if !isGet { headers.append(("Content-Type", "application/x-www-form-urlencoded")) }
        if let acceptSignature {
            headers.append(("Accept-Signature", acceptSignature))
            headers.append(("Want-Digest", "SHA-256"))
        }
        return WireRequest(method: method, url: echoURL + queryString, target: echoPath + queryString,
                           headers: headers, body: body)
    }

    /// Signs (cavage-07, rsa-sha256) over `headers` (default: (request-target) + every header present,
    /// in order), with `key`, announcing `keyId` (default: the key's own fingerprint).
    func signed(_ request: WireRequest, with key: RSAPrivateKey, keyId: String? = nil,
                headers names: [String]? = nil) throws -> WireRequest {
        var r = request
        r.remove("Authorization")
        var list = names ?? (["(request-target)"] + r.headers.map { $0.name.lowercased() })
        var seen = Set<String>()
        list = list.filter { seen.insert($0).inserted }
        let signingString = list.map { name -> String in
            if name == "(request-target)" { return "(request-target): \(r.method.lowercased()) \(r.target)" }
            return "\(name): \((r.value(name) ?? "").trimmingCharacters(in: .whitespaces))"
        }.joined(separator: "\n")
        let signature = Base64.encode(try key.signSHA256(Array(signingString.utf8)))
        let id = keyId ?? key.publicKey.fingerprint
        r.headers.append(("Authorization",
                          "Signature keyId=\"\(id)\",algorithm=\"rsa-sha256\",headers=\"\(list.joined(separator: " "))\",signature=\"\(signature)\""))
        return r
    }

    func send(_ request: WireRequest) async throws -> InboundResponse {
        try await http.send(OutboundRequest(method: request.method, url: request.url, headers: HTTPFields(pairs: request.headers),
                                            body: request.body, timeout: .seconds(10)))
    }
}

// MARK: - checks applied to every response

struct EchoContent: Equatable, CustomStringConvertible {
    var heiIds: [String]
    var echoes: [String]
    var description: String { "hei-id \(heiIds), echo \(echoes)" }
}

let echoResponseNS = "https://github.com/erasmus-without-paper/ewp-specs-api-echo/tree/stable-v2"

func echoContent(_ body: [UInt8]) -> EchoContent? {
    guard let root = try? XMLReader.parse(body), root.name == "response", root.namespace == echoResponseNS else { return nil }
    return EchoContent(heiIds: root.elements("hei-id", namespace: echoResponseNS).map(\.text),
                       echoes: root.elements("echo", namespace: echoResponseNS).map(\.text))
}

extension E2EEnvironment {
    /// Sends `request` and checks: the status; the X-Request-Id echo; the response signature, when
    /// the request asked for one (verified with EWPSecurity.ResponseVerifier against the
    /// catalogue's server-credentials-in-use of the host serving the Echo URL, keyId = the node's
    /// server key); a 200 body valid against the Echo v2 XSD; an error body valid as common-types
    /// error-response. Returns the response for further checks.
    @discardableResult
    func exchange(_ request: WireRequest, expect status: Int, _ what: String,
                  sourceLocation: SourceLocation = #_sourceLocation) async throws -> InboundResponse {
        let response = try await send(request)
        let bodyText = String(decoding: response.body.prefix(1500), as: UTF8.self)
        let context = "\(what): \(request.method) \(request.target) → \(response.status)\n\(bodyText)"
        #expect(response.status == status, "\(context)\nnode log:\n\(node.logTail(1500))", sourceLocation: sourceLocation)

        // #10
        let sentId = request.value("X-Request-Id")
        let gotId = response.header("X-Request-Id")
        if let sentId {
            if let gotId { #expect(gotId == sentId, "X-Request-Id echoed wrongly — \(context)", sourceLocation: sourceLocation) }
            if request.asksForSignedResponse {
                #expect(gotId == sentId, "signed responses must carry X-Request-Id — \(context)", sourceLocation: sourceLocation)
            }
        } else {
            #expect(gotId == nil, "X-Request-Id invented: \(gotId ?? "") — \(context)", sourceLocation: sourceLocation)
        }

        // #12
        if request.asksForSignedResponse {
            let outcome = ResponseVerifier().verify(
                status: response.status, headers: response.headers, body: response.body,
                requestMethod: request.method, requestTarget: request.target, requestId: sentId ?? "",
                requestSignature: request.signatureParameter, endpointURL: echoURL, keys: catalogueKeys, now: Date())
            if case .failure(let f) = outcome {
                let sent = request.headers.map { "  > \($0.name): \($0.value)" }.joined(separator: "\n")
                let got = response.headers.map { "  < \($0.name): \($0.value)" }.joined(separator: "\n")
                Issue.record("response signature rejected: \(f) — \(context)\n\(sent)\n\(got)", sourceLocation: sourceLocation)
            }
            let keyId = signatureKeyId(response.header("Signature"))
            #expect(keyId == nodeServerKeyId, "response keyId \(keyId ?? "none") is not the node's server key — \(context)",
                    sourceLocation: sourceLocation)
        }

        // The body's schema: the Echo response, or an error-response.
        let schema = response.status == 200 ? OfficialSchema.echoResponse : OfficialSchema.commonTypes
        let problems = await xsdProblemsAsync(response.body, schema: schema, scratchDirectory: directory)
        #expect(problems.isEmpty, "\(response.status == 200 ? "Echo" : "error-response") schema: \(problems) — \(context)",
                sourceLocation: sourceLocation)
        return response
    }
}

func signatureKeyId(_ header: String?) -> String? {
    guard let header, let r = header.range(of: "keyId=\"") else { return nil }
    let rest = header[r.upperBound...]
    return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
}

// MARK: - server keys as the catalogue lists them

/// The Registry API's server-key lookup (ewp-specs-api-registry) over the catalogue the test built:
/// a server key is trusted for a URL only if it is in the server-credentials-in-use of a host whose
/// apis-implemented holds that URL.
struct CatalogueServerKeys: ServerKeyDirectory {
    struct Host: Sendable { var urls: Set<String>; var serverKeyIds: Set<String> }
    let hosts: [Host]
    let binaries: [String: RSAPublicKey]

    init(catalogue: [UInt8]) throws {
        let ns = "https://github.com/erasmus-without-paper/ewp-specs-api-registry/tree/stable-v1"
        let root = try XMLReader.parse(catalogue)
        func urls(in e: XElement) -> [String] {
            let own = e.text.trimmingCharacters(in: .whitespacesAndNewlines)
            // http:// too: the partner-network tests run plain HTTP on 127.0.0.1.
            return (own.hasPrefix("https://") || own.hasPrefix("http://") ? [own] : []) + e.children.flatMap(urls(in:))
        }
        hosts = root.elements("host", namespace: ns).map { host in
            Host(urls: Set(host.element("apis-implemented", namespace: ns).map(urls(in:)) ?? []),
                 serverKeyIds: Set(host.element("server-credentials-in-use", namespace: ns)?
                    .elements("rsa-public-key", namespace: ns).compactMap { $0.attribute("sha-256") } ?? []))
        }
        var keys: [String: RSAPublicKey] = [:]
        for k in root.element("binaries", namespace: ns)?.elements("rsa-public-key", namespace: ns) ?? [] {
            let b64 = k.text.filter { !$0.isWhitespace }
            if let sha = k.attribute("sha-256"), let der = Base64.decode(b64) {
                keys[sha] = try RSAPublicKey(derSPKI: der)
            }
        }
        binaries = keys
    }

    func serverKey(keyId: String, forEndpointURL url: String) -> RSAPublicKey? {
        guard hosts.contains(where: { $0.urls.contains(url) && $0.serverKeyIds.contains(keyId) }) else { return nil }
        return binaries[keyId]
    }
}
