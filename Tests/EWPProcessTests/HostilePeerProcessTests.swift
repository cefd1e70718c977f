// Hostile peers against real node processes: each probe of the security review replayed over
// loopback, with the bounded outcome asserted (status, body size, the node's memory, health
// answering). Every test starts its own partner network (Support/PartnerNetwork.swift), as each
// needs its own node settings.
import EWPCrypto
import EWPHTTP
import EWPSecurity
import EWPStore
import EWPTestSupport
import EWPXML
import Foundation
import HTTPTypes
import Testing

private let nodeHEI = "node.test.example"
private let partnerHEI = "hostile.test.example"

@Suite("Hostile peers against a real node", .serialized, .timeLimit(.minutes(5)))
struct HostilePeerProcessTests {
    /// Resident set size of a process, from /proc/PID/status, in bytes.
    static func residentBytes(_ pid: pid_t) throws -> Int {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kB = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") else {
            throw E2EError("no VmRSS in /proc/\(pid)/status")
        }
        return kB * 1024
    }

    // MARK: signature parameters are bounded

    /// One header named 2,000 times in the signature's headers list, over two 30 KB headers (69 KB in
    /// all), with a public keyId, our Host and a current Date: no private key needed.
    @Test("2,000 × x-pad over 2 × 30 KB: 400, a body under 4 KB, RSS growth under 40 MB")
    func hostileHeadersList() async throws {
        try await PartnerNetwork.run(partners: [PartnerSpec(hei: "partner-a.test.example", apis: ["iias"])]) { net in
            let node = net.node(0)
            let echoURL = try #require(node.manifest().url(api: "echo"), "no echo entry in the manifest")
            let body = Array("echo=a".utf8)
            let pad = String(repeating: "A", count: 30_000)
            let names = ["(request-target)", "host", "date", "digest", "x-request-id"] + Array(repeating: "x-pad", count: 2_000)
            let keyId = net.partner(0).clientKey.publicKey.fingerprint   // public: anyone can read it in the catalogue
            let headers: HTTPFields = [
                (name: "Host", value: String(node.baseURL.dropFirst("http://".count))),
                (name: "Date", value: HTTPDate.format(Date())),
                (name: "X-Request-Id", value: RequestId.fresh()),
                (name: "Digest", value: DigestHeader.sha256Value(of: body)),
                (name: "Content-Type", value: "application/x-www-form-urlencoded"),
                (name: "X-Pad", value: pad),
                (name: "X-Pad", value: pad),
                (name: "Authorization", value: "Signature keyId=\"\(keyId)\",algorithm=\"rsa-sha256\",headers=\"\(names.joined(separator: " "))\",signature=\"AAAA\""),
            ]
            #expect(headers.map { $0.name.rawName.utf8.count + $0.value.utf8.count + 4 }.reduce(0, +) > 69_000)

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

    // MARK: connections cannot be held open

    @Test("200 half-sent requests: /health/live still answers, and the server closes them after the (shortened) timeout; a body sent a byte at a time is cut off too")
    func halfSentRequestsAreClosed() async throws {
        let shortened = ["EWP_HTTP_IDLE_TIMEOUT": "2", "EWP_HTTP_READ_TIMEOUT": "2"]
        try await PartnerNetwork.run(partners: [], nodeEnvironment: shortened) { net in
            let node = net.node(0)
            let port = node.port
            let rssBefore = try Self.residentBytes(node.process.pid)
            let halfSent = try await offPool {
                try (0..<200).map { _ in
                    let connection = try RawConnection(port: port)
                    connection.send("GET /health/live HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nX-Half: ")
                    return connection
                }
            }
            defer { halfSent.forEach { $0.close() } }

            let live = try await net.http.send(OutboundRequest(url: node.baseURL + "/health/live", timeout: .seconds(10)))
            #expect(live.status == 200, "health must answer while 200 half-sent requests are open")

            // A complete header, then a body of 1,000 bytes sent one byte every 200 ms: every byte is
            // activity for Hummingbird's idle timer, only the read timeout ends it.
            async let trickle: Duration? = offPool {
                let connection = try RawConnection(port: port)
                defer { connection.close() }
                let started = ContinuousClock.now
                connection.send("POST /hei/\(nodeHEI)/echo HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n"
                                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n")
                while ContinuousClock.now - started < .seconds(20) {
                    if connection.peerClosed() || !connection.send("e") { return ContinuousClock.now - started }
                    usleep(200_000)
                }
                return nil
            }

            let closed = try await offPool { RawConnection.waitForClose(halfSent, timeout: .seconds(20)) }
            #expect(closed == 200, "the server closed \(closed) of 200 half-sent requests within 20 s (idle timeout 2 s)")
            let trickled = try await trickle
            #expect(trickled != nil, "a body trickling for 20 s was not cut off (read timeout 2 s)")

            let after = try await net.http.send(OutboundRequest(url: node.baseURL + "/health/live", timeout: .seconds(10)))
            #expect(after.status == 200)
            let rssAfter = try Self.residentBytes(node.process.pid)
            #expect(rssAfter - rssBefore < 40 * 1024 * 1024, "RSS grew from \(rssBefore >> 20) MB to \(rssAfter >> 20) MB")
        }
    }

    // MARK: partners over https only

    @Test("A partner reachable only over plain http (no EWP_ALLOW_HTTP=loopback): nothing fetched, nothing stored, the pull row says why; the registry URL is refused with a log line and a readiness note")
    func plainHTTPPartnerIsNotCalled() async throws {
        try await PartnerNetwork.run(partners: [PartnerSpec(hei: partnerHEI)], nodeEnvironment: fastNotificationEnvironment) { net in
            let partner = net.partner(0)
            try await partner.setObject(api: "iias", id: "P-HTTP-1", xml: """
                <iia><partner><hei-id>\(partnerHEI)</hei-id><iia-id>P-HTTP-1</iia-id></partner>\
                <partner><hei-id>\(nodeHEI)</hei-id></partner><in-effect>false</in-effect><cooperation-conditions/>\
                <iia-hash>0000000000000000000000000000000000000000000000000000000000000000</iia-hash></iia>
                """)
            // The same node without the switch: it serves the catalogue it persisted (fetched while the
            // switch was on), in which the partner's URLs are http://127.0.0.1.
            let node = net.node(0)
            try await node.restart(http: net.http, changing: ["EWP_ALLOW_HTTP": nil])
            // The details (the note among them) are for operators: behind the admin token.
            let ready = try await net.http.send(OutboundRequest(url: node.baseURL + "/health/ready",
                                                                headers: [(name: "Authorization", value: "Bearer test-admin-token")], timeout: .seconds(10)))
            let checks = try #require(try JSONSerialization.jsonObject(with: Data(ready.body)) as? [String: Any])["checks"] as? [String: Any]
            let note = (checks?["registry"] as? [String: Any])?["note"] as? String ?? ""
            #expect(note.contains("EWP_REGISTRY_URL refused") && note.contains("https only"), "registry check: \(checks?["registry"] ?? "none")")
            #expect(node.logTail(20_000).contains("the registry catalogue will not be fetched"), "no start-up log line about the registry URL")

            let cnrURL = try #require(node.manifest(hei: nodeHEI).url(api: "iia-cnr"))
            let answer = try await net.partnerSignedPOST(partner: 0, url: cnrURL, form: [("iia_id", "P-HTTP-1")])
            #expect(answer.status == 200, "\(answer.bodyText)")

            let store = try SQLiteStore(path: node.databasePath)
            let row = try await finishedRow(store, objectID: "P-HTTP-1")
            #expect(row.state == .unsupported, "\(row)")
            #expect(row.lastError?.contains("https only") == true && row.lastError?.contains("EWP_ALLOW_HTTP=loopback") == true,
                    "the row must say why: \(row.lastError ?? "no error")")
            #expect(try await partner.log(path: "/iias/get").isEmpty, "the node called the partner over plain http")
            #expect(try await store.partnerCopy(api: "iias", localHEI: nodeHEI, partnerHEI: partnerHEI, objectID: "P-HTTP-1") == nil)
        }
    }

    // MARK: outside XML never stalls the server

    @Test("Pulls answered with 2 MB documents of 180,000 attributes (the review's probe, on three APIs at once): /health/live answers within 100 ms throughout; each pull is refused, saying why")
    func hostileDocumentsDoNotStallHealth() async throws {
        try await PartnerNetwork.run(partners: [PartnerSpec(hei: partnerHEI)], nodeEnvironment: fastNotificationEnvironment) { net in
            let partner = net.partner(0)
            let node = net.node(0)
            let attributes = (0..<180_000).map { " a\($0)=\"\"" }.joined()
            let pulls: [(api: String, root: String, cnr: String, form: [(String, String)])] = [
                ("iias", "iia", "iia-cnr", [("iia_id", "hostile-1")]),
                ("omobility-las", "la", "omobility-la-cnr", [("sending_hei_id", partnerHEI), ("omobility_id", "hostile-1")]),
                ("imobility-tors", "tor", "imobility-tor-cnr", [("receiving_hei_id", partnerHEI), ("omobility_id", "hostile-1")]),
            ]
            for pull in pulls {
                try await partner.setObject(api: pull.api, id: "hostile-1", xml: "<\(pull.root)><x\(attributes)/></\(pull.root)>")
            }
            for pull in pulls {
                let url = try #require(node.manifest(hei: nodeHEI).url(api: pull.cnr))
                let answer = try await net.partnerSignedPOST(partner: 0, url: url, form: pull.form)
                #expect(answer.status == 200, "\(pull.cnr): \(answer.bodyText)")
            }

            // Probe until every pull has finished (they wait a few seconds for more CNRs first).
            let rssBefore = try Self.residentBytes(node.process.pid)
            let store = try SQLiteStore(path: node.databasePath)
            let deadline = ContinuousClock.now + .seconds(90)
            var probes = 0
            var stalls: [String] = []
            while ContinuousClock.now < deadline {
                // A loaded machine may delay one probe a little; a stall lasts: a probe over 1 s, or
                // two over 100 ms in a row, count.
                let first = try await probeLive(net, node)
                if first > .seconds(1) {
                    stalls.append("\(first)")
                } else if first > .milliseconds(100) {
                    let second = try await probeLive(net, node)
                    if second > .milliseconds(100) { stalls.append("\(first), then \(second)") }
                }
                probes += 1
                let rows = try await store.queueRows(.inbound, filter: QueueFilter(limit: 1000)).filter { $0.key.objectID == "hostile-1" }
                if rows.count == pulls.count, rows.allSatisfy({ $0.state != .pending }) { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(stalls.isEmpty, "/health/live took over 1 s, or over 100 ms twice in a row, \(stalls.count) times out of \(probes) probes: \(stalls.prefix(5))")

            let rows = try await store.queueRows(.inbound, filter: QueueFilter(limit: 1000)).filter { $0.key.objectID == "hostile-1" }
            #expect(rows.count == pulls.count, "\(rows)")
            for row in rows {
                #expect(row.state == .rejected && row.lastError?.contains("more than 256 attributes") == true, "\(row.key.api): \(row.state) \(row.lastError ?? "")")
            }
            #expect(try await partner.log().filter { $0.path.hasSuffix("/get") }.count == pulls.count, "one get per API")
            let rssAfter = try Self.residentBytes(node.process.pid)
            #expect(rssAfter - rssBefore < 100 * 1024 * 1024, "three 2 MB documents: RSS grew from \(rssBefore >> 20) MB to \(rssAfter >> 20) MB")
        }
    }

    // MARK: documents keep their bytes

    @Test("A ToR whose ELMO document carries an enveloped XML signature (signed with xmlsec1, as EMREX does): the signature verifies after import and after get over HTTP")
    func signedELMOKeepsItsBytes() async throws {
        try await PartnerNetwork.run(partners: [PartnerSpec(hei: partnerHEI)], nodeEnvironment: fastNotificationEnvironment) { net in
            let xmlsec = try E2EPaths.tool("xmlsec1")
            let directory = net.directory
            let id = "om-signed-1"
            // A self-signed signing certificate, and a valid ToRs v2 document whose ELMO is signed.
            _ = try await runCommandAsync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256", "-days", "2",
                                                      "-keyout", "\(directory)/elmo.key", "-out", "\(directory)/elmo.pem", "-subj", "/CN=ELMO test signer"])
            var document = ToRDocuments.v2([id], issuer: nodeHEI)
            let elmoRange = try Self.elmoRange(in: document)
            // Indented like a real signed ELMO: whitespace that a re-serialisation would drop.
            let template = """
                <?xml version="1.0" encoding="UTF-8"?>
                \(document[elmoRange].dropLast("</elmo>".count))
                <Signature xmlns="http://www.w3.org/2000/09/xmldsig#">
                  <SignedInfo>
                    <CanonicalizationMethod Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"/>
                    <SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>
                    <Reference URI="">
                      <Transforms><Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/></Transforms>
                      <DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>
                      <DigestValue/>
                    </Reference>
                  </SignedInfo>
                  <SignatureValue/>
                  <KeyInfo><X509Data/></KeyInfo>
                </Signature></elmo>
                """
            try template.write(toFile: "\(directory)/elmo-template.xml", atomically: true, encoding: .utf8)
            let signing = try await ChildProcess.run(xmlsec, ["--sign", "--privkey-pem", "\(directory)/elmo.key,\(directory)/elmo.pem",
                                                              "--output", "\(directory)/elmo-signed.xml", "\(directory)/elmo-template.xml"])
            try #require(signing.status == 0, "xmlsec1 --sign: \(signing.output)")
            let signedFile = try String(contentsOfFile: "\(directory)/elmo-signed.xml", encoding: .utf8)
            let signedELMO = String(signedFile[try Self.elmoRange(in: signedFile)])
            let check = try await verify(signedELMO, xmlsec: xmlsec, directory: directory, name: "as-signed")
            try #require(check.ok, "the freshly signed ELMO does not verify: \(check.output)")
            // What the node stored before it kept the bytes (the document parsed and written again) breaks it.
            let rewritten = String(decoding: XMLWriter.document(try XMLReader.parse(Array(signedELMO.utf8))), as: UTF8.self)
            #expect(try await !verify(String(rewritten[try Self.elmoRange(in: rewritten)]), xmlsec: xmlsec, directory: directory, name: "rewritten").ok)

            document.replaceSubrange(elmoRange, with: signedELMO)
            let path = "\(directory)/tors-signed.xml"
            try document.write(toFile: path, atomically: true, encoding: .utf8)
            let imported = try await runNodeCommand(net, ["import", "--sending-hei", partnerHEI, path])
            try #require(imported.status == 0, "import: \(imported.output)")

            let store = try SQLiteStore(path: net.node(0).databasePath)
            let stored = try #require(try await store.ownObjects(kind: "imobility-tor", heiID: nodeHEI, ids: [id]).first?.document)
            let storedText = String(decoding: stored, as: UTF8.self)
            let afterImport = try await verify(String(storedText[try Self.elmoRange(in: storedText)]), xmlsec: xmlsec, directory: directory, name: "stored")
            #expect(afterImport.ok, "the stored ELMO does not verify: \(afterImport.output)")

            let getURL = try #require(net.node(0).manifest(hei: nodeHEI).url(api: "imobility-tors", element: "get-url", versionPrefix: "2."))
            let answer = try await net.partnerSignedGET(partner: 0, url: getURL, query: [("receiving_hei_id", nodeHEI), ("omobility_id", id)])
            try #require(answer.status == 200, "get: \(answer.bodyText)")
            #expect(net.responseProblem(answer, endpointURL: getURL) == nil)
            let served = try await verify(String(answer.bodyText[try Self.elmoRange(in: answer.bodyText)]), xmlsec: xmlsec, directory: directory, name: "served")
            #expect(served.ok, "the ELMO served by get does not verify: \(served.output)")
            #expect(answer.bodyText.contains(signedELMO), "get must serve the ELMO byte for byte")
        }
    }

    /// From `<elmo ` to the end of `</elmo>`.
    private static func elmoRange(in text: String) throws -> Range<String.Index> {
        guard let start = text.range(of: "<elmo ")?.lowerBound, let end = text.range(of: "</elmo>", options: .backwards)?.upperBound else {
            throw E2EError("no elmo element in:\n\(text.prefix(2000))")
        }
        return start..<end
    }

    /// `xmlsec1 --verify` of `elmo` as a document of its own, trusting the test signer's certificate.
    private func verify(_ elmo: String, xmlsec: String, directory: String, name: String) async throws -> (ok: Bool, output: String) {
        let path = "\(directory)/elmo-\(name).xml"
        try elmo.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try await ChildProcess.run(xmlsec, ["--verify", "--trusted-pem", "\(directory)/elmo.pem", path])
        return (result.status == 0, result.output)
    }

    /// How long one GET /health/live took (it must answer 200).
    private func probeLive(_ net: PartnerNetwork, _ node: NodeHandle) async throws -> Duration {
        let started = ContinuousClock.now
        let response = try await net.http.send(OutboundRequest(url: node.baseURL + "/health/live", timeout: .seconds(60)))
        let took = ContinuousClock.now - started
        #expect(response.status == 200)
        return took
    }

    /// The inbound (pull) row of `objectID` once it has left `pending`.
    private func finishedRow(_ store: SQLiteStore, objectID: String, timeout: Duration = .seconds(30)) async throws -> QueueRow {
        let deadline = ContinuousClock.now + timeout
        while true {
            let rows = try await store.queueRows(.inbound, filter: QueueFilter(limit: 1000)).filter { $0.key.objectID == objectID }
            if let row = rows.first, row.state != .pending { return row }
            guard ContinuousClock.now < deadline else { throw E2EError("the pull of \(objectID) did not finish within \(timeout): \(rows)") }
            try await Task.sleep(for: .milliseconds(100))
        }
    }
}
