import EWPClient
import EWPCore
import EWPRegistry
import EWPXML
import Foundation

/// Finds a partner's endpoints in the registry catalogue and calls them with the right one of our
/// covered HEIs' keys, through the one EWP client. Every failed call that is the partner's problem
/// is told to `observer` (the Monitoring API reporter), whoever made the call.
public struct PartnerDirectory: Sendable {
    public let registry: RegistryClient
    private let clients: [HEIID: EWPClient]   // local HEI → client signing with its key
    private let observer: (any PartnerCallObserver)?

    public init(registry: RegistryClient, clients: [HEIID: EWPClient], observer: (any PartnerCallObserver)? = nil) {
        self.registry = registry
        self.clients = clients
        self.observer = observer
    }

    /// The same directory with `observer` told of failed calls.
    public func observed(by observer: (any PartnerCallObserver)?) -> PartnerDirectory {
        PartnerDirectory(registry: registry, clients: clients, observer: observer)
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

    /// Calls `urlElement` of `partnerHEI`'s entry (GET, or a form POST) as `localHEI`.
    public func call(_ method: Method, entry: APIEntry, keys: EndpointServerKeys, urlElement: String, localHEI: HEIID, partnerHEI: HEIID,
                     parameters: [(String, String)]) async -> Result<EWPCallResult, CallFailure> {
        await send(entry: entry, urlElement: urlElement, localHEI: localHEI, partnerHEI: partnerHEI) { client, url, serverAuth in
            switch method {
            case .get: try await client.get(url, parameters: parameters, keys: keys, serverAuth: serverAuth)
            case .postForm: try await client.postForm(url, parameters: parameters, keys: keys, serverAuth: serverAuth)
            }
        }
    }

    /// POSTs a raw XML `body` (signed, covered by Digest) to `urlElement` of `partnerHEI`'s entry as
    /// `localHEI` (OMobility LAs `update`).
    public func postXML(entry: APIEntry, keys: EndpointServerKeys, urlElement: String, localHEI: HEIID, partnerHEI: HEIID,
                        body: [UInt8]) async -> Result<EWPCallResult, CallFailure> {
        await send(entry: entry, urlElement: urlElement, localHEI: localHEI, partnerHEI: partnerHEI) { client, url, serverAuth in
            try await client.postXML(url, body: body, keys: keys, serverAuth: serverAuth)
        }
    }

    /// Tells the observer that `partnerHEI` publishes none of `candidates` although it is expected
    /// to: it notified us of a change that only such an API lets us fetch.
    public func expectedAPIMissing(_ candidates: [APIReference], urlElement: String, localHEI: HEIID, partnerHEI: HEIID) {
        guard let observer, let name = candidates.first?.name else { return }
        observer.callFailed(PartnerCallFailure(localHEI: localHEI, partnerHEI: partnerHEI, apiName: name, urlElement: urlElement,
                                               problem: .notInCatalogue(Self.noEndpoint(candidates, partnerHEI: partnerHEI))))
    }

    private func send(entry: APIEntry, urlElement: String, localHEI: HEIID, partnerHEI: HEIID,
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
            if let observer, let problem = PartnerCallFailure.problem(error) {
                observer.callFailed(PartnerCallFailure(localHEI: localHEI, partnerHEI: partnerHEI, apiName: entry.name, urlElement: urlElement,
                                                       problem: problem))
            }
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
        case .malformedXML, .invalidXML: return .refused(error.description)
        }
    }
}
