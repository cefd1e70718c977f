import EWPConsole
import EWPCore
import EWPHTTP
import EWPNode
import EWPStore
import EWPStoreOpener
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Synchronization

/// A node in-process (real SQLite file, or `database` when given) for console tests: accounts are
/// created as the CLI creates them, and `browser()` gives a client that keeps cookies and sends each
/// form with the CSRF token of the page it last read.
public final class ConsoleTestNode: Sendable {
    public let directory: String
    public let runtime: NodeRuntime
    public let heis: [String]

    /// Covers `heis` (default "a.example" and "c.example"); the public URL is https (cookies Secure).
    public init(heis: [String] = ["a.example", "c.example"], database: String? = nil, now: @escaping @Sendable () -> Date = { Date() },
                settings: ConsoleSettings = ConsoleSettings(secureCookies: true, bcryptCost: 4)) async throws {
        self.heis = heis
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ewp-console-\(UUID().uuidString)").path
        let configuration = try NodeConfiguration.load(environment: [
            "EWP_HEIS": heis.joined(separator: ","), "EWP_ADMIN_EMAIL": "ewp-admin@example.org", "EWP_ADMIN_TOKEN": "test-admin-token",
            "EWP_PUBLIC_URL": "https://ewp.example.org", "EWP_KEYS_DIR": directory + "/keys",
            "EWP_DATABASE": database ?? ("sqlite:" + directory + "/node.sqlite"),
            "EWP_REGISTRY_URL": "http://127.0.0.1:9/catalogue-v1.xml", "EWP_MANIFEST": "/nonexistent/manifest.json",
        ])
        for hei in heis { _ = try HostKeys.generateMissing(heiID: hei, keysDirectory: configuration.keysDirectory) }
        var logger = Logger(label: "console-test")
        logger.logLevel = .critical
        let schemas = try NodeAssembly.setUpXML()
        let store = try await StoreOpener.open(configuration.database)
        let registry = try NodeAssembly.makeRegistryClient(configuration, store: store, schemas: schemas, http: CurlClient(), logger: logger)
        runtime = NodeRuntime(configuration: configuration, hosts: try NodeAssembly.loadHosts(configuration), registry: registry, store: store,
                              schemas: schemas, logger: logger, now: now, consoleSettings: settings)
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    public var store: any Store { runtime.store }

    /// Creates `hei`'s main account (as `ewp-node account create-main` does) and sets `password`.
    @discardableResult
    public func createMain(hei: String, email: String, name: String = "Main Person", position: String = "IRO head",
                           password: String = ConsoleTestNode.password) async throws -> ConsoleAccountRecord {
        let created = try await runtime.console.accounts.createMain(heiID: HEIID(hei), email: email, name: name, position: position)
        return try await setPassword(created, password)
    }

    /// Creates a staff account of `hei` with `roles` and sets `password`.
    @discardableResult
    public func createStaff(hei: String, email: String, roles: Set<ConsoleRole>, name: String = "Staff Person", position: String = "IRO officer",
                            password: String = ConsoleTestNode.password) async throws -> ConsoleAccountRecord {
        let created = try await runtime.console.accounts.createStaff(heiID: HEIID(hei), email: email, name: name, position: position, roles: roles)
        return try await setPassword(created, password)
    }

    /// Creates an operator account and sets `password`.
    @discardableResult
    public func createOperator(email: String, password: String = ConsoleTestNode.password) async throws -> ConsoleAccountRecord {
        try await setPassword(try await runtime.console.accounts.createOperator(email: email, name: "Node Operator"), password)
    }

    private func setPassword(_ created: ConsoleAccounts.Created, _ password: String) async throws -> ConsoleAccountRecord {
        guard let account = try await runtime.console.accounts.setPassword(token: created.setPasswordToken, password: password) else {
            throw ConsoleTestFailure("the set-password token of \(created.account.email) was not accepted")
        }
        return account
    }

    public static let password = "correct horse battery staple"

    /// A client of this node's console that keeps cookies.
    public func browser(peerAddress: String = "127.0.0.1", cookies: [String: String] = [:]) -> ConsoleTestBrowser {
        ConsoleTestBrowser(runtime: runtime, peerAddress: peerAddress, cookies: cookies)
    }

    /// A browser signed in as `email`.
    public func signedIn(_ email: String, password: String = ConsoleTestNode.password) async throws -> ConsoleTestBrowser {
        let browser = browser()
        let answer = try await browser.signIn(email: email, password: password)
        guard answer.status == 303 else { throw ConsoleTestFailure("sign-in of \(email) answered \(answer.status): \(answer.text)") }
        return browser
    }
}

public struct ConsoleTestFailure: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// One console answer.
public struct ConsoleTestAnswer: Sendable {
    public let status: Int
    public let headers: HTTPFields
    public let text: String

    public var location: String? { headers[.location] }
    /// The value of the first hidden `_csrf` field of the page.
    public var csrfToken: String? { ConsoleTestAnswer.field("_csrf", in: text) }

    /// The `value` of the first input named `name`.
    public static func field(_ name: String, in text: String) -> String? {
        guard let range = text.range(of: "name=\"\(name)\" value=\"") else { return nil }
        let rest = text[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }
}

/// Keeps the cookies the console sets and the CSRF token of the last page read.
public final class ConsoleTestBrowser: Sendable {
    let runtime: NodeRuntime
    let peerAddress: String
    private let state = Mutex<(cookies: [String: String], csrf: String?)>(([:], nil))

    init(runtime: NodeRuntime, peerAddress: String, cookies: [String: String]) {
        self.runtime = runtime
        self.peerAddress = peerAddress
        state.withLock { $0.cookies = cookies }
    }

    public var cookies: [String: String] { state.withLock { $0.cookies } }

    public func get(_ path: String) async throws -> ConsoleTestAnswer {
        try await send(.get, path)
    }

    /// POSTs `fields` (form-encoded) with the CSRF token of the last page read, unless `csrf` is given
    /// (or `fields` holds `_csrf`).
    public func post(_ path: String, _ fields: [(String, String)] = [], csrf: String? = nil) async throws -> ConsoleTestAnswer {
        var fields = fields
        if !fields.contains(where: { $0.0 == "_csrf" }), let token = csrf ?? state.withLock({ $0.csrf }) { fields.append(("_csrf", token)) }
        return try await send(.post, path, body: Array(FormURLEncoding.encode(fields).utf8),
                              contentType: "application/x-www-form-urlencoded")
    }

    /// Reads the login page (for its CSRF cookie and token) and signs in.
    public func signIn(email: String, password: String) async throws -> ConsoleTestAnswer {
        _ = try await get("/console/login")
        return try await post("/console/login", [("email", email), ("password", password)])
    }

    public func send(_ method: HTTPRequest.Method, _ path: String, body: [UInt8] = [], contentType: String? = nil) async throws -> ConsoleTestAnswer {
        var fields = HTTPFields()
        let cookieHeader = cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ")
        if !cookieHeader.isEmpty { fields[.cookie] = cookieHeader }
        if let contentType { fields[.contentType] = contentType }
        let request = Request(head: HTTPRequest(method: method, scheme: "https", authority: "ewp.example.org", path: path, headerFields: fields),
                              body: RequestBody(buffer: ByteBuffer(bytes: body)))
        let response = await runtime.route(request, peerAddress: peerAddress)
        let collected = ConsoleBodyCollector()
        try await response.body.write(ConsoleBodyWriter(collected: collected))
        let text = String(decoding: collected.bytes.withLock { $0 }, as: UTF8.self)
        let answer = ConsoleTestAnswer(status: Int(response.status.code), headers: response.headers, text: text)
        state.withLock { state in
            for header in response.headers[values: .setCookie] {
                let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let name = String(pair[0]), value = pair.count > 1 ? String(pair[1]) : ""
                if value.isEmpty || header.contains("Max-Age=0") { state.cookies[name] = nil } else { state.cookies[name] = value }
            }
            if let token = answer.csrfToken { state.csrf = token }
        }
        return answer
    }
}

final class ConsoleBodyCollector: Sendable {
    let bytes = Mutex<[UInt8]>([])
}

struct ConsoleBodyWriter: ResponseBodyWriter {
    let collected: ConsoleBodyCollector
    mutating func write(_ buffer: ByteBuffer) async throws { collected.bytes.withLock { $0 += Array(buffer.readableBytesView) } }
    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
