// nginx as a plain-HTTP load balancer in front of several node processes, on 127.0.0.1 only, with
// its own prefix (config, logs, temp folders) in a test's folder. It runs as an unprivileged process:
// as root (CI) it is started through `setpriv` as `nobody`, so it never holds root's rights.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

final class LoadBalancer: Sendable {
    let port: Int
    let process: ManagedProcess
    let prefix: String
    /// One line per request: `<upstream addresses tried> <status> <method> <uri>`.
    var accessLogPath: String { prefix + "/access.log" }
    var baseURL: String { "http://127.0.0.1:\(port)" }

    private init(port: Int, process: ManagedProcess, prefix: String) {
        self.port = port
        self.process = process
        self.prefix = prefix
    }

    /// Starts nginx on `port` in front of `upstreamPorts` (round robin), passing the client's Host
    /// (the nodes check it against their EWP_PUBLIC_URL) and the node's Date (signed responses sign
    /// it). A request whose node refuses the connection, fails before answering or answers 502/503
    /// goes to the next node (`proxy_next_upstream`, a POST only when it was not sent yet): what lets
    /// a node drain and restart without failing requests. The upstream settings are the README's
    /// ("Several nodes on one PostgreSQL"). Each answer names the node that gave it in `X-Upstream`.
    static func start(port: Int, upstreamPorts: [Int], in directory: String) throws -> LoadBalancer {
        let nginx = try E2EPaths.tool("nginx")
        let prefix = directory + "/nginx"
        for sub in ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"] {
            try FileManager.default.createDirectory(atPath: "\(prefix)/\(sub)", withIntermediateDirectories: true)
        }
        let servers = upstreamPorts.map { "server 127.0.0.1:\($0) max_fails=1 fail_timeout=2s;" }.joined(separator: "\n            ")
        try writeFile("\(prefix)/nginx.conf", """
            worker_processes 1;
            daemon off;
            pid \(prefix)/nginx.pid;
            error_log \(prefix)/error.log info;
            events { worker_connections 1024; }
            http {
                log_format upstreams '$upstream_addr $status $request_method $uri';
                access_log \(prefix)/access.log upstreams;
                default_type application/octet-stream;
                client_max_body_size 64m;
                client_body_temp_path \(prefix)/client_body;
                proxy_temp_path \(prefix)/proxy;
                fastcgi_temp_path \(prefix)/fastcgi;
                uwsgi_temp_path \(prefix)/uwsgi;
                scgi_temp_path \(prefix)/scgi;
                upstream ewp_nodes {
                    \(servers)
                    keepalive 16;
                }
                server {
                    listen 127.0.0.1:\(port);
                    location / {
                        proxy_pass http://ewp_nodes;
                        proxy_http_version 1.1;
                        proxy_set_header Connection "";
                        proxy_set_header Host $http_host;
                        proxy_pass_header Date;
                        proxy_pass_header Server;
                        proxy_next_upstream error timeout http_502 http_503;
                        proxy_next_upstream_tries 3;
                        proxy_connect_timeout 5s;
                        proxy_read_timeout 300s;
                        proxy_send_timeout 300s;
                        add_header X-Upstream $upstream_addr always;
                    }
                }
            }

            """)
        var executable = nginx
        var arguments = ["-e", "\(prefix)/error.log", "-p", prefix, "-c", "\(prefix)/nginx.conf"]
        if getuid() == 0 {
            guard let nobody = getpwnam("nobody") else { throw E2EError("running as root, and there is no user `nobody` to run nginx as") }
            let uid = nobody.pointee.pw_uid, gid = nobody.pointee.pw_gid
            try chownTree(prefix, uid: uid, gid: gid)
            executable = try E2EPaths.tool("setpriv")
            arguments = ["--reuid=\(uid)", "--regid=\(gid)", "--clear-groups", nginx] + arguments
        }
        try runCommand(executable, arguments + ["-t", "-q"])
        let process = try ManagedProcess(name: "nginx", executable: executable, arguments: arguments,
                                         environment: ProcessInfo.processInfo.environment, currentDirectory: prefix,
                                         logPath: "\(directory)/logs/nginx.log")
        return LoadBalancer(port: port, process: process, prefix: prefix)
    }

    /// The access log's lines.
    func accessLog() -> [String] {
        ((try? readText(accessLogPath)) ?? "").split(separator: "\n").map(String.init)
    }

    /// The tails of nginx's error and output logs, for failure messages.
    func logs(_ maxBytes: Int = 3000) -> String {
        let error = ((try? readText(prefix + "/error.log")) ?? "").suffix(maxBytes)
        return "--- nginx error log (\(prefix)/error.log):\n\(error)\n--- nginx output:\n\(process.logTail(maxBytes))"
    }

    private static func chownTree(_ path: String, uid: uid_t, gid: gid_t) throws {
        var paths = [path]
        if let enumerator = FileManager.default.enumerator(atPath: path) {
            paths += enumerator.compactMap { $0 as? String }.map { "\(path)/\($0)" }
        }
        for p in paths where chown(p, uid, gid) != 0 {
            throw E2EError("chown \(p) to uid \(uid) failed: errno \(errno)")
        }
    }
}
