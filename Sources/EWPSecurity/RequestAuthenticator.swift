import EWPCore
import EWPCrypto
import Foundation
import HTTPTypes

/// Verifies cliauth-httpsig requests (ewp-specs-sec-cliauth-httpsig; the EWP API Validator's
/// HTTP-signature checks). The key directory, the clock and the replay ledger are passed in.
///
/// Order: scheme → parameters → algorithm → headers list bounded (each name once, at most 32) →
/// required headers → listed headers present → Host →
/// key (403) → dates → X-Request-Id format → signature → digest (`verify` stops here: pure) → replay
/// (`authenticate`). The replay ledger runs last so that only requests with a valid signature are
/// remembered; when it cannot answer, the request is refused with 503, never let through.
///
/// Every developer-message quotes what the caller sent only as a short excerpt (`CallerText`), and
/// the signing string is sized before it is built (`SigningString.maxBytes`).
public struct RequestAuthenticator: Sendable {
    public let expectedHosts: Set<String>
    public let window: TimeInterval
    public let replayLedger: any ReplayLedger

    /// `expectedHosts`: our `host[:port]` values (a `:443` suffix is ignored on both sides).
    /// `window`: allowed clock difference in seconds, never below the spec's 5 minutes.
    public init(expectedHosts: Set<String>, window: TimeInterval = 300, replayLedger: any ReplayLedger) {
        self.expectedHosts = Set(expectedHosts.map(Self.normalizedHost))
        self.window = max(window, 300)
        self.replayLedger = replayLedger
    }

    static let requiredHeaders = ["(request-target)", "host", "digest", "x-request-id"]

    /// Every check, the replay check last.
    public func authenticate(_ m: SignableMessage, keys: any ClientKeyDirectory, now: Date) async -> Result<AuthenticatedClient, AuthFailure> {
        await recordFirstSighting(verify(m, keys: keys, now: now), now: now)
    }

    /// The replay check on the outcome of `verify` (which a caller may run on other threads): a
    /// verified request's id is recorded in the ledger, and refused if it was already there.
    public func recordFirstSighting(_ verified: Result<AuthenticatedClient, AuthFailure>, now: Date) async -> Result<AuthenticatedClient, AuthFailure> {
        guard case .success(let client) = verified else { return verified }
        let first: Bool
        do {
            first = try await replayLedger.firstSighting(requestId: client.requestId, keyId: client.keyId, now: now)
        } catch {
            return .failure(AuthFailure(.replayCheckUnavailable, "The signature is valid, but this node cannot check X-Request-Id \(client.requestId) against the ids it has already seen (its database did not answer), so the request was not processed. Retry shortly with a fresh X-Request-Id."))
        }
        guard first else {
            return .failure(AuthFailure(.replayedRequestId, "X-Request-Id \(client.requestId) was already used by this key within the last \(Int(replayLedger.window)) seconds; use a fresh UUID for every request."))
        }
        return .success(client)
    }

    /// Every check but the replay check (which needs the ledger): pure, remembers nothing.
    public func verify(_ m: SignableMessage, keys: any ClientKeyDirectory, now: Date) -> Result<AuthenticatedClient, AuthFailure> {
        do throws(AuthFailure) {
            return .success(try check(m, keys: keys, now: now))
        } catch {
            return .failure(error)
        }
    }

    private func check(_ m: SignableMessage, keys: any ClientKeyDirectory, now: Date) throws(AuthFailure) -> AuthenticatedClient {
        let params = try signatureParameters(m.headers)

        guard let algorithm = params.algorithm else {
            throw AuthFailure(.unsupportedAlgorithm, "The Authorization header has no algorithm parameter; add algorithm=\"rsa-sha256\".")
        }
        guard algorithm.lowercased() == "rsa-sha256" else {
            throw AuthFailure(.unsupportedAlgorithm, "Signature algorithm \"\(CallerText.excerpt(algorithm))\" is not supported; sign with algorithm=\"rsa-sha256\".")
        }
        guard let keyIdRaw = params.keyId, !keyIdRaw.isEmpty else {
            throw AuthFailure(.malformedAuthorization, "The Authorization header has no keyId parameter; set keyId to the lowercase hex SHA-256 of your client public key (DER SubjectPublicKeyInfo).")
        }
        guard let signatureText = params.signature, !signatureText.isEmpty else {
            throw AuthFailure(.malformedAuthorization, "The Authorization header has no signature parameter.")
        }

        // Required signed headers (the EWP API Validator leaves each out in turn); extra names and
        // any order are fine.
        let listed = params.headerNames
        do { try SigningString.checkList(listed) } catch {
            throw AuthFailure(.malformedAuthorization, "Refused: \(error.explanation).")
        }
        var missing = Self.requiredHeaders.filter { !listed.contains($0) }
        if !listed.contains("date") && !listed.contains("original-date") { missing.append("date (or original-date)") }
        guard missing.isEmpty else {
            let given = params.hasHeadersParameter ? "headers=\"\(CallerText.excerpt(listed.joined(separator: " "), limit: 200))\"" : "no headers parameter (which means just \"date\")"
            throw AuthFailure(.missingRequiredHeaders, "The signature must cover (request-target), host, date or original-date, digest and x-request-id; it is missing \(missing.joined(separator: ", ")) (you sent \(given)).")
        }

        // Every listed header must be in the request (checked by the EWP API Validator).
        let absent = listed.filter { $0 != "(request-target)" && Headers.values($0, in: m.headers).isEmpty }
        guard absent.isEmpty else {
            throw AuthFailure(.signedHeaderAbsent, "The signature lists header(s) \(CallerText.excerpt(absent.joined(separator: ", "), limit: 200)) which the request does not contain; send every header named in the headers parameter.")
        }

        // Host must be ours.
        let host = Headers.combined("host", in: m.headers) ?? ""
        guard expectedHosts.contains(Self.normalizedHost(host)) else {
            let ours = expectedHosts.sorted().joined(separator: ", ")
            throw AuthFailure(.hostMismatch, "Host \"\(CallerText.excerpt(host))\" is not served here; send the request to (and sign the Host header of) one of: \(ours.isEmpty ? "(none configured)" : ours).")
        }

        // Key: a registered client key (403 otherwise, checked by the EWP API Validator).
        let keyId = keyIdRaw.lowercased()
        guard let key = keys.clientKey(keyId: keyId) else {
            if keys.isServerKey(keyId: keyId) {
                throw AuthFailure(.serverKeyUsed, "keyId \(CallerText.excerpt(keyId)) is registered only as a server key (server-credentials-in-use); sign requests with a key listed in your manifest's client-credentials-in-use.")
            }
            throw AuthFailure(.unknownKey, "keyId \(CallerText.excerpt(keyId)) is not a client key in the EWP Registry catalogue; publish it in your manifest's client-credentials-in-use and wait for the Registry to pick it up (keyId must be the lowercase hex SHA-256 of the DER SubjectPublicKeyInfo).")
        }

        // Dates: every date header that is signed, within the window (checked by the EWP API
        // Validator).
        for name in ["date", "original-date"] where listed.contains(name) {
            try checkDate(name, m.headers, now: now)
        }

        // X-Request-Id: canonical lowercase UUID (checked by the EWP API Validator).
        let requestId = Headers.combined("x-request-id", in: m.headers) ?? ""
        guard RequestId.isCanonical(requestId) else {
            throw AuthFailure(.badRequestId, "X-Request-Id \"\(CallerText.excerpt(requestId))\" is not a UUID in canonical lowercase form (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx); send a fresh random UUID per request.")
        }

        // Signature (checked by the EWP API Validator).
        let signingString: String
        do {
            signingString = try SigningString.build(headerNames: listed, method: m.method, target: m.target, headers: m.headers)
        } catch .tooLong(let size) {
            throw AuthFailure(.malformedAuthorization, "The signed headers add up to a \(size)-byte signing string; at most \(SigningString.maxBytes) bytes are accepted. Sign fewer or shorter headers.")
        } catch {
            throw AuthFailure(.signedHeaderAbsent, "The signature lists a header the request does not contain.")
        }
        guard let signatureBytes = Base64.decode(signatureText) else {
            throw AuthFailure(.malformedAuthorization, "The signature parameter is not valid base64.")
        }
        guard key.verifySHA256(signature: signatureBytes, message: Array(signingString.utf8)) else {
            throw AuthFailure(.badSignature, "The RSA-SHA256 signature does not verify with the registered key \(keyId). We built this signing string (lines joined by \\n; long lines shortened here):\n\(Self.excerptLines(signingString))\nSign exactly these lines with the private key of that keyId, and do not change signed headers after signing.")
        }

        // Digest over the exact body bytes (the EWP API Validator's Digest checks).
        switch DigestHeader.check(Headers.values("digest", in: m.headers), body: m.body) {
        case .ok: break
        case .missingSHA256(let found):
            throw AuthFailure(.missingDigest, "The Digest header has no SHA-256 entry (found: \(found.isEmpty ? "none" : CallerText.excerpt(found.joined(separator: ", ")))); send Digest: SHA-256=<base64 of the SHA-256 of the body>.")
        case .mismatch(let expected, let received):
            throw AuthFailure(.digestMismatch, "Digest SHA-256=\(CallerText.excerpt(received)) does not match the body we received (\(m.body.count) bytes, SHA-256=\(expected)); compute the digest over the exact body bytes you send.")
        }

        return AuthenticatedClient(keyId: keyId, heiIDs: keys.heis(coveredByClientKey: keyId).map(HEIID.init), requestId: requestId,
                                   signature: signatureText, signedHeaders: listed)
    }

    /// Finds the `Authorization: Signature …` header and parses its parameters.
    private func signatureParameters(_ headers: HTTPFields) throws(AuthFailure) -> SignatureParameters {
        let authorizations = Headers.values("authorization", in: headers)
        guard !authorizations.isEmpty else {
            throw AuthFailure(.missingAuthorization, "This endpoint requires HTTP Signature client authentication (ewp-specs-sec-cliauth-httpsig): send Authorization: Signature keyId=\"…\",algorithm=\"rsa-sha256\",headers=\"(request-target) host date digest x-request-id\",signature=\"…\".")
        }
        let signatures = authorizations.compactMap { value -> Substring? in
            let trimmed = Headers.trimmed(value)
            guard let space = trimmed.firstIndex(where: { $0 == " " || $0 == "\t" }),
                  trimmed[..<space].lowercased() == "signature" else { return nil }
            return trimmed[space...]
        }
        guard let rest = signatures.first else {
            let scheme = Headers.trimmed(authorizations[0]).split(separator: " ").first.map(String.init) ?? ""
            throw AuthFailure(.unsupportedScheme, "Authorization scheme \"\(CallerText.excerpt(scheme))\" is not supported here; use HTTP Signature client authentication (Authorization: Signature …, ewp-specs-sec-cliauth-httpsig).")
        }
        guard signatures.count == 1 else {
            throw AuthFailure(.malformedAuthorization, "The request carries more than one Authorization: Signature header; send exactly one.")
        }
        do {
            return try SignatureParameters.parse(String(rest))
        } catch {
            throw AuthFailure(.malformedAuthorization, "Cannot parse the Authorization: Signature parameters (\(error.detail)); expected keyId=\"…\",algorithm=\"rsa-sha256\",headers=\"…\",signature=\"…\".")
        }
    }

    private func checkDate(_ name: String, _ headers: HTTPFields, now: Date) throws(AuthFailure) {
        let display = name == "date" ? "Date" : "Original-Date"
        let value = Headers.combined(name, in: headers) ?? ""
        guard let date = HTTPDate.parse(value) else {
            throw AuthFailure(.badDate, "\(display) \"\(CallerText.excerpt(value))\" is not an RFC 1123 date in GMT such as \"\(HTTPDate.format(now))\".")
        }
        let skew = date.timeIntervalSince(now)
        guard abs(skew) <= window else {
            let direction = skew < 0 ? "behind" : "ahead of"
            throw AuthFailure(.dateOutOfWindow, "\(display) \"\(CallerText.excerpt(value))\" is \(Int(abs(skew))) seconds \(direction) our clock (\(HTTPDate.format(now))); the allowed difference is \(Int(window)) seconds. Synchronise your clock (NTP) and sign a fresh date.")
        }
    }

    /// The signing string for a developer-message: every line cut to a short excerpt (at most
    /// `SigningString.maxHeaderNames` lines, so a few kilobytes at most).
    static func excerptLines(_ signingString: String) -> String {
        signingString.split(separator: "\n", omittingEmptySubsequences: false).map { CallerText.excerpt($0, limit: 96) }.joined(separator: "\n")
    }

    static func normalizedHost(_ host: String) -> String {
        var h = Headers.trimmed(host).lowercased()
        if h.hasSuffix(":443") { h.removeLast(4) }
        if h.hasSuffix(".") { h.removeLast() }
        return h
    }
}
