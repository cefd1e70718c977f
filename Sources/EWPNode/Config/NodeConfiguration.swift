import EWPCore
import EWPSecurity
import Foundation

/// The node's settings: environment variables (README › Configuration), else the config file, else
/// defaults.
public struct NodeConfiguration: Sendable {
    public var listenHost: String
    public var listenPort: Int
    public var publicURL: URL
    public var database: String
    public var registryURL: String
    public var registryRefresh: Duration
    public var keysDirectory: String
    /// The covered HEIs, as configured (their spelling names them in keys, manifests and the store).
    public var heiIDs: [HEIID]
    public var adminToken: String?
    public var adminEmails: [String]
    public var cnrRetryBase: Duration
    public var syncInterval: Duration
    /// How long an undelivered CNR is retried (EWP_CNR_LIFETIME) and the timeout of each call to a
    /// partner (EWP_CALL_TIMEOUT).
    public var cnrLifetime: Duration
    public var callTimeout: Duration
    public var manifest: ManifestSettings
    /// EWP_HTTP_IDLE_TIMEOUT, EWP_HTTP_READ_TIMEOUT, EWP_HTTP_MAX_CONNECTIONS.
    public var httpLimits: HTTPServerLimits
    /// EWP_ALLOW_HTTP: partners and the registry over https only, unless `loopback`.
    public var outboundURLPolicy: OutboundURLPolicy
    /// EWP_MONITORING: report failed partner calls to the EWP Stats Portal (Monitoring API).
    public var monitoringReports: Bool

    public static let defaultRegistryURL = "https://dev-registry.erasmuswithoutpaper.eu/catalogue-v1.xml"

    /// Reads `EWP_*` from `environment`, falling back to the config file (`EWP_CONFIG`, else
    /// `./ewp-node.conf` when present) and then to the defaults (README › Configuration).
    public static func load(environment: [String: String] = ProcessInfo.processInfo.environment) throws(ConfigurationError) -> NodeConfiguration {
        var settings = [String: String]()
        let configPath = environment["EWP_CONFIG"] ?? (FileManager.default.fileExists(atPath: "ewp-node.conf") ? "ewp-node.conf" : nil)
        if let configPath {
            settings = try ConfigFile.read(path: configPath)
        }
        for (key, value) in environment where key.hasPrefix("EWP_") {
            settings[key] = value
        }
        return try NodeConfiguration(settings: settings)
    }

    init(settings: [String: String]) throws(ConfigurationError) {
        let listen = settings["EWP_LISTEN"] ?? "127.0.0.1:8080"
        guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]), (0...65535).contains(port) else {
            throw ConfigurationError("EWP_LISTEN must be host:port, e.g. 127.0.0.1:8080 (got \"\(listen)\")")
        }
        listenHost = String(listen[..<colon])
        listenPort = port

        let publicString = settings["EWP_PUBLIC_URL"] ?? "http://127.0.0.1:8080"
        guard let url = URL(string: publicString.hasSuffix("/") ? String(publicString.dropLast()) : publicString),
              let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https", url.host != nil else {
            throw ConfigurationError("EWP_PUBLIC_URL must be an absolute http(s) URL, e.g. https://ewp.example.edu (got \"\(publicString)\")")
        }
        publicURL = url

        database = settings["EWP_DATABASE"] ?? "sqlite:data/ewp-node.sqlite"
        registryURL = settings["EWP_REGISTRY_URL"] ?? Self.defaultRegistryURL
        registryRefresh = .seconds(try Self.seconds(settings, "EWP_REGISTRY_REFRESH", default: 300, minimum: 60))
        keysDirectory = settings["EWP_KEYS_DIR"] ?? "Certificates"
        adminToken = settings["EWP_ADMIN_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        cnrRetryBase = .seconds(try Self.seconds(settings, "EWP_CNR_RETRY_BASE", default: 30, minimum: 1))
        syncInterval = .seconds(try Self.seconds(settings, "EWP_SYNC_INTERVAL", default: 3600, minimum: 1))
        cnrLifetime = .seconds(try Self.seconds(settings, "EWP_CNR_LIFETIME", default: 72 * 3600, minimum: 60))
        callTimeout = .seconds(try Self.seconds(settings, "EWP_CALL_TIMEOUT", default: 30, minimum: 1))

        httpLimits = HTTPServerLimits(
            idleTimeout: .seconds(try Self.seconds(settings, "EWP_HTTP_IDLE_TIMEOUT", default: HTTPServerLimits.defaultIdleSeconds, minimum: 1)),
            readTimeout: .seconds(try Self.seconds(settings, "EWP_HTTP_READ_TIMEOUT", default: HTTPServerLimits.defaultReadSeconds, minimum: 1)),
            maxConnections: try Self.count(settings, "EWP_HTTP_MAX_CONNECTIONS",
                                           default: HTTPServerLimits.defaultMaxConnections(fileLimit: Self.openFileLimit()), minimum: 1))
        switch settings["EWP_ALLOW_HTTP"]?.trimmingCharacters(in: .whitespaces).lowercased() {
        case nil, "": outboundURLPolicy = .httpsOnly
        case "loopback": outboundURLPolicy = .loopbackHTTPAllowed
        case let other?:
            throw ConfigurationError("EWP_ALLOW_HTTP must be loopback or unset (got \"\(other.prefix(40))\"): partners and the registry are reached over https only")
        }

        // On by default; off by default against a registry on this machine (tests, development),
        // whose network has no Stats Portal.
        switch settings["EWP_MONITORING"]?.trimmingCharacters(in: .whitespaces).lowercased() {
        case nil, "": monitoringReports = !OutboundURLPolicy.namesLoopbackHost(registryURL)
        case "on": monitoringReports = true
        case "off": monitoringReports = false
        case let other?:
            throw ConfigurationError("EWP_MONITORING must be on or off (got \"\(other.prefix(40))\"): it switches the reports of failed partner calls to the EWP Stats Portal")
        }

        manifest = try ManifestSettings.load(path: settings["EWP_MANIFEST"] ?? "Manifest/manifest.json")
        let heis: [String]
        if let listed = settings["EWP_HEIS"] {
            heis = listed.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        } else {
            heis = manifest.institutions.map(\.heiID)
        }
        guard !heis.isEmpty else {
            throw ConfigurationError("no covered HEI: set EWP_HEIS (e.g. EWP_HEIS=example.edu) or list institutions in Manifest/manifest.json")
        }
        if let problem = heis.lazy.compactMap(HEIIdentifier.problem).first {
            throw ConfigurationError("\(settings["EWP_HEIS"] != nil ? "EWP_HEIS" : "Manifest hei_id"): \(problem)")
        }
        heiIDs = heis.map(HEIID.init)
        if let email = settings["EWP_ADMIN_EMAIL"], !email.isEmpty {
            adminEmails = email.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        } else {
            adminEmails = manifest.adminEmails
        }
        guard !adminEmails.isEmpty else {
            throw ConfigurationError("the manifest needs an admin e-mail (a role alias, not a person): set EWP_ADMIN_EMAIL or admin_emails in Manifest/manifest.json")
        }
    }

    /// host[:port] as partners put it in the Host header (port only when not the scheme's default).
    public var publicAuthority: String {
        let host = publicURL.host!.lowercased()
        guard let port = publicURL.port else { return host }
        let defaultPort = publicURL.scheme?.lowercased() == "https" ? 443 : 80
        return port == defaultPort ? host : "\(host):\(port)"
    }

    /// Every Host value that names us: with and without an explicit default port.
    public var acceptedHostHeaders: Set<String> {
        let host = publicURL.host!.lowercased()
        let defaultPort = publicURL.scheme?.lowercased() == "https" ? 443 : 80
        let port = publicURL.port ?? defaultPort
        return port == defaultPort ? [host, "\(host):\(port)"] : ["\(host):\(port)"]
    }

    public var publicBase: String { publicURL.absoluteString }

    public var isPublicURLHTTPS: Bool { publicURL.scheme?.lowercased() == "https" }

    private static func count(_ settings: [String: String], _ key: String, default value: Int, minimum: Int) throws(ConfigurationError) -> Int {
        guard let raw = settings[key] else { return value }
        guard let count = Int(raw), count >= minimum else {
            throw ConfigurationError("\(key) must be a whole number ≥ \(minimum) (got \"\(raw.prefix(40))\")")
        }
        return count
    }

    /// The soft limit on open files of this process (nil when unknown or unlimited).
    private static func openFileLimit() -> Int? {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max else { return nil }
        return Int(clamping: limit.rlim_cur)
    }

    private static func seconds(_ settings: [String: String], _ key: String, default value: Int, minimum: Int) throws(ConfigurationError) -> Int {
        guard let raw = settings[key] else { return value }
        guard let seconds = Int(raw), seconds >= minimum else {
            throw ConfigurationError("\(key) must be a whole number of seconds ≥ \(minimum) (got \"\(raw)\")")
        }
        return seconds
    }
}

public struct ConfigurationError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}
