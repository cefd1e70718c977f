// IIAs `index`/`get` benchmark helper (Benchmarks/iias.sh), release build:
//
//   ewp-bench-iias fill --database F.sqlite|postgres://… --hei H --partners 200 --count 100000 [--batch 1000]
//       stores `count` IIAs of covered HEI H through EWPStore `commit(ChangeSet)` in the real storage
//       format (OwnIIAStorage.object: parsed, hashed, the element `get` serves); IIA n is with partner
//       `partnerHEI(n % partners)`, so each partner has count/partners IIAs. --database is a SQLite file
//       or any `EWP_DATABASE` value (`sqlite:PATH`, `postgres://…`).
//   ewp-bench-iias sign --key K.pem --host 127.0.0.1:P --path /hei/H/iias/get --count N --out F.tsv
//       [--body FORM | --get-ids 10 --partner 0 --partners 200 --stored 100000]
//       pre-signs N POST requests with the node's own RequestSigner (unique X-Request-Id, Accept-Signature:
//       rsa-sha256), in the TSV format of Benchmarks/presign.py (read by Benchmarks/echo.lua). Without
//       --get-ids the body is --body or empty (`index`: every IIA the partner may see); with it, each body asks for
//       `--get-ids` random ids among the partner's IIAs.
import EWPAPIs
import EWPCrypto
import EWPModel
import EWPSecurity
import EWPStore
import EWPStoreOpener
import EWPTestSupport
import EWPXML
import Foundation

func partnerHEI(_ index: Int) -> String { String(format: "partner-%03d.example.org", index) }
func iiaID(_ n: Int) -> String { String(format: "bench-iia-%06d", n) }

/// A v7 `iia` of `hei` with `partner`: mapped, 4 cooperation conditions (studies both ways, teaching,
/// training) with contacts, languages and subject areas: about 4 KB of XML, like a real agreement.
func iiaText(hei: String, n: Int, partner: String) -> String {
    func contact(_ element: String, _ hei: String) -> String {
        "<\(element)><c:contact-name>Coordinator \(n)</c:contact-name><c:person-given-names>Anna</c:person-given-names>"
            + "<c:person-family-name>Kowalska</c:person-family-name><c:email>iro@\(hei)</c:email></\(element)>"
    }
    func spec(_ name: String, from sending: String, to receiving: String, extra: String) -> String {
        """
        <\(name)><sending-hei-id>\(sending)</sending-hei-id>\(contact("sending-contact", sending))\
        <receiving-hei-id>\(receiving)</receiving-hei-id>\(contact("receiving-contact", receiving))\
        <receiving-first-academic-year-id>2024/2025</receiving-first-academic-year-id>\
        <receiving-last-academic-year-id>2028/2029</receiving-last-academic-year-id><mobilities-per-year>\(1 + n % 5)</mobilities-per-year>\
        <recommended-language-skill><language>en</language><cefr-level>B2</cefr-level></recommended-language-skill>\
        <recommended-language-skill><language>de</language><cefr-level>B1</cefr-level></recommended-language-skill>\
        <subject-area><isced-f-code>0314</isced-f-code><isced-clarification>Economics \(n)</isced-clarification></subject-area>\
        <subject-area><isced-f-code>0411</isced-f-code></subject-area>\(extra)</\(name)>
        """
    }
    let studies = "<total-months-per-year>5</total-months-per-year><blended>false</blended><eqf-level>6</eqf-level><eqf-level>7</eqf-level>"
    let staff = "<total-days-per-year>8</total-days-per-year>"
    return """
    <iia><partner><hei-id>\(hei)</hei-id><iia-id>\(iiaID(n))</iia-id><iia-code>E+/\(n)</iia-code>\
    \(contact("signing-contact", hei))<signing-date>2024-03-01</signing-date></partner>\
    <partner><hei-id>\(partner)</hei-id><iia-id>p-\(n)</iia-id><iia-code>P/\(n)</iia-code>\(contact("signing-contact", partner))</partner>\
    <in-effect>true</in-effect><cooperation-conditions>\
    \(spec("student-studies-mobility-spec", from: hei, to: partner, extra: studies))\
    \(spec("student-studies-mobility-spec", from: partner, to: hei, extra: studies))\
    \(spec("staff-teacher-mobility-spec", from: hei, to: partner, extra: staff))\
    \(spec("staff-training-mobility-spec", from: partner, to: hei, extra: staff))\
    </cooperation-conditions><iia-hash>\(String(repeating: "0", count: 64))</iia-hash></iia>
    """
}

func document(_ iias: [String]) -> [UInt8] {
    Array("""
    <iias-get-response xmlns="https://github.com/erasmus-without-paper/ewp-specs-api-iias/blob/stable-v7/endpoints/get-response.xsd" \
    xmlns:c="https://github.com/erasmus-without-paper/ewp-specs-types-contact/tree/stable-v1">\(iias.joined())</iias-get-response>
    """.utf8)
}

typealias Options = BenchmarkOptions

func fail(_ message: String) -> Never { benchmarkFail(message) }

func fill(_ options: Options) async throws {
    let hei = options.string("hei"), partners = options.int("partners"), count = options.int("count"), batch = options.int("batch", 1000)
    let database = options.string("database")
    let store = try await StoreOpener.open(database.contains(":") ? database : "sqlite:" + database)
    let now = Date()
    let start = DispatchTime.now().uptimeNanoseconds
    var bytes = 0
    for first in stride(from: 0, to: count, by: batch) {
        let numbers = first..<min(first + batch, count)
        let root = try XMLReader.parse(document(numbers.map { iiaText(hei: hei, n: $0, partner: partnerHEI($0 % partners)) }))
        let objects = try root.children.filter { $0.name == "iia" }.map { try OwnIIAStorage.object(IIA($0), heiID: hei, modifiedAt: now) }
        bytes += objects.reduce(0) { $0 + ($1.document?.count ?? 0) }
        try await store.commit(ChangeSet(upserts: objects, notificationsExpireAt: now), now: now)
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    print(String(format: "stored %d IIAs of %@ with %d partners (%.0f bytes of XML each) in %.1f s", count, hei, partners,
                 Double(bytes) / Double(count), seconds))
}

func sign(_ options: Options) throws {
    let signer = RequestSigner(key: try RSAPrivateKey(pem: String(contentsOfFile: options.string("key"), encoding: .utf8)))
    let host = options.string("host"), path = options.string("path"), count = options.int("count")
    let getIDs = options.int("get-ids", 0), fixedBody = options.values["body"] ?? ""
    // The partner's IIAs: n ≡ partner (mod partners), n < stored.
    let partner = options.int("partner", 0), partners = options.int("partners", 1), stored = options.int("stored", 0)
    let partnerIIAs = stride(from: partner, to: stored, by: partners).map(iiaID)
    if getIDs > 0 && partnerIIAs.count < getIDs { fail("the partner has fewer than \(getIDs) IIAs") }
    var generator = SystemRandomNumberGenerator()
    var out = ""
    let now = Date()
    for _ in 0..<count {
        let body = getIDs == 0 ? fixedBody : partnerIIAs.shuffled(using: &generator).prefix(getIDs).map { "iia_id=\($0)" }.joined(separator: "&")
        let headers = signer.sign(method: "POST", host: host, target: path,
                                  headers: [(name: "Content-Type", value: "application/x-www-form-urlencoded")],
                                  body: Array(body.utf8), now: now)
        out += (["POST", path, body] + headers.map { "\($0.name): \($0.value)" }).joined(separator: "\t") + "\n"
    }
    try out.write(toFile: options.string("out"), atomically: true, encoding: .utf8)
}

let arguments = CommandLine.arguments.dropFirst()
switch arguments.first {
case "fill": try await fill(Options(arguments.dropFirst()))
case "sign": try sign(Options(arguments.dropFirst()))
default: fail("usage: ewp-bench-iias fill|sign --option value ... (see Benchmarks/IIABench/main.swift)")
}
