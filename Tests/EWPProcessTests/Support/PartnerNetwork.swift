// A network of real `ewp-node serve` processes and fake partner hosts (Scripts/fake_partner.py), all
// on 127.0.0.1 over plain HTTP, with a test registry (Scripts/test_registry.py) serving a catalogue
// (Scripts/build_catalogue.py) that lists the node's HEIs and the partners. For process tests of
// everything that talks to partners (CNRs, pulls, index-sync).
//
//     try await PartnerNetwork.run(partners: [PartnerSpec(hei: "partner-a.test")]) { net in
//         try await net.partner(0).script(path: "/iia-cnr", responses: ["500", "500"])
//         ...
//     }
//
// or once for a suite with the `.partnerNetwork(...)` trait and `try requirePartnerNetwork()`.
// Files (keys, catalogue, databases, logs) live in one temporary directory, removed after a clean
// run and kept (the path printed) after a failure or with EWP_E2E_KEEP set.
import EWPCrypto
import EWPHTTP
import EWPNode
import EWPTestSupport
import Foundation
import Synchronization
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Where the nodes of a partner network keep their data: a SQLite file in the network's folder, or
/// a new database of the test process's PostgreSQL cluster (`PostgresTestCluster`).
enum NetworkDatabase: String, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    /// SQLite always; PostgreSQL where installed (or required: EWP_REQUIRE_POSTGRES=1), else skipped
    /// with a line saying so.
    static let all: [NetworkDatabase] = [.sqlite] + (PostgresTestCluster.runs("the process tests of nodes") ? [.postgres] : [])

    var testDescription: String { rawValue }

    /// A new `EWP_DATABASE` value: the SQLite file `name` in `directory`, or a new PostgreSQL database.
    func makeURL(directory: String, name: String) throws -> String {
        switch self {
        case .sqlite: return "sqlite:\(directory)/data/\(name).sqlite"
        case .postgres:
            let cluster = try PostgresTestCluster.shared()
            return cluster.url(database: try cluster.makeDatabase())
        }
    }
}

/// One fake partner host to start: one HEI, its API entries (nil: every API fake_partner.py knows).
struct PartnerSpec: Sendable {
    var hei: String
    var apis: [String]?
    var name: String?

    init(hei: String, apis: [String]? = nil, name: String? = nil) {
        self.hei = hei
        self.apis = apis
        self.name = name
    }
}

final class PartnerNetwork: Sendable {
    @TaskLocal static var current: PartnerNetwork?

    let directory: String
    /// The HEIs every node covers (all nodes are replicas of one deployment: same keys, same HEIs).
    let heis: [String]
    let nodes: [NodeHandle]
    let partners: [FakePartner]
    let registry: ManagedProcess
    let registryURL: String
    let cataloguePath: String
    let catalogue: [UInt8]
    /// Server keys as the catalogue lists them (the same-host rule), for verifying responses.
    let catalogueKeys: CatalogueServerKeys
    let http: CurlClient

    private init(directory: String, heis: [String], nodes: [NodeHandle], partners: [FakePartner], registry: ManagedProcess,
                 registryURL: String, cataloguePath: String, catalogue: [UInt8], catalogueKeys: CatalogueServerKeys, http: CurlClient) {
        self.directory = directory
        self.heis = heis
        self.nodes = nodes
        self.partners = partners
        self.registry = registry
        self.registryURL = registryURL
        self.cataloguePath = cataloguePath
        self.catalogue = catalogue
        self.catalogueKeys = catalogueKeys
        self.http = http
    }

    func node(_ i: Int) -> NodeHandle { nodes[i] }
    func partner(_ i: Int) -> FakePartner { partners[i] }
    func partner(hei: String) -> FakePartner? { partners.first { $0.hei == hei } }

    /// Restarts node `i` (after a kill or a stop) on the same port, database and keys; waits until ready.
    func restartNode(_ i: Int, timeout: Duration = .seconds(60)) async throws {
        try await nodes[i].restart(http: http, timeout: timeout)
    }

    // MARK: - start

    /// Builds and starts everything; on any failure stops what was started and throws with its logs.
    ///
    /// - nodes: how many `ewp-node serve` processes; all cover `heis` with the same keys (replicas
    ///   of one deployment). The catalogue lists node 0's manifests; node i answers under its own
    ///   base URL (`EWP_PUBLIC_URL` = http://127.0.0.1:<its port>), which `node(i).manifest(hei:)` shows.
    /// - sharedDatabase: one database for all nodes (else one per node).
    /// - database: SQLite files or PostgreSQL databases.
    /// - oneHEIPerNode: node i covers heis[i] alone, with its own database, and every node's manifest
    ///   is in the catalogue: separate institutions, each with its own node (needs heis.count == nodes).
    /// - nodeEnvironment: extra `EWP_*` settings (they win over the harness's).
    /// Tried again with new ports when a child could not bind its port (`retryingOnPortClash`).
    static func start(partners specs: [PartnerSpec], nodes nodeCount: Int = 1, heis: [String] = ["node.test.example"],
                      sharedDatabase: Bool = true, oneHEIPerNode: Bool = false, database: NetworkDatabase = .sqlite,
                      nodeEnvironment: [String: String] = [:]) async throws -> PartnerNetwork {
        try await retryingOnPortClash {
            try await startOnce(partners: specs, nodes: nodeCount, heis: heis, sharedDatabase: sharedDatabase,
                                oneHEIPerNode: oneHEIPerNode, database: database, nodeEnvironment: nodeEnvironment)
        }
    }

    private static func startOnce(partners specs: [PartnerSpec], nodes nodeCount: Int, heis: [String], sharedDatabase: Bool,
                                  oneHEIPerNode: Bool, database: NetworkDatabase, nodeEnvironment: [String: String]) async throws -> PartnerNetwork {
        precondition(nodeCount >= 1 && !heis.isEmpty, "a partner network needs at least one node and one HEI")
        precondition(!oneHEIPerNode || heis.count == nodeCount, "oneHEIPerNode needs one HEI per node")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ewp-partners-\(UUID().uuidString.prefix(8))").path
        for sub in ["keys", "partners", "manifests", "data", "logs"] {
            try FileManager.default.createDirectory(atPath: "\(directory)/\(sub)", withIntermediateDirectories: true)
        }
        let http = CurlClient(maxConnectionsPerHost: 16, connectTimeout: .seconds(5))
        let started = StartedProcesses()
        do {
            return try await build(directory: directory, specs: specs, nodeCount: nodeCount, heis: heis,
                                   sharedDatabase: sharedDatabase && !oneHEIPerNode, oneHEIPerNode: oneHEIPerNode, database: database,
                                   nodeEnvironment: nodeEnvironment, http: http, started: started)
        } catch {
            var message = "\(error)"
            for p in started.all.reversed() {
                await p.stop()
                message += "\n--- \(p.name) log (\(p.logPath)):\n\(p.logTail())"
            }
            http.shutdown()
            throw E2EError("partner network set-up failed: \(message)\n(files kept in \(directory))")
        }
    }

    private static func build(directory: String, specs: [PartnerSpec], nodeCount: Int, heis: [String], sharedDatabase: Bool,
                              oneHEIPerNode: Bool, database: NetworkDatabase, nodeEnvironment: [String: String], http: CurlClient,
                              started: StartedProcesses) async throws -> PartnerNetwork {
        let binary = try E2EPaths.nodeBinary()
        let python = try absoluteExecutable(E2EPaths.python)
        let cataloguePath = "\(directory)/catalogue-v1.xml"
        var ports: [Int] = []
        while ports.count < nodeCount {
            let port = try LoopbackPorts.free()
            if !ports.contains(port) { ports.append(port) }
        }

        // 1. Keys: the node's (`ewp-node keys generate`), each partner's client and server key (openssl).
        var baseEnvironment = nodeBaseEnvironment()
        baseEnvironment["EWP_KEYS_DIR"] = "\(directory)/keys"
        baseEnvironment["EWP_HEIS"] = heis.joined(separator: ",")
        baseEnvironment["EWP_ADMIN_EMAIL"] = "ewp-admin@\(heis[0])"
        baseEnvironment["EWP_REGISTRY_REFRESH"] = "300"
        if FileManager.default.fileExists(atPath: E2EPaths.repo + "/Schemas") { baseEnvironment["EWP_SCHEMAS_DIR"] = E2EPaths.repo + "/Schemas" }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { [baseEnvironment] in
                try await runCommandAsync(binary, ["keys", "generate"], environment: baseEnvironment, currentDirectory: directory)
            }
            for i in specs.indices {
                for role in ["client", "server"] {
                    group.addTask {
                        try await runCommandAsync("openssl", ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048",
                                                              "-out", "\(directory)/partners/\(i)-\(role).key.pem"])
                    }
                }
            }
            try await group.waitForAll()
        }

        // 2. The fake partners: they bind first, then write their manifests (their URLs carry the port).
        var partners: [FakePartner] = []
        for (i, spec) in specs.enumerated() {
            let manifestPath = "\(directory)/manifests/partner-\(i).xml"
            var arguments = ["\(E2EPaths.scripts)/fake_partner.py", "--hei", spec.hei, "--watch-parent",
                             "--server-key", "\(directory)/partners/\(i)-server.key.pem",
                             "--client-key", "\(directory)/partners/\(i)-client.key.pem",
                             "--catalogue", cataloguePath, "--manifest-out", manifestPath]
            if let apis = spec.apis { arguments += ["--apis", apis.joined(separator: ",")] }
            if let name = spec.name { arguments += ["--name", name] }
            let process = try ManagedProcess(name: "partner-\(i) (\(spec.hei))", executable: python, arguments: arguments,
                                             environment: ProcessInfo.processInfo.environment, currentDirectory: directory,
                                             logPath: "\(directory)/logs/partner-\(i).log")
            started.add(process)
            partners.append(try FakePartner(index: i, hei: spec.hei, process: process, http: http,
                                            clientKeyPath: "\(directory)/partners/\(i)-client.key.pem",
                                            serverKeyPath: "\(directory)/partners/\(i)-server.key.pem", manifestPath: manifestPath))
        }
        for partner in partners {
            try await partner.waitUntilListening()
        }

        // 3. Each node's manifests, exactly as served under its own base URL.
        let heisOfNode: (Int) -> [String] = { oneHEIPerNode ? [heis[$0]] : heis }
        var nodeManifests: [[String: HostManifest]] = []
        for (i, port) in ports.enumerated() {
            var environment = baseEnvironment
            environment["EWP_PUBLIC_URL"] = "http://127.0.0.1:\(port)"
            environment["EWP_HEIS"] = heisOfNode(i).joined(separator: ",")
            var manifests: [String: HostManifest] = [:]
            for hei in heisOfNode(i) {
                let document = try await runCommandAsync(binary, ["manifest", "--hei", hei], environment: environment,
                                                         currentDirectory: directory).stdout
                manifests[hei] = try HostManifest(document)
            }
            nodeManifests.append(manifests)
        }
        var manifestPaths: [String] = []
        for (i, hei) in heis.enumerated() {
            let path = "\(directory)/manifests/node-\(hei).xml"
            _ = FileManager.default.createFile(atPath: path, contents: Data(nodeManifests[oneHEIPerNode ? i : 0][hei]!.document))
            manifestPaths.append(path)
        }

        // 4. The catalogue (node 0's manifests + the partners'), served by the test registry.
        try await runCommandAsync(python, ["\(E2EPaths.scripts)/build_catalogue.py"]
            + (manifestPaths + partners.map(\.manifestPath)).flatMap { ["--manifest", $0] } + ["--out", cataloguePath])
        let catalogue = [UInt8](try Data(contentsOf: URL(fileURLWithPath: cataloguePath)))
        let registry = try ManagedProcess(
            name: "registry", executable: python,
            arguments: ["\(E2EPaths.scripts)/test_registry.py", "--catalogue", cataloguePath, "--port", "0"],
            environment: ProcessInfo.processInfo.environment, currentDirectory: directory, logPath: "\(directory)/logs/registry.log")
        started.add(registry)
        let registryURL = "http://127.0.0.1:\(try await firstLineNumber(of: registry, timeout: .seconds(30)))/catalogue-v1.xml"

        // 5. The nodes, started together, each ready when /health/ready says 200.
        var nodes: [NodeHandle] = []
        let shared = sharedDatabase ? try database.makeURL(directory: directory, name: "shared") : nil
        for (i, port) in ports.enumerated() {
            var environment = baseEnvironment
            environment["EWP_LISTEN"] = "127.0.0.1:\(port)"
            environment["EWP_PUBLIC_URL"] = "http://127.0.0.1:\(port)"
            environment["EWP_REGISTRY_URL"] = registryURL
            environment["EWP_DATABASE"] = try shared ?? database.makeURL(directory: directory, name: "node-\(i)")
            environment["EWP_HEIS"] = heisOfNode(i).joined(separator: ",")
            environment.merge(nodeEnvironment) { _, extra in extra }
            let node = try NodeHandle(index: i, port: port, binary: binary, environment: environment, directory: directory,
                                      manifests: nodeManifests[i], keysDirectory: "\(directory)/keys")
            started.add(node.process)
            nodes.append(node)
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for node in nodes {
                group.addTask { try await waitUntilReady(url: node.baseURL + "/health/ready", process: node.process, http: http, timeout: .seconds(60)) }
            }
            try await group.waitForAll()
        }

        return PartnerNetwork(directory: directory, heis: heis, nodes: nodes, partners: partners, registry: registry,
                              registryURL: registryURL, cataloguePath: cataloguePath, catalogue: catalogue,
                              catalogueKeys: try CatalogueServerKeys(catalogue: catalogue), http: http)
    }

    // MARK: - stop

    /// Stops the nodes (SIGTERM: each still running must drain and exit 0), the partners and the
    /// registry. Returns the problems found (a node that did not exit 0, with its log).
    func shutdown() async -> [String] {
        var problems: [String] = []
        await withTaskGroup(of: String?.self) { group in
            for node in nodes {
                group.addTask {
                    let process = node.process
                    guard process.isRunning else { return nil }
                    let status = await process.stop(signal: SIGTERM, timeout: .seconds(20))
                    guard status != 0 || !process.exitedNormally else { return nil }
                    return "node \(node.index) did not exit 0 on SIGTERM (status \(status.map(String.init) ?? "killed")); log:\n\(process.logTail())"
                }
            }
            for partner in partners { group.addTask { await partner.process.stop(); return nil } }
            group.addTask { [registry] in await registry.stop(); return nil }
            for await problem in group { if let problem { problems.append(problem) } }
        }
        http.shutdown()
        return problems
    }

    func removeFiles() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// The tails of every log (nodes, partners, registry), for failure messages.
    func logs(_ maxBytes: Int = 3000) -> String {
        let processes = nodes.map(\.process) + partners.map(\.process) + [registry]
        return processes.map { "--- \($0.name) log (\($0.logPath)):\n\($0.logTail(maxBytes))" }.joined(separator: "\n")
    }

    /// Starts a network, runs `body` with it and always shuts it down. When `body` throws, the logs
    /// are attached to the error and the files kept.
    static func run<T: Sendable>(partners: [PartnerSpec], nodes: Int = 1, heis: [String] = ["node.test.example"],
                                 sharedDatabase: Bool = true, oneHEIPerNode: Bool = false, database: NetworkDatabase = .sqlite,
                                 nodeEnvironment: [String: String] = [:],
                                 _ body: (PartnerNetwork) async throws -> T) async throws -> T {
        let network = try await start(partners: partners, nodes: nodes, heis: heis, sharedDatabase: sharedDatabase,
                                      oneHEIPerNode: oneHEIPerNode, database: database, nodeEnvironment: nodeEnvironment)
        let result: T
        do {
            result = try await body(network)
        } catch {
            let logs = network.logs()
            for problem in await network.shutdown() { Issue.record(Comment(rawValue: problem)) }
            throw E2EError("\(error)\n(partner network files kept in \(network.directory))\n\(logs)")
        }
        await network.finish()
        return result
    }

    /// Shuts down, records the problems as issues, removes the files unless something failed or EWP_E2E_KEEP is set.
    func finish() async {
        let problems = await shutdown()
        for problem in problems { Issue.record(Comment(rawValue: problem)) }
        if !problems.isEmpty || ProcessInfo.processInfo.environment["EWP_E2E_KEEP"] != nil {
            print("partner network files kept in \(directory)")
        } else {
            removeFiles()
        }
    }
}

/// The processes started so far, for the clean-up of a failed start.
private final class StartedProcesses: Sendable {
    private let list = Mutex<[ManagedProcess]>([])
    func add(_ process: ManagedProcess) { list.withLock { $0.append(process) } }
    var all: [ManagedProcess] { list.withLock { $0 } }
}

// MARK: - the suite trait

/// Starts one partner network for the suite it is attached to, and always shuts it down afterwards.
struct PartnerNetworkTrait: SuiteTrait, TestScoping {
    var partners: [PartnerSpec]
    var nodes = 1
    var heis = ["node.test.example"]
    var sharedDatabase = true
    var database = NetworkDatabase.sqlite
    var nodeEnvironment: [String: String] = [:]

    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        let network = try await PartnerNetwork.start(partners: partners, nodes: nodes, heis: heis, sharedDatabase: sharedDatabase,
                                                     database: database, nodeEnvironment: nodeEnvironment)
        do {
            try await PartnerNetwork.$current.withValue(network) { try await function() }
        } catch {
            print(network.logs())
            for problem in await network.shutdown() { Issue.record(Comment(rawValue: problem)) }
            print("partner network files kept in \(network.directory)")
            throw error
        }
        await network.finish()
    }
}

extension Trait where Self == PartnerNetworkTrait {
    /// Runs the suite against one partner network (see PartnerNetwork.start).
    static func partnerNetwork(partners: [PartnerSpec], nodes: Int = 1, heis: [String] = ["node.test.example"],
                               sharedDatabase: Bool = true, database: NetworkDatabase = .sqlite,
                               nodeEnvironment: [String: String] = [:]) -> Self {
        Self(partners: partners, nodes: nodes, heis: heis, sharedDatabase: sharedDatabase, database: database, nodeEnvironment: nodeEnvironment)
    }
}

func requirePartnerNetwork() throws -> PartnerNetwork {
    try #require(PartnerNetwork.current, "the partner network is not running (set-up failed?)")
}
