import Foundation
import HTTPTypes
import EWPHTTP
import EWPXML

extension RegistryClient {
    /// One GET of the catalogue: 200 → validate, parse, install, persist; 304 → extend the lifetime of
    /// the served copy; anything else → failure, the served copy stays.
    func fetchOnce() async -> RefreshOutcome {
        let started = now()
        if let urlRefusal { return fail(at: started, urlRefusal) }
        let etag = state.withLock { $0.current?.etag }
        var headers: HTTPFields = [.accept: "application/xml"]
        if let etag { headers.append(HTTPField(name: .ifNoneMatch, value: etag)) }
        let response: InboundResponse
        do {
            response = try await http.send(OutboundRequest(method: "GET", url: url, headers: headers, timeout: fetchTimeout))
        } catch {
            return fail(at: started, "registry unreachable: \(error)")
        }
        if Task.isCancelled { return fail(at: started, "cancelled") }
        let received = now()
        let directives = CacheDirectives(headers: response.headers)
        switch response.status {
        case 304:
            return await revalidated(at: received, directives: directives, etag: response.header("ETag"))
        case 200:
            return await install(response.body, at: received, directives: directives, etag: response.header("ETag"),
                                 started: started)
        default:
            return fail(at: received, "registry answered HTTP \(response.status)")
        }
    }

    private func revalidated(at t: Date, directives: CacheDirectives, etag newETag: String?) async -> RefreshOutcome {
        let updated = state.withLock { s -> CatalogueState? in
            guard let current = s.current else { return nil }
            s.schedule.recordSuccess(at: t, directives: directives, policy: policy)
            let next = CatalogueState(catalogue: current.catalogue, fetchedAt: t, expiresAt: s.schedule.expiresAt ?? t,
                                      etag: newETag ?? current.etag, source: .registry)
            s.current = next
            return next
        }
        guard let updated else { return fail(at: t, "registry answered 304 but no catalogue is held") }
        logger.debug("registry: catalogue not modified", metadata: ["expiresAt": "\(updated.expiresAt)"])
        do {
            try await PersistedCatalogue.saveFreshness(to: store, url: url, etag: updated.etag,
                                                       fetchedAt: updated.fetchedAt, expiresAt: updated.expiresAt)
        } catch {
            logger.warning("registry: could not persist the catalogue's freshness", metadata: ["error": "\(error)"])
        }
        return .notModified
    }

    private func install(_ body: [UInt8], at t: Date, directives: CacheDirectives, etag: String?,
                         started: Date) async -> RefreshOutcome {
        if let schema {
            let problems = await XMLParseThreads.run(size: body.count) { schema.validate(body) }
            if !problems.isEmpty {
                let shown = problems.prefix(3).map(\.description).joined(separator: "; ")
                return fail(at: t, "catalogue rejected: not valid against catalogue.xsd (\(problems.count) problems): \(shown)")
            }
        }
        let catalogue: Catalogue
        switch await XMLParseThreads.run(size: body.count, { Result { try Catalogue.parse(body) } }) {
        case .success(let c): catalogue = c
        case .failure(let error): return fail(at: t, "catalogue rejected: \(error)")
        }
        let installed = state.withLock { s -> CatalogueState in
            s.schedule.recordSuccess(at: t, directives: directives, policy: policy)
            let next = CatalogueState(catalogue: catalogue, fetchedAt: t, expiresAt: s.schedule.expiresAt ?? t,
                                      etag: etag, source: .registry)
            s.current = next
            return next
        }
        logger.info("registry: catalogue updated", metadata: [
            "bytes": "\(body.count)", "hosts": "\(catalogue.hostCount)", "heis": "\(catalogue.heiCount)",
            "keys": "\(catalogue.keyCount)", "expiresAt": "\(installed.expiresAt)",
            "ms": "\(Int(now().timeIntervalSince(started) * 1000))"])
        let copy = PersistedCatalogue(bytes: body, url: url, etag: etag, fetchedAt: installed.fetchedAt,
                                      expiresAt: installed.expiresAt)
        do { try await copy.save(to: store) } catch {
            logger.warning("registry: could not persist the catalogue", metadata: ["error": "\(error)"])
        }
        return .updated
    }

    private func fail(at t: Date, _ reason: String) -> RefreshOutcome {
        let (failures, held) = state.withLock { s -> (Int, CatalogueState?) in
            s.schedule.recordFailure(at: t, reason: reason)
            return (s.schedule.consecutiveFailures, s.current)
        }
        guard let held else {
            // Nothing to fall back on: say so, or an operator reads "keeping" and thinks the node works.
            logger.warning("registry: refresh failed and there is no catalogue yet; the node cannot verify requests until the first refresh succeeds; set EWP_REGISTRY_URL to a reachable registry catalogue (catalogue-v1.xml)", metadata: [
                "reason": "\(reason)", "consecutiveFailures": "\(failures)", "url": "\(url)"])
            return .failed(reason)
        }
        logger.warning("registry: refresh failed; keeping the previous catalogue", metadata: [
            "reason": "\(reason)", "consecutiveFailures": "\(failures)", "servingStale": "\(t >= held.expiresAt)"])
        return .failed(reason)
    }
}
