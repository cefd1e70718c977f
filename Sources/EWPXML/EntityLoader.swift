internal import CLibXML2
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// libxml2's external-entity loader (used for `xs:import` while compiling schemas; never for
/// received documents, which may not have a DOCTYPE at all). Order:
/// 1. the catalog explicitly given to the `XSDSchema` being compiled on THIS thread, if any
///    (an unmapped network URL then fails, without looking at the global catalogs);
/// 2. network URLs: only the global catalogs (`xmlNoNetExternalEntityLoader`), never the network;
/// 3. everything else (local files): the loader that was installed before ours (chaining, so
///    FoundationXML's loader keeps working if it was installed first).
enum EntityLoader {
    /// The loader in place before ours. Written once inside `install()` (run from a `static let`
    /// initialiser, hence before any concurrent use) and only read afterwards.
    nonisolated(unsafe) static var previous: xmlExternalEntityLoader?

    static func install() {
        previous = xmlGetExternalEntityLoader()
        xmlSetExternalEntityLoader(ewpExternalEntityLoader)
    }

    /// The explicit catalog of the schema compilation running on the current thread. A pthread
    /// key gives per-thread storage: compilations on other threads neither see nor disturb it.
    static let threadCatalogKey: pthread_key_t = {
        var key = pthread_key_t()
        precondition(pthread_key_create(&key, nil) == 0, "pthread_key_create failed")
        return key
    }()

    static func withThreadCatalog<T>(_ catalog: OpaquePointer?, _ body: () throws(XMLProblem) -> T) throws(XMLProblem) -> T {
        let key = threadCatalogKey
        let saved = pthread_getspecific(key)
        pthread_setspecific(key, catalog.map { UnsafeRawPointer($0) })
        defer { pthread_setspecific(key, saved) }
        return try body()
    }

    static var threadCatalog: OpaquePointer? {
        pthread_getspecific(threadCatalogKey).map { OpaquePointer($0) }
    }

    static func isNetwork(_ url: String) -> Bool {
        let lower = url.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("ftp://")
    }

    /// Resolves `url` (as system id, then as URI) in an explicit catalog; nil if not mapped.
    static func resolve(_ url: UnsafePointer<CChar>, in catalog: OpaquePointer) -> String? {
        let xmlURL = UnsafeRawPointer(url).assumingMemoryBound(to: xmlChar.self)
        var resolved = xmlACatalogResolve(catalog, nil, xmlURL)
        if resolved == nil { resolved = xmlACatalogResolveURI(catalog, xmlURL) }
        guard let resolved else { return nil }
        defer { ewp_xmlFree(resolved) }
        return String(cString: resolved)
    }
}

/// Global `let`: C function pointers cannot capture, and function pointers are Sendable.
let ewpExternalEntityLoader: xmlExternalEntityLoader = { url, id, ctxt in
    guard let url else { return EntityLoader.previous?(url, id, ctxt) }
    let isNetwork = EntityLoader.isNetwork(String(cString: url))
    if let catalog = EntityLoader.threadCatalog {
        if let local = EntityLoader.resolve(url, in: catalog) {
            return local.withCString { EntityLoader.previous?($0, id, ctxt) }
        }
        // Explicit-catalog mode is deterministic: an unmapped network URL is NOT looked up in
        // the global catalogs (which may map it elsewhere). libxml2 then reports the failed load.
        if isNetwork { return nil }
    }
    if isNetwork {
        // Resolves through the global catalogs; refuses http/ftp if nothing maps the URL.
        // (An unmapped https URL then fails as a missing file: libxml2 cannot fetch https.)
        return xmlNoNetExternalEntityLoader(url, id, ctxt)
    }
    return EntityLoader.previous?(url, id, ctxt)
}
