import EWPClient
import EWPCore
import EWPRegistry
import EWPXML
import Foundation

/// Finds a partner's endpoints in the registry catalogue and calls them with the right one of our
/// covered HEIs' keys, through the one EWP client.
public struct PartnerDirectory: Sendable {
    public let registry: RegistryClient
    private let clients: [HEIID: EWPClient]   // local HEI → client signing with its key

    public init(registry: RegistryClient, clients: [HEIID: EWPClient]) {
        self.registry = registry
        self.clients = clients
    }

    public enum Resolution: Sendable {
        case found(APIEntry, EndpointServerKeys)
        case failed(AttemptResult)
    }

    /// The partner's entry for `api`, or why there is none.
    public func resolve(_ api: APIReference, partnerHEI: HEIID, now: Date) -> Resolution {
        guard let state = registry.snapshot() else {
            return .failed(.deferred(until: now.addingTimeInterval(30)))
        }
        guard let entry = state.catalogue.endpoint(hei: partnerHEI, apiNamespace: api.namespace, apiName: api.name, majorVersion: api.majorVersion) else {
            return .failed(.noEndpoint("\(partnerHEI) publishes no \(api.name) v\(api.majorVersion) API in the registry catalogue"))
        }
        return .found(entry, state.catalogue.serverKeys(for: entry))
    }

    /// Calls `urlElement` of the entry (GET, or a form POST) as `localHEI`.
    public func call(_ method: Method, entry: APIEntry, keys: EndpointServerKeys, urlElement: String, localHEI: HEIID,
                     parameters: [(String, String)]) async -> Result<EWPCallResult, CallFailure> {
        await send(entry: entry, urlElement: urlElement, localHEI: localHEI) { client, url, serverAuth in
            switch method {
            case .get: try await client.get(url, parameters: parameters, keys: keys, serverAuth: serverAuth)
            case .postForm: try await client.postForm(url, parameters: parameters, keys: keys, serverAuth: serverAuth)
            }
        }
    }

    /// POSTs a raw XML `body` (signed, covered by Digest) to `urlElement` of the entry as `localHEI`
    /// (OMobility LAs `update`).
    public func postXML(entry: APIEntry, keys: EndpointServerKeys, urlElement: String, localHEI: HEIID,
                        body: [UInt8]) async -> Result<EWPCallResult, CallFailure> {
        await send(entry: entry, urlElement: urlElement, localHEI: localHEI) { client, url, serverAuth in
            try await client.postXML(url, body: body, keys: keys, serverAuth: serverAuth)
        }
    }

    private func send(entry: APIEntry, urlElement: String, localHEI: HEIID,
                      _ request: (EWPClient, String, ServerAuthentication) async throws -> EWPCallResult) async -> Result<EWPCallResult, CallFailure> {
        guard let client = clients[localHEI] else {
            return .failure(CallFailure(result: .impossible("\(localHEI) is not covered by this node (no keys to sign with)"), clientError: nil))
        }
        guard let url = entry.urls[urlElement] else {
            return .failure(CallFailure(result: .noEndpoint("the \(entry.name) entry has no \(urlElement)"), clientError: nil))
        }
        let serverAuth: ServerAuthentication = entry.serverAuthHTTPSig ? .httpSignature : .tlsCertificate
        do {
            return .success(try await request(client, url, serverAuth))
        } catch let error as EWPClientError {
            return .failure(CallFailure(result: Self.classify(error), clientError: error))
        } catch {
            return .failure(CallFailure(result: .transient("\(error)"), clientError: nil))
        }
    }

    public enum Method: Sendable { case get, postForm }

    public struct CallFailure: Error, Sendable {
        public let result: AttemptResult
        public let clientError: EWPClientError?
    }

    static func classify(_ error: EWPClientError) -> AttemptResult {
        switch error {
        case .invalidURL, .refusedURL: return .noEndpoint(error.description)
        case .transport: return .transient(error.description)
        case .unverifiedResponse: return .transient(error.description)
        case .httpStatus(_, let status, _, _): return DeliveryPolicy.classify(status: status, message: error.description)
        case .malformedXML: return .refused(error.description)
        }
    }
}
