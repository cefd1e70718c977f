internal import CLibXML2
import Synchronization

/// Process-wide libxml2 set-up. Every entry point of EWPXML runs `XMLSetup.ensureInitialized()`
/// itself, so calling `configure` is only needed to add a global XML catalog.
public enum XMLSetup {
    /// Runs the one-time initialisation (idempotent, thread-safe) and, if `catalogPath` is given
    /// and was not loaded before, adds that OASIS catalog to libxml2's global catalog list.
    /// Call it at start-up, before other threads use libxml2.
    ///
    /// Note: libxml2's global catalog list is first-match-wins and process-wide. Code that must
    /// resolve against ONE specific catalog (e.g. tests comparing our schemas with the official
    /// ones) should pass `catalogPath:` to `XSDSchema` instead, which takes precedence.
    public static func configure(catalogPath: String?) {
        ensureInitialized()
        guard let catalogPath else { return }
        loadedGlobalCatalogs.withLock { loaded in
            guard !loaded.contains(catalogPath) else { return }
            let collector = ErrorCollector()
            // Under the compiler's lock: no schema compilation reads the global list meanwhile.
            let rc = SchemaCompiler.withCatalogLock {
                (try? collector.capturing { xmlLoadCatalog(catalogPath) }) ?? -1
            }
            if rc == 0 { loaded.insert(catalogPath) }
        }
    }

    /// Paths of the catalogs `configure` has added to the global list.
    public static var globalCatalogs: Set<String> { loadedGlobalCatalogs.withLock { $0 } }

    static func ensureInitialized() { _ = once }

    /// A Swift `static let` initialiser runs exactly once, thread-safely.
    /// - `xmlSchemaInitTypes` must be called eagerly: the lazy call inside `xmlSchemaParse` is not
    ///   thread-safe (libxml2 issue 930).
    /// - Only catalogs configured by the application are used; `<?oasis-xml-catalog?>` processing
    ///   instructions in received documents are ignored. The catalog subsystem is initialised
    ///   here, once: its lazy initialisation (creating its mutex) is not thread-safe in libxml2.
    /// - Our external-entity loader is installed in front of whatever loader was there (it chains).
    /// - libxml2 never prints: every EWPXML operation collects its messages (`ErrorCollector`),
    ///   and outside those a silent structured handler is the default, for this thread and for
    ///   every thread that starts using libxml2 later (libxml2 keeps handlers per thread).
    private static let once: Void = {
        xmlInitParser()
        xmlSchemaInitTypes()
        xmlInitializeCatalog()
        xmlCatalogSetDefaults(XML_CATA_ALLOW_GLOBAL)
        xmlThrDefSetStructuredErrorFunc(nil, ignoreStructuredError)
        xmlSetStructuredErrorFunc(nil, ignoreStructuredError)
        EntityLoader.install()
    }()

    private static let loadedGlobalCatalogs = Mutex<Set<String>>([])
}

/// The default handler outside EWPXML operations: drop the message (never stderr).
let ignoreStructuredError: xmlStructuredErrorFunc = { _, _ in }
