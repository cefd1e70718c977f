// Partner network: requests to the node signed as a partner would sign them (EWPSecurity.RequestSigner,
// sent with EWPHTTP.CurlClient), and an EWPClient holding a node HEI's client key for calls to partners.
import EWPClient
import EWPCrypto
import EWPHTTP
import EWPNode
import EWPSecurity
import EWPTestSupport
import Foundation
import HTTPTypes

/// A signed request and the node's answer, as received.
struct SignedExchange: Sendable {
    var method: String
    var url: String
    /// path[?query], as signed in (request-target).
    var target: String
    var requestId: String
    /// The signature parameter of our Authorization header (the node echoes it in X-Request-Signature).
    var requestSignature: String
    var status: Int
    var headers: HTTPFields
    var body: [UInt8]

    var bodyText: String { String(decoding: body, as: UTF8.self) }
    func header(_ name: String) -> String? { headers.first { $0.name.canonicalName == name.lowercased() }?.value }
}

extension PartnerNetwork {
    /// POSTs `form` to `url` signed with partner `partner`'s client key (cliauth-httpsig), asking for a signed response.
    func partnerSignedPOST(partner: Int, url: String, form: [(String, String)]) async throws -> SignedExchange {
        try await signedSend(method: "POST", url: url, body: Array(FormURLEncoding.encode(form).utf8),
                             contentType: "application/x-www-form-urlencoded", key: partners[partner].clientKey)
    }

    /// GETs `url` with `query` signed with partner `partner`'s client key, asking for a signed response.
    func partnerSignedGET(partner: Int, url: String, query: [(String, String)] = []) async throws -> SignedExchange {
        let full = query.isEmpty ? url : url + (url.contains("?") ? "&" : "?") + FormURLEncoding.encode(query)
        return try await signedSend(method: "GET", url: full, body: [], contentType: nil, key: partners[partner].clientKey)
    }

    /// Sends a request signed with any key (a partner's, or one the catalogue does not know).
    func signedSend(method: String, url: String, body: [UInt8], contentType: String?, key: RSAPrivateKey,
                    timeout: Duration = .seconds(15)) async throws -> SignedExchange {
        guard let components = URLComponents(string: url), let host = components.host else { throw E2EError("not a URL: \(url)") }
        let authority = components.port.map { "\(host):\($0)" } ?? host
        let target = (components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath)
            + (components.percentEncodedQuery.map { "?" + $0 } ?? "")
        let signed = RequestSigner(key: key).signedRequest(
            method: method, host: authority, target: target,
            headers: contentType.map { [(name: "Content-Type", value: $0)] } ?? [], body: body, now: Date())
        let response = try await http.send(OutboundRequest(method: method, url: url, headers: signed.headers, body: body, timeout: timeout))
        return SignedExchange(method: method, url: url, target: target, requestId: signed.requestId,
                              requestSignature: signed.signature, status: response.status, headers: response.headers, body: response.body)
    }

    /// Why the node's signed answer to `exchange` does not verify against the catalogue's server keys
    /// for `endpointURL` (default: the request URL without its query); nil when it verifies.
    func responseProblem(_ exchange: SignedExchange, endpointURL: String? = nil) -> String? {
        let endpoint = endpointURL ?? String(exchange.url.prefix { $0 != "?" })
        let outcome = ResponseVerifier().verify(
            status: exchange.status, headers: exchange.headers, body: exchange.body, requestMethod: exchange.method,
            requestTarget: exchange.target, requestId: exchange.requestId, requestSignature: exchange.requestSignature,
            endpointURL: endpoint, keys: catalogueKeys, now: Date())
        if case .failure(let failure) = outcome { return "\(failure)" }
        return nil
    }

    /// An EWPClient signing with a node HEI's client key (default: the first HEI), to call the
    /// partners as the node would; verify with `catalogueKeys`.
    func nodeClient(hei: String? = nil, timeout: Duration = .seconds(15)) throws -> EWPClient {
        let keys = try nodes[0].keys(hei: hei ?? heis[0])
        return EWPClient(http: http, signer: RequestSigner(key: keys.client), timeout: timeout, urlPolicy: .loopbackHTTPAllowed)
    }
}
