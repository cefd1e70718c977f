// Partner network: one `ewp-node serve` process (restartable on the same port and database) and the
// manifests of its covered HEIs, parsed so that tests find endpoint URLs by API.
import EWPCrypto
import EWPHTTP
import EWPNode
import EWPStore
import EWPStoreOpener
import EWPXML
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

final class NodeHandle: Sendable {
    let index: Int
    let port: Int
    /// http://127.0.0.1:<port> (also its EWP_PUBLIC_URL).
    let baseURL: String
    /// The `EWP_*` environment it runs with (EWP_DATABASE, EWP_KEYS_DIR, ... and the test's extras).
    let environment: [String: String]
    /// Its covered HEIs' manifests, exactly as `ewp-node manifest --hei` printed them.
    let manifests: [String: HostManifest]
    let keysDirectory: String
    private let binary: String
    private let directory: String
    private let current: Mutex<(process: ManagedProcess, runs: Int)>
    private let opened = Mutex<(any Store)?>(nil)

    init(index: Int, port: Int, binary: String, environment: [String: String], directory: String,
         manifests: [String: HostManifest], keysDirectory: String) throws {
        self.index = index
        self.port = port
        self.baseURL = "http://127.0.0.1:\(port)"
        self.environment = environment
        self.manifests = manifests
        self.keysDirectory = keysDirectory
        self.binary = binary
        self.directory = directory
        let process = try Self.spawn(index: index, run: 1, binary: binary, environment: environment, directory: directory)
        current = Mutex((process, 1))
    }

    /// The running (or last) `ewp-node serve` process: `process.stop(signal:)` kills it with any signal.
    var process: ManagedProcess { current.withLock { $0.process } }

    /// The SQLite file of EWP_DATABASE.
    var databasePath: String {
        let setting = environment["EWP_DATABASE"] ?? ""
        return setting.hasPrefix("sqlite:") ? String(setting.dropFirst("sqlite:".count)) : setting
    }

    /// Its database (EWP_DATABASE, SQLite or PostgreSQL), opened once by the test as another process
    /// would open it.
    func store() async throws -> any Store {
        if let store = opened.withLock({ $0 }) { return store }
        let store = try await StoreOpener.open(environment["EWP_DATABASE"] ?? "")
        return opened.withLock { existing in
            if let existing { return existing }
            existing = store
            return store
        }
    }

    /// The manifest of a covered HEI (default: the first).
    func manifest(hei: String? = nil) -> HostManifest {
        manifests[hei ?? manifests.keys.sorted()[0]]!
    }

    /// The key pairs of a covered HEI, as `ewp-node keys generate` wrote them.
    func keys(hei: String) throws -> HostKeys {
        try HostKeys.load(heiID: hei, keysDirectory: keysDirectory)
    }

    /// The tail of the current run's log (each run logs to its own file: node-<i>.run<n>.log).
    func logTail(_ maxBytes: Int = 4000) -> String { process.logTail(maxBytes) }

    /// Starts the node again on the same port, database and keys (the old process must have ended,
    /// else it is killed first) and waits until /health/ready answers 200. `changing` sets (or, with
    /// nil, removes) settings for this run only.
    func restart(http: CurlClient, timeout: Duration = .seconds(60), changing: [String: String?] = [:]) async throws {
        let old = process
        if old.isRunning { await old.stop(signal: SIGKILL) }
        let run = current.withLock { $0.runs } + 1
        var environment = self.environment
        for (key, value) in changing { environment[key] = value }
        let fresh = try Self.spawn(index: index, run: run, binary: binary, environment: environment, directory: directory)
        current.withLock { $0 = (fresh, run) }
        try await waitUntilReady(url: baseURL + "/health/ready", process: fresh, http: http, timeout: timeout)
    }

    private static func spawn(index: Int, run: Int, binary: String, environment: [String: String], directory: String) throws -> ManagedProcess {
        try ManagedProcess(name: "node-\(index)" + (run > 1 ? " (run \(run))" : ""), executable: binary, arguments: ["serve"],
                           environment: environment, currentDirectory: directory,
                           logPath: "\(directory)/logs/node-\(index).run\(run).log")
    }
}

/// A Discovery v6 manifest, parsed: the API entries of its host, to find endpoint URLs by API.
struct HostManifest: Sendable {
    struct APIEntry: Sendable {
        var name: String
        var namespace: String
        var version: String?
        /// Child elements with text (url, get-url, max-iia-ids, ...), by local name.
        var values: [String: String]
    }

    static let discoveryNS = "https://github.com/erasmus-without-paper/ewp-specs-api-discovery/tree/stable-v6"
    static let registryNS = "https://github.com/erasmus-without-paper/ewp-specs-api-registry/tree/stable-v1"

    let document: [UInt8]
    let entries: [APIEntry]

    init(_ document: [UInt8]) throws {
        self.document = document
        let root = try XMLReader.parse(document)
        guard let apis = root.element("host", namespace: Self.discoveryNS)?.element("apis-implemented", namespace: Self.registryNS) else {
            throw E2EError("manifest has no host/apis-implemented:\n\(String(decoding: document.prefix(2000), as: UTF8.self))")
        }
        entries = apis.children.map { entry in
            var values: [String: String] = [:]
            for child in entry.children where child.children.isEmpty {
                values[child.name] = child.text.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            return APIEntry(name: entry.name, namespace: entry.namespace, version: entry.attribute("version"), values: values)
        }
    }

    /// The entries for API `name` (the entry element's local name, e.g. "echo", "iia-cnr"), optionally
    /// only those in `namespace` or whose version starts with `versionPrefix` ("2.").
    func entries(api name: String, namespace: String? = nil, versionPrefix: String? = nil) -> [APIEntry] {
        entries.filter { entry in
            entry.name == name && (namespace == nil || entry.namespace == namespace)
                && (versionPrefix == nil || entry.version?.hasPrefix(versionPrefix!) == true)
        }
    }

    /// The URL in element `element` ("url", "get-url", "index-url", ...) of the first matching entry.
    func url(api name: String, element: String = "url", namespace: String? = nil, versionPrefix: String? = nil) -> String? {
        entries(api: name, namespace: namespace, versionPrefix: versionPrefix).lazy.compactMap { $0.values[element] }.first
    }
}
