import EWPHTTP
import EWPSecurity
import EWPXML
import Foundation
import HTTPTypes

/// The one outbound EWP call path: sign the request (cliauth-httpsig), send it (libcurl), verify
/// the signed response (srvauth-httpsig, keys from the Registry's same-host rule), parse the XML
/// and validate it against the schema of its root element (`ResponseSchemas`).
///
/// By default every call asks for a signed response and refuses any response whose signature does
/// not verify, error responses included. For an endpoint whose manifest entry declares only
/// `tlscert` server authentication, pass `serverAuth: .tlsCertificate`: the server's identity then
/// rests on the TLS certificate check alone (curl, CA bundle) and no response header is filtered.
///
/// A resend never looks like a replay: when the connection dies before any answer, the call is sent
/// again, at most `attemptsOnLostConnection` times in all, each attempt signed anew (fresh
/// X-Request-Id, Date and signature; libcurl's own resend of the old bytes is stopped in EWPHTTP).
/// A partner's replay refusal that follows a lost connection is taken for what it is, the partner
/// having seen the earlier attempt, and counts as a transport failure (retried), not a refusal.
public final class EWPClient: Sendable {
    /// The largest partner response read and parsed: what the APIs need, with room (a ToRs `get`
    /// whose ELMO documents carry PDF attachments is the largest expected). A larger one aborts the
    /// transfer, a transport failure.
    public static let maxResponseBytes = 16 << 20

    public let http: CurlClient
    public let signer: RequestSigner
    public let verifier: ResponseVerifier
    public let timeout: Duration
    /// Which URLs may be called (https only, unless EWP_ALLOW_HTTP=loopback).
    public let urlPolicy: OutboundURLPolicy
    /// The schemas 2xx answers are validated against, by their root element (nil: not validated).
    public let responseSchemas: ResponseSchemas?
    private let clock: @Sendable () -> Date

    public convenience init(http: CurlClient, signer: RequestSigner, verifier: ResponseVerifier = .init(),
                            urlPolicy: OutboundURLPolicy = .httpsOnly) {
        self.init(http: http, signer: signer, verifier: verifier, timeout: .seconds(30), urlPolicy: urlPolicy, clock: { Date() })
    }

    /// `clock` supplies "now" for Date headers and the response date check (tests pin it).
    public init(http: CurlClient, signer: RequestSigner, verifier: ResponseVerifier = .init(), timeout: Duration,
                urlPolicy: OutboundURLPolicy = .httpsOnly, responseSchemas: ResponseSchemas? = nil,
                clock: @escaping @Sendable () -> Date = { Date() }) {
        self.http = http
        self.signer = signer
        self.verifier = verifier
        self.timeout = timeout
        self.urlPolicy = urlPolicy
        self.responseSchemas = responseSchemas
        self.clock = clock
    }

    /// GET `url` with `parameters` in the query string (repeats and order kept).
    public func get(_ url: String, parameters: [(String, String)], keys: any ServerKeyDirectory,
                    serverAuth: ServerAuthentication = .httpSignature) async throws -> EWPCallResult {
        try await call(method: "GET", endpoint: url, url: EndpointURL.appending(query: FormURLEncoding.encode(parameters), to: url),
                       headers: [:], body: [], keys: keys, serverAuth: serverAuth)
    }

    /// POST `parameters` as `application/x-www-form-urlencoded`.
    public func postForm(_ url: String, parameters: [(String, String)], keys: any ServerKeyDirectory,
                         serverAuth: ServerAuthentication = .httpSignature) async throws -> EWPCallResult {
        try await call(method: "POST", endpoint: url, url: url,
                       headers: [.contentType: "application/x-www-form-urlencoded"],
                       body: Array(FormURLEncoding.encode(parameters).utf8), keys: keys, serverAuth: serverAuth)
    }

    /// POST a raw XML body (OLA `update`).
    public func postXML(_ url: String, body: [UInt8], keys: any ServerKeyDirectory,
                        serverAuth: ServerAuthentication = .httpSignature) async throws -> EWPCallResult {
        try await call(method: "POST", endpoint: url, url: url,
                       headers: [.contentType: "text/xml; charset=utf-8"], body: body, keys: keys, serverAuth: serverAuth)
    }

    /// Attempts per call when the connection is lost before an answer (each signed anew).
    public static let attemptsOnLostConnection = 3

    /// `endpoint` is the catalogue URL (used to find the server's keys); `url` is what is requested.
    func call(method: String, endpoint: String, url: String, headers: HTTPFields, body: [UInt8],
              keys: any ServerKeyDirectory, serverAuth: ServerAuthentication = .httpSignature) async throws(EWPClientError) -> EWPCallResult {
        var lostConnection: TransportError? = nil
        for number in 1...Self.attemptsOnLostConnection {
            do {
                return try await signedAttempt(method: method, endpoint: endpoint, url: url, headers: headers, body: body, keys: keys, serverAuth: serverAuth)
            } catch .transport(_, let error) where error.kind == .connectionLost && number < Self.attemptsOnLostConnection {
                lostConnection = error
            } catch .httpStatus(_, let status, let message, _) where lostConnection != nil && ReplayRefusal.matches(status: status, developerMessage: message) {
                let why = TransportError(.connectionLost,
                                         message: "the connection was lost, then the partner refused the freshly signed resend as a replay (HTTP \(status): \(CallerText.excerpt(message ?? "-", limit: 200)))")
                guard number < Self.attemptsOnLostConnection else { throw .transport(url: url, why) }
                lostConnection = why
            }
        }
        throw .transport(url: url, lostConnection ?? TransportError(.connectionLost, message: "connection lost"))
    }

    /// One signed request and its verified answer.
    private func signedAttempt(method: String, endpoint: String, url: String, headers: HTTPFields, body: [UInt8],
                         keys: any ServerKeyDirectory, serverAuth: ServerAuthentication) async throws(EWPClientError) -> EWPCallResult {
        guard let parts = EndpointURL(url) else { throw .invalidURL(url) }
        if let refusal = urlPolicy.refusal(for: url) { throw .refusedURL(url: url, reason: refusal) }
        let signed = signer.signedRequest(method: method, host: parts.host, target: parts.target,
                                          headers: headers + [HTTPField(name: .accept, value: "application/xml")],
                                          body: body, now: clock(), askForSignedResponse: serverAuth == .httpSignature)
        let response: InboundResponse
        do {
            response = try await http.send(OutboundRequest(method: method, url: url, headers: signed.headers, body: body, timeout: timeout,
                                                            maxResponseBytes: Self.maxResponseBytes))
        } catch {
            throw .transport(url: url, error)
        }

        let verified = serverAuth == .tlsCertificate ? .success(response.headers) : verifier.verifiedHeaders(status: response.status, headers: response.headers, body: response.body,
                                                requestMethod: method, requestTarget: parts.target, requestId: signed.requestId,
                                                requestSignature: signed.signature, endpointURL: endpoint, keys: keys, now: clock())
        let signedHeaders: HTTPFields
        switch verified {
        case .success(let h): signedHeaders = h
        case .failure(let failure): throw .unverifiedResponse(url: url, status: response.status, failure)
        }

        guard (200..<300).contains(response.status) else {
            throw .httpStatus(url: url, status: response.status, developerMessage: ErrorResponse.developerMessage(response.body), body: response.body)
        }
        guard !response.body.isEmpty else {
            return EWPCallResult(status: response.status, headers: signedHeaders, body: [], root: nil)
        }
        let root: XElement
        do {
            // Off the cooperative pool when large (XMLParseThreads): partners' bytes must not stall the server.
            root = try await XMLReader.parseOffPool(response.body, maxBytes: Self.maxResponseBytes)
        } catch {
            throw .malformedXML(url: url, status: response.status, error)
        }
        // A schema of ours that does not compile is our fault, not the partner's: the answer is
        // then taken as it is (the schemas are compiled by the tests).
        if let responseSchemas, let checked = try? await responseSchemas.problems(in: response.body, root: root), !checked.problems.isEmpty {
            throw .invalidXML(url: url, status: response.status, schema: checked.schema, problems: checked.problems)
        }
        return EWPCallResult(status: response.status, headers: signedHeaders, body: response.body, root: root)
    }
}
