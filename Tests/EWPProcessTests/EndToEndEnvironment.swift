// End-to-end environment: a test CA and TLS certificate (openssl CLI), the node's keys
// (`ewp-node keys generate`), test-client keys, a registry catalogue (Scripts/build_catalogue.py)
// served by Scripts/test_registry.py, the node (`ewp-node serve`) and nginx in front of it as the TLS
// terminator. Everything listens on 127.0.0.1, on ephemeral ports, in one temporary directory, and is
// stopped when the suite ends, whether it passed or not.
import EWPTestSupport
import Foundation
import Testing
import EWPCrypto
import EWPHTTP
import EWPSecurity
import EWPXML
#if canImport(Glibc)
import Glibc
#endif

final class E2EEnvironment: Sendable {
    static let nodeHEI = "e2e-node.example.org"
    static let validatorHEI = "validator.e2e.example.org"

    @TaskLocal static var current: E2EEnvironment?

    let directory: String
    let nginxPort: Int
    let nodePort: Int
    let publicURL: String          // https://127.0.0.1:<nginx>
    let hostHeader: String         // 127.0.0.1:<nginx>
    let caBundle: String
    let manifestURL: String        // from the manifest's own discovery entry
    let echoURL: String            // from the manifest's echo entry
    let manifestFromCLI: [UInt8]   // `ewp-node manifest --hei`
    let catalogue: [UInt8]
    let catalogueKeys: CatalogueServerKeys

    // Test-client keys (PEM files for httpsig.py, parsed keys for the Swift side).
    let validatorClientKeyPath: String
    let validatorServerKeyPath: String
    let randomKeyPath: String
    let validatorClientKey: RSAPrivateKey
    let validatorServerKey: RSAPrivateKey
    let randomKey: RSAPrivateKey
    let nodeServerKeyId: String
    let nodeClientKeyId: String

    let http: CurlClient
    let node: ManagedProcess
    let nginx: ManagedProcess
    let registry: ManagedProcess

    var validatorKeyId: String { validatorClientKey.publicKey.fingerprint }
    /// The path[?query] part of the echo URL, as signed in `(request-target)`.
    var echoPath: String { URL(string: echoURL)?.path ?? "/" }

    private init(directory: String, nginxPort: Int, nodePort: Int, caBundle: String, manifestURL: String,
                 echoURL: String, manifestFromCLI: [UInt8], catalogue: [UInt8], catalogueKeys: CatalogueServerKeys,
                 validatorClientKeyPath: String, validatorServerKeyPath: String, randomKeyPath: String,
                 nodeServerKeyId: String, nodeClientKeyId: String, http: CurlClient,
                 node: ManagedProcess, nginx: ManagedProcess, registry: ManagedProcess) throws {
        self.directory = directory
        self.nginxPort = nginxPort
        self.nodePort = nodePort
        self.publicURL = "https://127.0.0.1:\(nginxPort)"
        self.hostHeader = "127.0.0.1:\(nginxPort)"
        self.caBundle = caBundle
        self.manifestURL = manifestURL
        self.echoURL = echoURL
        self.manifestFromCLI = manifestFromCLI
        self.catalogue = catalogue
        self.catalogueKeys = catalogueKeys
        self.validatorClientKeyPath = validatorClientKeyPath
        self.validatorServerKeyPath = validatorServerKeyPath
        self.randomKeyPath = randomKeyPath
        self.validatorClientKey = try RSAPrivateKey(pem: try readText(validatorClientKeyPath))
        self.validatorServerKey = try RSAPrivateKey(pem: try readText(validatorServerKeyPath))
        self.randomKey = try RSAPrivateKey(pem: try readText(randomKeyPath))
        self.nodeServerKeyId = nodeServerKeyId
        self.nodeClientKeyId = nodeClientKeyId
        self.http = http
        self.node = node
        self.nginx = nginx
        self.registry = registry
    }

    /// Builds and starts everything; on any failure, stops what was started and rethrows.
    /// Starts the environment; tried again with new ports when a child could not bind its port
    /// (`retryingOnPortClash`).
    static func start() async throws -> E2EEnvironment {
        try await retryingOnPortClash { try await startOnce() }
    }

    private static func startOnce() async throws -> E2EEnvironment {
        let fm = FileManager.default
        let directory = fm.temporaryDirectory.appendingPathComponent("ewp-e2e-\(UUID().uuidString.prefix(8))").path
        for sub in ["tls", "keys", "client", "nginx", "data"] {
            try fm.createDirectory(atPath: "\(directory)/\(sub)", withIntermediateDirectories: true)
        }
        var started: [ManagedProcess] = []
        let http = CurlClient(maxConnectionsPerHost: 8, caBundlePath: "\(directory)/tls/ca.pem",
                              connectTimeout: .seconds(5))
        do {
            let env = try await build(directory: directory, http: http, started: &started)
            return env
        } catch {
            var message = "\(error)"
            for p in started.reversed() {
                await p.stop()
                message += "\n--- \(p.name) log (\(p.logPath)):\n\(p.logTail())"
            }
            http.shutdown()
            throw E2EError("end-to-end set-up failed: \(message)\n(files kept in \(directory))")
        }
    }

    private static func build(directory: String, http: CurlClient, started: inout [ManagedProcess]) async throws -> E2EEnvironment {
        let fm = FileManager.default
        let node = try E2EPaths.nodeBinary()
        let python = E2EPaths.python
        let tls = "\(directory)/tls"

        // 1. Test CA and a server certificate for 127.0.0.1 / localhost.
        try await offPool { try makeTestCertificates(in: tls) }

        // 2. Ports and the node's configuration (EWP_* variables, README).
        let nginxPort = try LoopbackPorts.free()
        var nodePort = try LoopbackPorts.free()
        while nodePort == nginxPort { nodePort = try LoopbackPorts.free() }
        var nodeEnv = nodeBaseEnvironment()
        nodeEnv["EWP_KEYS_DIR"] = "\(directory)/keys"
        nodeEnv["EWP_HEIS"] = nodeHEI
        nodeEnv["EWP_ADMIN_EMAIL"] = "ewp-admin@\(nodeHEI)"
        nodeEnv["EWP_PUBLIC_URL"] = "https://127.0.0.1:\(nginxPort)"
        nodeEnv["EWP_LISTEN"] = "127.0.0.1:\(nodePort)"
        nodeEnv["EWP_DATABASE"] = "sqlite:\(directory)/data/node.sqlite"
        nodeEnv["EWP_REGISTRY_REFRESH"] = "300"
        if fm.fileExists(atPath: E2EPaths.repo + "/Schemas") { nodeEnv["EWP_SCHEMAS_DIR"] = E2EPaths.repo + "/Schemas" }

        // 3. The node's own keys, and its manifest exactly as it will be served.
        try await runCommandAsync(node, ["keys", "generate"], environment: nodeEnv, currentDirectory: directory)
        let nodeKeys = "\(directory)/keys/\(nodeHEI)"
        for f in ["client.key.pem", "client.pub.pem", "server.key.pem", "server.pub.pem"] {
            guard fm.fileExists(atPath: "\(nodeKeys)/\(f)") else {
                throw E2EError("`ewp-node keys generate` did not create \(nodeKeys)/\(f)")
            }
        }
        let nodeServerKeyId = try RSAPublicKey(pem: try readText("\(nodeKeys)/server.pub.pem")).fingerprint
        let nodeClientKeyId = try RSAPublicKey(pem: try readText("\(nodeKeys)/client.pub.pem")).fingerprint
        let manifest = try await runCommandAsync(node, ["manifest", "--hei", nodeHEI], environment: nodeEnv,
                                      currentDirectory: directory).stdout
        let manifestPath = "\(directory)/manifest.xml"
        _ = fm.createFile(atPath: manifestPath, contents: Data(manifest))
        let (manifestURL, echoURL) = try manifestURLs(manifest)

        // 4. Test-client keys: the validator's client and (distinct) server key, and a never-published key.
        let client = "\(directory)/client"
        for name in ["validator-client", "validator-server", "random"] {
            try await runCommandAsync("openssl", ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048",
                                       "-out", "\(client)/\(name).key.pem"])
            try await runCommandAsync("openssl", ["pkey", "-in", "\(client)/\(name).key.pem", "-pubout",
                                       "-out", "\(client)/\(name).pub.pem"])
        }

        // 5. The registry catalogue: the node's manifest plus the validator's host; served over HTTP.
        let cataloguePath = "\(directory)/catalogue-v1.xml"
        try await runCommandAsync(python, [
            "\(E2EPaths.scripts)/build_catalogue.py", "--manifest", manifestPath,
            "--host", "hei=\(validatorHEI),name=E2E Validator,client-key=\(client)/validator-client.pub.pem,server-key=\(client)/validator-server.pub.pem",
            "--out", cataloguePath,
        ])
        let catalogue = [UInt8](try Data(contentsOf: URL(fileURLWithPath: cataloguePath)))
        let catalogueProblems = await xsdProblemsAsync(catalogue, schema: try OfficialSchema.discoveryWrapper(in: directory),
                                            scratchDirectory: directory)
        guard catalogueProblems.isEmpty else {
            throw E2EError("built catalogue is not valid: \(catalogueProblems.joined(separator: "\n"))")
        }
        let catalogueKeys = try CatalogueServerKeys(catalogue: catalogue)

        let registry = try ManagedProcess(
            name: "registry", executable: try absoluteExecutable(python),
            arguments: ["\(E2EPaths.scripts)/test_registry.py", "--catalogue", cataloguePath, "--port", "0"],
            environment: ProcessInfo.processInfo.environment, currentDirectory: directory,
            logPath: "\(directory)/registry.log")
        started.append(registry)
        let registryPort = try await firstLineNumber(of: registry, timeout: .seconds(60))
        nodeEnv["EWP_REGISTRY_URL"] = "http://127.0.0.1:\(registryPort)/catalogue-v1.xml"

        // 6. The node, ready when /health/ready says so (catalogue loaded, our keys in it).
        let nodeProcess = try ManagedProcess(
            name: "node", executable: node, arguments: ["serve"], environment: nodeEnv,
            currentDirectory: directory, logPath: "\(directory)/node.log")
        started.append(nodeProcess)
        try await waitUntilReady(url: "http://127.0.0.1:\(nodePort)/health/ready", process: nodeProcess,
                                 http: http, timeout: .seconds(60))

        // 7. nginx as the TLS terminator, with its own prefix and configuration.
        let nginx = try await offPool { [nodePort] in try startNginx(directory: directory, port: nginxPort, nodePort: nodePort) }
        started.append(nginx)
        try await waitUntilReady(url: "https://127.0.0.1:\(nginxPort)/health/ready", process: nginx,
                                 http: http, timeout: .seconds(30))

        return try E2EEnvironment(
            directory: directory, nginxPort: nginxPort, nodePort: nodePort, caBundle: "\(tls)/ca.pem",
            manifestURL: manifestURL, echoURL: echoURL, manifestFromCLI: manifest, catalogue: catalogue,
            catalogueKeys: catalogueKeys,
            validatorClientKeyPath: "\(client)/validator-client.key.pem",
            validatorServerKeyPath: "\(client)/validator-server.key.pem",
            randomKeyPath: "\(client)/random.key.pem",
            nodeServerKeyId: nodeServerKeyId, nodeClientKeyId: nodeClientKeyId, http: http,
            node: nodeProcess, nginx: nginx, registry: registry)
    }

    /// Stops nginx, the node (SIGTERM: it must drain and exit 0) and the registry. Returns problems.
    func stop() async -> [String] {
        var problems: [String] = []
        await nginx.stop(signal: SIGQUIT)
        let nodeStatus = await node.stop(signal: SIGTERM, timeout: .seconds(20))
        if nodeStatus != 0 || !node.exitedNormally {
            problems.append("`ewp-node serve` did not exit 0 on SIGTERM (status \(nodeStatus.map(String.init) ?? "killed")); log:\n\(node.logTail())")
        }
        await registry.stop()
        http.shutdown()
        return problems
    }

    func removeFiles() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    func logs() -> String {
        [node, nginx, registry].map { "--- \($0.name) log:\n\($0.logTail(3000))" }.joined(separator: "\n")
    }
}

// MARK: - set-up steps

private func makeTestCertificates(in tls: String) throws {
    try runCommand("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256", "-days", "2",
                               "-keyout", "\(tls)/ca.key", "-out", "\(tls)/ca.pem",
                               "-subj", "/CN=ewp-node e2e test CA",
                               "-addext", "basicConstraints=critical,CA:TRUE",
                               "-addext", "keyUsage=critical,keyCertSign,cRLSign"])
    try runCommand("openssl", ["req", "-newkey", "rsa:2048", "-nodes", "-sha256",
                               "-keyout", "\(tls)/server.key", "-out", "\(tls)/server.csr", "-subj", "/CN=127.0.0.1"])
    try writeFile("\(tls)/server.ext", """
        basicConstraints=CA:FALSE
        keyUsage=critical,digitalSignature,keyEncipherment
        extendedKeyUsage=serverAuth
        subjectAltName=IP:127.0.0.1,DNS:localhost

        """)
    try runCommand("openssl", ["x509", "-req", "-sha256", "-days", "2", "-in", "\(tls)/server.csr",
                               "-CA", "\(tls)/ca.pem", "-CAkey", "\(tls)/ca.key", "-CAcreateserial",
                               "-extfile", "\(tls)/server.ext", "-out", "\(tls)/server.pem"])
}

private func startNginx(directory: String, port: Int, nodePort: Int) throws -> ManagedProcess {
    let prefix = "\(directory)/nginx"
    for sub in ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"] {
        try FileManager.default.createDirectory(atPath: "\(prefix)/\(sub)", withIntermediateDirectories: true)
    }
    // As root, nginx's workers would otherwise run as `nobody` and could not use the temp dirs.
    let user = getuid() == 0 ? "user root root;\n" : ""
    try writeFile("\(prefix)/nginx.conf", """
        \(user)worker_processes 1;
        daemon off;
        pid \(prefix)/nginx.pid;
        error_log \(prefix)/error.log info;
        events { worker_connections 512; }
        http {
            access_log \(prefix)/access.log;
            default_type application/octet-stream;
            client_body_temp_path \(prefix)/client_body;
            proxy_temp_path \(prefix)/proxy;
            fastcgi_temp_path \(prefix)/fastcgi;
            uwsgi_temp_path \(prefix)/uwsgi;
            scgi_temp_path \(prefix)/scgi;
            upstream ewp_node { server 127.0.0.1:\(nodePort); keepalive 16; }
            server {
                listen 127.0.0.1:\(port) ssl;
                server_name 127.0.0.1 localhost;
                ssl_certificate \(directory)/tls/server.pem;
                ssl_certificate_key \(directory)/tls/server.key;
                location / {
                    proxy_pass http://ewp_node;
                    proxy_http_version 1.1;
                    proxy_set_header Connection "";
                    # The node checks Host against EWP_PUBLIC_URL: keep the client's, port included.
                    proxy_set_header Host $http_host;
                    proxy_set_header X-Forwarded-Proto https;
                    proxy_set_header X-Forwarded-For $remote_addr;
                    # Signed responses sign Date: nginx must pass the node's, not put its own.
                    proxy_pass_header Date;
                    proxy_pass_header Server;
                }
            }
        }

        """)
    let nginx = try E2EPaths.tool("nginx")
    try runCommand(nginx, ["-t", "-q", "-e", "\(prefix)/error.log", "-p", prefix, "-c", "\(prefix)/nginx.conf"])
    return try ManagedProcess(
        name: "nginx", executable: nginx,
        arguments: ["-e", "\(prefix)/error.log", "-p", prefix, "-c", "\(prefix)/nginx.conf"],
        environment: ProcessInfo.processInfo.environment, currentDirectory: prefix,
        logPath: "\(prefix)/stdout.log")
}

func absoluteExecutable(_ name: String) throws -> String {
    name.hasPrefix("/") ? name : try E2EPaths.tool(name)
}

/// The manifest's own discovery URL and its Echo v2 URL (never hard-coded).
func manifestURLs(_ manifest: [UInt8]) throws -> (manifest: String, echo: String) {
    let root = try XMLReader.parse(manifest)
    let discoveryNS = "https://github.com/erasmus-without-paper/ewp-specs-api-discovery/tree/stable-v6"
    let registryNS = "https://github.com/erasmus-without-paper/ewp-specs-api-registry/tree/stable-v1"
    let discoveryEntryNS = "https://github.com/erasmus-without-paper/ewp-specs-api-discovery/blob/stable-v6/manifest-entry.xsd"
    let echoEntryNS = "https://github.com/erasmus-without-paper/ewp-specs-api-echo/blob/stable-v2/manifest-entry.xsd"
    guard let apis = root.element("host", namespace: discoveryNS)?.element("apis-implemented", namespace: registryNS) else {
        throw E2EError("manifest has no host/apis-implemented")
    }
    guard let discovery = apis.element("discovery", namespace: discoveryEntryNS)?.element("url", namespace: discoveryEntryNS)?.text
    else { throw E2EError("manifest has no discovery entry with a url") }
    guard let echo = apis.elements("echo", namespace: echoEntryNS).first(where: { $0.attribute("version")?.hasPrefix("2.") == true })?
        .element("url", namespace: echoEntryNS)?.text
    else { throw E2EError("manifest has no Echo v2 entry with a url") }
    return (discovery.trimmingCharacters(in: .whitespacesAndNewlines), echo.trimmingCharacters(in: .whitespacesAndNewlines))
}

/// Waits for the child to print its port on its first line: the number alone (test_registry.py) or
/// `port=N` (fake_partner.py).
func firstLineNumber(of process: ManagedProcess, timeout: Duration) async throws -> Int {
    let deadline = ContinuousClock.now + timeout
    while true {
        // Look first, then check the clock: after a stall the answer may be there although time is up.
        if let text = try? String(contentsOfFile: process.logPath, encoding: .utf8),
           let newline = text.firstIndex(of: "\n"),
           let port = Int(text[..<newline].trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "port=", with: "")) {
            return port
        }
        guard process.isRunning else { throw E2EError("\(process.name) exited early:\n\(process.logTail())") }
        guard ContinuousClock.now < deadline else { break }
        try await Task.sleep(for: .milliseconds(20))
    }
    throw E2EError("\(process.name) printed no port within \(timeout):\n\(process.logTail())")
}

/// Polls `url` until it answers 200; fails early if the process dies.
func waitUntilReady(url: String, process: ManagedProcess, http: CurlClient, timeout: Duration) async throws {
    let deadline = ContinuousClock.now + timeout
    var last = "no answer"
    while true {
        guard process.isRunning else {
            throw E2EError("\(process.name) exited (status \(process.exitStatus ?? -1)) before \(url) was ready:\n\(process.logTail())")
        }
        // Ask first, then check the clock (a stalled test process must not give up without asking).
        do {
            let r = try await http.send(OutboundRequest(method: "GET", url: url, timeout: .seconds(5)))
            if r.status == 200 { return }
            last = "HTTP \(r.status): \(String(decoding: r.body.prefix(500), as: UTF8.self))"
        } catch {
            last = "\(error)"
        }
        guard ContinuousClock.now < deadline else { break }
        try await Task.sleep(for: .milliseconds(50))
    }
    throw E2EError("\(url) not ready after \(timeout) (last: \(last)):\n\(process.logTail())")
}

// MARK: - the suite trait

/// Starts the environment once for the suite it is attached to, and always stops it afterwards.
struct EndToEndEnvironmentTrait: SuiteTrait, TestScoping {
    func provideScope(for test: Test, testCase: Test.Case?,
                      performing function: @Sendable () async throws -> Void) async throws {
        let env = try await E2EEnvironment.start()
        do {
            try await E2EEnvironment.$current.withValue(env) { try await function() }
        } catch {
            for p in await env.stop() { Issue.record(Comment(rawValue: p)) }
            print("end-to-end files kept in \(env.directory)")
            throw error
        }
        let problems = await env.stop()
        for p in problems { Issue.record(Comment(rawValue: p)) }
        if !problems.isEmpty || ProcessInfo.processInfo.environment["EWP_E2E_KEEP"] != nil {
            print("end-to-end files kept in \(env.directory)")
        } else {
            env.removeFiles()
        }
    }
}

extension Trait where Self == EndToEndEnvironmentTrait {
    /// Runs the suite against a real node behind nginx (see E2EEnvironment).
    static var endToEndEnvironment: Self { Self() }
}

func requireEnvironment() throws -> E2EEnvironment {
    try #require(E2EEnvironment.current, "the end-to-end environment is not running (set-up failed?)")
}
