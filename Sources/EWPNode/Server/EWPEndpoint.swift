import EWPAPIs
import EWPCore
import EWPHTTP
import EWPSecurity
import EWPXML
import Foundation
import HTTPTypes
import Hummingbird

/// The path every EWP API request takes: method → body → HTTP-signature authentication (with an
/// early catalogue refresh for an unknown key) → parameters → the API's handler → response signed
/// when asked. Every failure is an `EWPError` and becomes an `error-response` here.
extension NodeRuntime {
    /// Where the RSA work of EWP requests runs (verifying the request's signature, signing the
    /// answer), one thread per core. Not on Swift's cooperative pool, whose threads (also one per
    /// core) read and write every connection: there, a burst of signed requests held up the
    /// connections whose answers were ready, and the slowest requests waited several times as long
    /// as the median. Here the RSA jobs queue in arrival order.
    static let signatureThreads = WorkerThreadPool(threads: ProcessInfo.processInfo.activeProcessorCount, name: "ewp-httpsig")

    func serveEWP(_ request: Request, host: CoveredHost, endpoint: ServedEndpoint, api: ServedAPI) async -> Response {
        let method = request.method.rawValue
        let context = ResponseContext(
            method: method,
            target: request.head.path ?? request.uri.description,
            requestId: request.headers.values("X-Request-Id").first,
            requestSignature: RequestSignatureEcho.value(in: request.headers),
            wantsSignature: ResponseSigner.isRequested(acceptSignature: request.headers.values("Accept-Signature")),
            signer: host.responseSigner)

        let outcome: EWPOutcome
        do {
            outcome = .document(try await authenticatedCall(request, host: host, endpoint: endpoint, api: api))
        } catch {
            if let failure = error as? AuthFailure { metrics.recordSignatureFailure(failure.reason) }
            // Every step throws an EWPError (RouterError, AuthFailure, the handler's APIRequestError);
            // the fallback only keeps a future step's other error from going unanswered.
            outcome = .error(error as? any EWPError ?? APIRequestError(status: .internalServerError, "\(error)"))
        }
        let now = now()
        let answer: @Sendable () -> Response = {
            switch outcome {
            case .document(let document): XMLResponses.make(status: .ok, body: XMLWriter.document(document), context: context, now: now)
            case .error(let error): XMLResponses.error(error, context: context, now: now)
            }
        }
        let response = context.wantsSignature ? await Self.signatureThreads.run(answer) : answer()
        metrics.recordRequest(api: endpoint.label, status: Int(response.status.code))
        return response
    }

    private func authenticatedCall(_ request: Request, host: CoveredHost, endpoint: ServedEndpoint,
                                   api: ServedAPI) async throws -> XElement {
        let methods = endpoint.methods.map(\.http)
        guard methods.contains(request.method) else {
            throw RouterError.methodNotAllowed(request.method.rawValue, allowed: methods.map(\.rawValue))
        }
        let body: [UInt8]
        do {
            body = Array(try await request.body.collect(upTo: Self.maxRequestBody).readableBytesView)
        } catch {
            throw RouterError.bodyTooLarge(limit: Self.maxRequestBody)
        }

        var headers = request.headers
        if let authority = request.head.authority { headers.insert(HTTPField(name: .hostHeader, value: authority), at: 0) }
        let message = SignableMessage(method: request.method.rawValue, target: request.head.path ?? "/", headers: headers, body: body)

        guard let state = registry.snapshot() else {
            throw RouterError.noCatalogue
        }
        var outcome = await authenticate(message, keys: state.catalogue)
        if case .failure(let failure) = outcome, failure.reason == .unknownKey,
           await registry.refreshForUnknownKey(), let fresh = registry.snapshot() {
            // A partner's new key reaches us only through the catalogue: look again once, rate-limited.
            outcome = await authenticate(message, keys: fresh.catalogue)
        }
        let client: AuthenticatedClient
        switch outcome {
        case .success(let authenticated): client = authenticated
        case .failure(let failure): throw failure
        }
        let parameters = endpoint.input == .parameters ? try parameters(of: request, body: body) : RequestParameters([])
        let call = APICall(servedHEI: host.heiID, requesterHEIs: client.heiIDs, endpoint: endpoint, parameters: parameters, body: body)
        return try await api.handle(call, apiServices)
    }

    /// `authenticator.authenticate` on a signature thread (it verifies an RSA signature).
    private func authenticate(_ message: SignableMessage, keys: any ClientKeyDirectory) async -> Result<AuthenticatedClient, AuthFailure> {
        let authenticator = authenticator, stamp = now()
        // RSA work on the signature threads, off the event loops; the replay ledger (the store) after.
        let verified = await Self.signatureThreads.run { authenticator.verify(message, keys: keys, now: stamp) }
        return await authenticator.recordFirstSighting(verified, now: stamp)
    }

    /// GET: the query string. POST: the form body only (the query is ignored, as the EWP API
    /// Validator checks).
    private func parameters(of request: Request, body: [UInt8]) throws(RouterError) -> RequestParameters {
        if request.method == .get {
            let target = request.head.path ?? ""
            guard let question = target.firstIndex(of: "?") else { return RequestParameters([]) }
            return RequestParameters(FormURLEncoding.decode(String(target[target.index(after: question)...])))
        }
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        let mediaType = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        if body.isEmpty && mediaType.isEmpty { return RequestParameters([]) }
        guard mediaType == "application/x-www-form-urlencoded" else {
            throw .unsupportedMediaType(contentType)
        }
        guard let text = String(validating: body, as: UTF8.self) else {
            throw .formNotUTF8
        }
        return RequestParameters(FormURLEncoding.decode(text))
    }
}

/// What an EWP request came to: the handler's document, or the error to answer with.
private enum EWPOutcome: Sendable {
    case document(XElement)
    case error(any EWPError)
}

extension ServedEndpoint.Method {
    var http: HTTPRequest.Method {
        switch self {
        case .get: .get
        case .post: .post
        }
    }
}
