// Partner network: one fake partner host (Scripts/fake_partner.py) and its control protocol.
import EWPCrypto
import EWPHTTP
import Foundation
import Synchronization

/// One request the fake partner received on an EWP endpoint, as GET /control/log reports it.
struct PartnerLogEntry: Sendable, Decodable, CustomStringConvertible {
    var seq: Int
    var method: String
    var path: String
    /// path[?query] as received.
    var target: String
    /// Query parameters (GET) or form fields (form POST), in order.
    var params: [[String]]
    /// A non-form body (e.g. an XML update), truncated.
    var body: String?
    var keyId: String?
    /// The HEIs covered by the host whose client key signed the request (from the catalogue).
    var callerHeis: [String]
    var verified: Bool
    /// Why verification failed (nil when verified).
    var reason: String?
    /// The status answered (nil: no answer, the connection was held or dropped).
    var status: Int?
    /// The scripted action applied ("500", "hang", "close", "sleep:2"), nil for the normal answer.
    var action: String?
    var requestId: String?
    var receivedAt: Double
    var answeredAt: Double?

    enum CodingKeys: String, CodingKey {
        case seq, method, path, target, params, body, verified, reason, status, action
        case keyId = "key_id", callerHeis = "caller_heis", requestId = "request_id"
        case receivedAt = "received_at", answeredAt = "answered_at"
    }

    /// Every value of parameter `name`.
    func values(_ name: String) -> [String] { params.filter { $0.first == name }.compactMap { $0.count > 1 ? $0[1] : nil } }

    var description: String {
        "#\(seq) \(method) \(target) \(params.map { $0.joined(separator: "=") }) → \(status.map(String.init) ?? "no answer")"
            + (action.map { " [scripted \($0)]" } ?? "") + (verified ? " verified" : " NOT verified: \(reason ?? "?")")
    }
}

final class FakePartner: Sendable {
    let index: Int
    let hei: String
    let process: ManagedProcess
    let clientKeyPath: String
    let serverKeyPath: String
    /// Its client key (signs `partnerSignedPOST`/`GET`); the public half is in the catalogue.
    let clientKey: RSAPrivateKey
    let serverKey: RSAPrivateKey
    let manifestPath: String
    private let http: CurlClient
    private let boundPort = Mutex<Int?>(nil)

    init(index: Int, hei: String, process: ManagedProcess, http: CurlClient, clientKeyPath: String, serverKeyPath: String,
         manifestPath: String) throws {
        self.index = index
        self.hei = hei
        self.process = process
        self.http = http
        self.clientKeyPath = clientKeyPath
        self.serverKeyPath = serverKeyPath
        self.manifestPath = manifestPath
        clientKey = try RSAPrivateKey(pem: try readText(clientKeyPath))
        serverKey = try RSAPrivateKey(pem: try readText(serverKeyPath))
    }

    /// Waits for `port=N` on its output (its manifest is written before).
    func waitUntilListening() async throws {
        let port = try await firstLineNumber(of: process, timeout: .seconds(30))
        boundPort.withLock { $0 = port }
    }

    var port: Int { boundPort.withLock { $0 } ?? 0 }
    /// http://127.0.0.1:<port>; its endpoints are /iia-cnr, /iias/get, ... (see fake_partner.py).
    var baseURL: String { "http://127.0.0.1:\(port)" }
    func url(_ path: String) -> String { baseURL + path }

    /// Its Discovery v6 manifest, as it wrote it for the catalogue.
    func manifest() throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: manifestPath))) }

    // MARK: - control

    /// Every EWP request received since the start or the last reset, oldest first.
    func log() async throws -> [PartnerLogEntry] {
        let body = try await control("GET", "/control/log")
        do {
            return try JSONDecoder().decode([PartnerLogEntry].self, from: Data(body))
        } catch {
            throw E2EError("partner \(hei): cannot decode /control/log (\(error)): \(String(decoding: body.prefix(1000), as: UTF8.self))")
        }
    }

    /// The logged requests to `path` (e.g. "/iia-cnr").
    func log(path: String) async throws -> [PartnerLogEntry] {
        try await log().filter { $0.path == path }
    }

    /// Polls the log (every 50 ms) until `condition` holds; returns that log, or throws after `timeout`
    /// with the log as it was. For what the node does in the background (CNR deliveries, pulls).
    @discardableResult
    func waitForLog(timeout: Duration = .seconds(20), _ what: String = "the expected requests",
                    until condition: ([PartnerLogEntry]) -> Bool) async throws -> [PartnerLogEntry] {
        let deadline = ContinuousClock.now + timeout
        while true {
            let entries = try await log()
            if condition(entries) { return entries }
            guard ContinuousClock.now < deadline else {
                throw E2EError("partner \(hei): \(what) did not arrive within \(timeout); log:\n"
                               + entries.map(\.description).joined(separator: "\n"))
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Forgets the log, scripts and objects (`onlyLog`: the log only).
    func reset(onlyLog: Bool = false) async throws {
        try await control("POST", "/control/reset" + (onlyLog ? "?only=log" : ""))
    }

    /// The next verified requests to `path` get these answers in order, then normal ones:
    /// "500" (any status, with a signed error-response; a 2xx is the normal answer), "hang" (no
    /// answer until the client gives up), "close" (connection dropped), "sleep:S" (normal after S seconds).
    func script(path: String, responses: [String]) async throws {
        let json = try JSONSerialization.data(withJSONObject: ["path": path, "responses": responses])
        try await control("POST", "/control/script", json: json)
    }

    /// Sets the object `id` of `api` ("iias", "iias-approval", "omobility-las", "imobility-tors") that
    /// get and index serve; `xml` nil deletes it. `xml` is the object element (`<iia>…</iia>`,
    /// `<approval>…`, `<la>…`, `<tor>…`), spliced under the response root (whose namespace is the default).
    func setObject(api: String, id: String, xml: String?, modified: Date = Date()) async throws {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let object: [String: Any] = ["api": api, "id": id, "xml": xml as Any? ?? NSNull(), "modified": formatter.string(from: modified)]
        try await control("POST", "/control/objects", json: try JSONSerialization.data(withJSONObject: object))
    }

    @discardableResult
    private func control(_ method: String, _ path: String, json: Data? = nil) async throws -> [UInt8] {
        let response = try await http.send(OutboundRequest(
            method: method, url: baseURL + path,
            headers: json == nil ? [] : [(name: "Content-Type", value: "application/json")],
            body: json.map { [UInt8]($0) } ?? [], timeout: .seconds(10)))
        guard response.status == 200 else {
            throw E2EError("partner \(hei): \(method) \(path) → \(response.status): \(String(decoding: response.body.prefix(1000), as: UTF8.self))")
        }
        return response.body
    }
}
