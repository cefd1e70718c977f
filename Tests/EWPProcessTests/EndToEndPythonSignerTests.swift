// End-to-end cross-compatibility: requests signed (and responses verified) by Scripts/httpsig.py, an
// independent implementation on PyPI `cryptography` + urllib, against the node behind nginx.
import Foundation
import Testing
import EWPHTTP

/// Runs `Scripts/httpsig.py ARGS` with the test Python and decodes its JSON output.
func runHTTPSig(_ arguments: [String]) async throws -> [String: Any] {
    let out: [UInt8]
    do {
        out = try await runCommandAsync(E2EPaths.python, ["\(E2EPaths.scripts)/httpsig.py"] + arguments).stdout
    } catch {
        throw E2EError("httpsig.py \(arguments.first ?? "") failed: \(error)")
    }
    guard let object = try JSONSerialization.jsonObject(with: Data(out)) as? [String: Any] else {
        throw E2EError("httpsig.py printed no JSON object: \(String(decoding: out, as: UTF8.self))")
    }
    return object
}

/// The response part of `httpsig.py request` output.
struct PythonExchange {
    let status: Int
    let headers: [(name: String, value: String)]
    let body: [UInt8]
    let verification: String?
    let requestHeaders: [(name: String, value: String)]

    init(_ json: [String: Any]) throws {
        guard let status = json["status"] as? Int, let b64 = json["body_base64"] as? String,
              let body = Data(base64Encoded: b64) else {
            throw E2EError("unexpected httpsig.py output: \(json)")
        }
        func pairs(_ any: Any?) -> [(name: String, value: String)] {
            ((any as? [[String]]) ?? []).compactMap { $0.count == 2 ? ($0[0], $0[1]) : nil }
        }
        self.status = status
        self.body = [UInt8](body)
        self.headers = pairs(json["headers"])
        self.requestHeaders = pairs(json["request_headers"])
        self.verification = json["verification"] as? String
    }

    func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name.lowercased() }?.value }
    func requestHeader(_ name: String) -> String? { requestHeaders.first { $0.name.lowercased() == name.lowercased() }?.value }
}

extension EndToEnd {
@Suite("Cross-check with Scripts/httpsig.py (Python cryptography)")
struct PythonSigner {

    private func pythonRequest(_ env: E2EEnvironment, url: String, method: String, data: String?) async throws -> PythonExchange {
        var args = ["request", "--key", env.validatorClientKeyPath, "--url", url, "--method", method,
                    "--cafile", env.caBundle, "--server-key", "\(env.directory)/keys/\(E2EEnvironment.nodeHEI)/server.pub.pem"]
        if let data { args += ["--data", data] }
        return try PythonExchange(try await runHTTPSig(args))
    }

    private func checkEcho(_ env: E2EEnvironment, _ ex: PythonExchange, _ what: String) async {
        #expect(ex.status == 200, "\(what): \(ex.status) \(String(decoding: ex.body, as: UTF8.self))\n\(env.node.logTail(1500))")
        #expect(ex.verification?.hasPrefix("OK") == true, "\(what): httpsig.py could not verify the response: \(ex.verification ?? "nil")")
        #expect(ex.header("X-Request-Id") == ex.requestHeader("X-Request-Id"), "X-Request-Id \(what)")
        #expect(signatureKeyId(ex.header("Signature")) == env.nodeServerKeyId, "server keyId \(what)")
        let problems = await xsdProblemsAsync(ex.body, schema: OfficialSchema.echoResponse, scratchDirectory: env.directory)
        #expect(problems.isEmpty, "schema \(what): \(problems)")
        #expect(echoContent(ex.body) == EchoContent(heiIds: [E2EEnvironment.validatorHEI], echoes: ["a", "b", "a"]), "echo \(what)")
    }

    @Test("httpsig.py: POST signed in Python, response signature verified in Python")
    func pythonPost() async throws {
        let env = try requireEnvironment()
        await checkEcho(env, try await pythonRequest(env, url: env.echoURL, method: "POST", data: "echo=a&echo=b&echo=a"), "Python POST")
    }

    @Test("httpsig.py: GET signed in Python, response signature verified in Python")
    func pythonGet() async throws {
        let env = try requireEnvironment()
        await checkEcho(env, try await pythonRequest(env, url: env.echoURL + "?echo=a&echo=b&echo=a", method: "GET", data: nil), "Python GET")
    }

    @Test("httpsig.py: Python-signed with a never-published key → 403")
    func pythonUnknownKey() async throws {
        let env = try requireEnvironment()
        let args = ["request", "--key", env.randomKeyPath, "--url", env.echoURL, "--method", "POST",
                    "--cafile", env.caBundle, "--data", "echo=a"]
        let ex = try PythonExchange(try await runHTTPSig(args))
        #expect(ex.status == 403, "\(ex.status) \(String(decoding: ex.body, as: UTF8.self))")
        let problems = await xsdProblemsAsync(ex.body, schema: OfficialSchema.commonTypes, scratchDirectory: env.directory)
        #expect(problems.isEmpty, "error-response schema: \(problems)")
    }

    @Test("httpsig.py sign-request: Original-Date instead of Date, sent by CurlClient → 200")
    func pythonOriginalDate() async throws {
        let env = try requireEnvironment()
        let body = "echo=a&echo=b&echo=a"
        let originalDate = try #require(try await runHTTPSig(["sign-request", "--key", env.validatorClientKeyPath, "--method", "POST",
                                                    "--url", env.echoURL, "--body", body])["Date"] as? String)
        let signed = try await runHTTPSig([
            "sign-request", "--key", env.validatorClientKeyPath, "--method", "POST", "--url", env.echoURL, "--body", body,
            "--header", "Content-Type: application/x-www-form-urlencoded", "--header", "Original-Date: \(originalDate)",
            "--sign-headers", "(request-target) host original-date digest x-request-id content-type accept-signature want-digest",
        ])
        var request = WireRequest(method: "POST", url: env.echoURL, target: env.echoPath,
                                  headers: signed.compactMap { k, v in (v as? String).map { (k, $0) } }, body: Array(body.utf8))
        request.remove("Date")   // not signed: only Original-Date is
        // JSON objects have no order: put the headers back in a stable order (order is irrelevant to the signature).
        request.headers.sort { $0.name < $1.name }
        let response = try await env.exchange(request, expect: 200, "Original-Date instead of Date → 200 (Python-signed)")
        #expect(echoContent(response.body)?.echoes == ["a", "b", "a"])
    }
}
}
