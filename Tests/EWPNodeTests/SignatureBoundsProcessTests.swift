// Issue 17 item 1 against a real `ewp-node serve`: the hostile request of the security review (one
// header named 2,000 times in the signature's headers list, over two 30 KB headers, 69 KB in all,
// with a public keyId, our Host and a current Date: no private key needed) gets a short 400 and
// costs the node no more than a bounded amount of memory.
import EWPCrypto
import EWPHTTP
import EWPSecurity
import Foundation
import Testing

@Suite("Hostile signature parameters against a real node", .serialized, .timeLimit(.minutes(3)))
struct SignatureBoundsProcessTests {
    /// Resident set size of a process, from /proc/PID/status, in bytes.
    static func residentBytes(_ pid: pid_t) throws -> Int {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kB = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") else {
            throw E2EError("no VmRSS in /proc/\(pid)/status")
        }
        return kB * 1024
    }

    @Test("2,000 × x-pad over 2 × 30 KB: 400, a body under 4 KB, RSS growth under 40 MB")
    func hostileHeadersList() async throws {
        try await PartnerNetwork.run(partners: [PartnerSpec(hei: "partner-a.test.example", apis: ["iias"])]) { net in
            let node = net.node(0)
            let echoURL = try #require(node.manifest().url(api: "echo"), "no echo entry in the manifest")
            let body = Array("echo=a".utf8)
            let pad = String(repeating: "A", count: 30_000)
            let names = ["(request-target)", "host", "date", "digest", "x-request-id"] + Array(repeating: "x-pad", count: 2_000)
            let keyId = net.partner(0).clientKey.publicKey.fingerprint   // public: anyone can read it in the catalogue
            let headers: EWPHTTP.HeaderList = [
                (name: "Host", value: String(node.baseURL.dropFirst("http://".count))),
                (name: "Date", value: HTTPDate.format(Date())),
                (name: "X-Request-Id", value: RequestId.fresh()),
                (name: "Digest", value: DigestHeader.sha256Value(of: body)),
                (name: "Content-Type", value: "application/x-www-form-urlencoded"),
                (name: "X-Pad", value: pad),
                (name: "X-Pad", value: pad),
                (name: "Authorization", value: "Signature keyId=\"\(keyId)\",algorithm=\"rsa-sha256\",headers=\"\(names.joined(separator: " "))\",signature=\"AAAA\""),
            ]
            #expect(headers.map { $0.name.utf8.count + $0.value.utf8.count + 4 }.reduce(0, +) > 69_000)

            let pid = node.process.pid
            let before = try Self.residentBytes(pid)
            let response = try await net.http.send(OutboundRequest(method: "POST", url: echoURL, headers: headers, body: body, timeout: .seconds(60)))
            let after = try Self.residentBytes(pid)
            let text = String(decoding: response.body.prefix(2_000), as: UTF8.self)
            #expect(response.status == 400, "\(response.status): \(text)")
            #expect(response.body.count < 4_096, "a \(response.body.count)-byte body: \(text)")
            #expect(text.contains("x-pad"), "the message does not name the repeated header: \(text)")
            #expect(after - before < 40 * 1024 * 1024, "RSS grew from \(before >> 20) MB to \(after >> 20) MB")
            let live = try await net.http.send(OutboundRequest(url: node.baseURL + "/health/live", timeout: .seconds(10)))
            #expect(live.status == 200)
        }
    }
}
