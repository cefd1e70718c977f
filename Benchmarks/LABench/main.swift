// OMobility LAs and IMobility ToRs benchmark helper (Benchmarks/las.sh), release build:
//
//   ewp-bench-las fill --database F.sqlite --hei H --partners 32 --las 100000 --tors 100000 [--batch 1000]
//       stores `las` learning agreements of the sending HEI H and `tors` ToRs v2 issued by H (as
//       receiving HEI) through EWPStore `commit(ChangeSet)` in the real storage format: each LA as
//       OwnLAStorage.object (revision 1) with its `imported` version record and the year markers, each
//       ToR as OwnToRStorage.object. Documents: EWPTestSupport LADocuments/ToRDocuments, varied per
//       number n. LA n's receiving HEI and ToR n's sending HEI is `partnerHEI(n % partners)`; LA n's
//       stage is `stage(n)`: 3 of 4 have a pending changes proposal (`update` can approve them).
//   ewp-bench-las sign --key K.pem --host 127.0.0.1:P --path /hei/H/omobility-las/get --count N --out F.tsv
//       [--body FORM] [--get-ids 10 --ids la|tor --partner 0 --partners 32 --stored 100000]
//       pre-signs N POST form requests with the node's RequestSigner (unique X-Request-Id,
//       Accept-Signature: rsa-sha256), TSV as Benchmarks/presign.py writes it (read by echo.lua). The body
//       is --body, followed with --get-ids by that many random `omobility_id`s of the partner's LAs or ToRs.
//   ewp-bench-las sign-updates --keys DIR --host 127.0.0.1:P --path /hei/H/omobility-las/update --hei H
//       --partners 32 --stored 100000 --count N --first K --out F.tsv [--comment-every 4] [--stale-every 50]
//       pre-signs N `update` requests (raw XML, Content-Type text/xml), request i by partner i % partners
//       with its own key DIR/partner-NNN.key.pem, each for a different LA of that partner with a pending
//       proposal (the (K + i) / partners-th of the partner's), so runs with disjoint K never meet. Every
//       --comment-every-th request comments instead of approving; every --stale-every-th names a stale
//       proposal id (the node answers 409 to those; 0 = none).
import EWPAPIs
import EWPCrypto
import EWPModel
import EWPSecurity
import EWPStore
import EWPTestSupport
import EWPXML
import Foundation

func partnerHEI(_ index: Int) -> String { String(format: "partner-%03d.example.org", index) }
func laID(_ n: Int) -> String { String(format: "bench-la-%06d", n) }
func torID(_ n: Int) -> String { String(format: "bench-tor-%06d", n) }
let years = ["2024/2025", "2025/2026", "2026/2027"]

/// LA n's stage, by its number among its partner's LAs (so each partner has all stages).
func stage(_ n: Int, partners: Int) -> LADocuments.Stage {
    switch (n / partners) % 4 {
    case 0: .proposedFirstVersion(proposalID: proposalID(n, partners: partners)!)
    case 1: .signedFirstVersion
    default: .changesProposed(proposalID: proposalID(n, partners: partners)!)
    }
}

/// The pending changes-proposal id of LA n (nil: signed, nothing pending).
func proposalID(_ n: Int, partners: Int) -> String? {
    switch (n / partners) % 4 {
    case 0: "bench-p-\(n)-1"
    case 1: nil
    default: "bench-p-\(n)-2"
    }
}

func laText(hei: String, n: Int, partners: Int) -> String {
    LADocuments.la(laID(n), sending: hei, receiving: partnerHEI(n % partners), stage: stage(n, partners: partners),
                   year: years[n % years.count], globalID: "urn:schac:personalUniqueCode:int:esi:\(hei):\(n)",
                   replacement: "Distributed Systems \(n % 97)")
}

typealias Options = BenchmarkOptions

func fail(_ message: String) -> Never { benchmarkFail(message) }

func seconds(since start: UInt64) -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }

func fill(_ options: Options) async throws {
    let hei = options.string("hei"), partners = options.int("partners"), batch = options.int("batch", 1000)
    let laCount = options.int("las"), torCount = options.int("tors")
    let store = try SQLiteStore(path: options.string("database"))
    let now = Date()

    var start = DispatchTime.now().uptimeNanoseconds
    var laBytes = 0
    for first in stride(from: 0, to: laCount, by: batch) {
        let numbers = first..<min(first + batch, laCount)
        let root = try XMLReader.parse(Array(LADocuments.response(numbers.map { laText(hei: hei, n: $0, partners: partners) }).utf8))
        var upserts: [OwnObject] = first == 0 ? years.map { OwnLAStorage.yearObject($0, heiID: hei, at: now) } : []
        for la in try OMobilityLAsGetResponse(root).learningAgreements {
            let object = OwnLAStorage.object(la, heiID: hei, marks: LAMarks(), revision: 1, modifiedAt: now)
            let version = LAVersion(omobilityID: la.omobilityID, revision: 1, event: .imported, at: now, actorHEI: hei,
                                    changesProposalID: la.changesProposal?.id, document: object.document ?? [])
            upserts += [object, OwnLAStorage.object(version, heiID: hei, receivingHEI: la.receivingHEI.heiID)]
            laBytes += object.document?.count ?? 0
        }
        try await store.commit(ChangeSet(upserts: upserts, notificationsExpireAt: now), now: now)
    }
    let laSeconds = seconds(since: start)

    start = DispatchTime.now().uptimeNanoseconds
    var torBytes = 0
    for first in stride(from: 0, to: torCount, by: batch) {
        let numbers = Array(first..<min(first + batch, torCount))
        let grade = ["A", "B", "C", "D", "E"][(first / batch) % 5]
        let root = try XMLReader.parse(Array(ToRDocuments.v2(numbers.map(torID), issuer: hei, grade: grade).utf8))
        let elements = root.children.filter { $0.name == "tor" }
        guard elements.count == numbers.count else { fail("ToRDocuments.v2 gave \(elements.count) tor elements for \(numbers.count) ids") }
        let objects = try zip(numbers, elements).map { n, element in
            OwnToRStorage.object(try TranscriptOfRecords(element, version: .v2), receivingHEI: hei, sendingHEI: partnerHEI(n % partners),
                                 modifiedAt: now)
        }
        torBytes += objects.reduce(0) { $0 + ($1.document?.count ?? 0) }
        try await store.commit(ChangeSet(upserts: objects, notificationsExpireAt: now), now: now)
    }
    let torSeconds = seconds(since: start)
    print(String(format: "stored %d LAs of %@ with %d partners (%.0f bytes of XML each, plus a version record each) in %.1f s, "
                 + "and %d ToRs v2 (%.0f bytes each) in %.1f s", laCount, hei, partners, Double(laBytes) / Double(max(laCount, 1)), laSeconds,
                 torCount, Double(torBytes) / Double(max(torCount, 1)), torSeconds))
}

func signer(_ path: String) throws -> RequestSigner {
    RequestSigner(key: try RSAPrivateKey(pem: String(contentsOfFile: path, encoding: .utf8)))
}

func line(_ signer: RequestSigner, host: String, path: String, contentType: String, body: String, now: Date) -> String {
    let headers = signer.sign(method: "POST", host: host, target: path, headers: [(name: "Content-Type", value: contentType)],
                              body: Array(body.utf8), now: now)
    return (["POST", path, body] + headers.map { "\($0.name): \($0.value)" }).joined(separator: "\t") + "\n"
}

func sign(_ options: Options) throws {
    let signer = try signer(options.string("key"))
    let host = options.string("host"), path = options.string("path"), count = options.int("count")
    let getIDs = options.int("get-ids", 0), fixedBody = options.values["body"] ?? ""
    // The partner's objects: n ≡ partner (mod partners), n < stored.
    let partner = options.int("partner", 0), partners = options.int("partners", 1), stored = options.int("stored", 0)
    let tors = options.values["ids"] == "tor"
    let ids = stride(from: partner, to: stored, by: partners).map { tors ? torID($0) : laID($0) }
    if getIDs > 0 && ids.count < getIDs { fail("the partner has fewer than \(getIDs) objects") }
    var generator = SystemRandomNumberGenerator()
    var out = ""
    let now = Date()
    for _ in 0..<count {
        var parts = fixedBody.isEmpty ? [] : [fixedBody]
        if getIDs > 0 { parts += ids.shuffled(using: &generator).prefix(getIDs).map { "omobility_id=\($0)" } }
        out += line(signer, host: host, path: path, contentType: "application/x-www-form-urlencoded", body: parts.joined(separator: "&"), now: now)
    }
    try out.write(toFile: options.string("out"), atomically: true, encoding: .utf8)
}

func signUpdates(_ options: Options) throws {
    let host = options.string("host"), path = options.string("path"), hei = options.string("hei")
    let partners = options.int("partners"), stored = options.int("stored"), count = options.int("count"), first = options.int("first", 0)
    let commentEvery = options.int("comment-every", 4), staleEvery = options.int("stale-every", 50)
    let signers = try (0..<partners).map { try signer(options.string("keys") + "/" + String(format: "partner-%03d.key.pem", $0)) }
    // Each partner's LAs with a pending proposal, in number order.
    var pending = [[Int]](repeating: [], count: partners)
    for n in 0..<stored where proposalID(n, partners: partners) != nil { pending[n % partners].append(n) }
    var out = ""
    let now = Date()
    for i in 0..<count {
        let g = first + i, partner = g % partners, slot = g / partners
        guard slot < pending[partner].count else { fail("partner \(partner) has only \(pending[partner].count) LAs with a pending proposal") }
        let n = pending[partner][slot]
        let stale = staleEvery > 0 && (i + 1) % staleEvery == 0
        let comment = commentEvery > 0 && (i + 1) % commentEvery == 0 ? "Course \(n) clashes with our timetable; please propose another." : nil
        let body = LADocuments.update(sending: hei, omobilityID: laID(n),
                                      proposalID: stale ? "bench-p-\(n)-0" : proposalID(n, partners: partners)!, comment: comment)
        out += line(signers[partner], host: host, path: path, contentType: "text/xml", body: body, now: now)
    }
    try out.write(toFile: options.string("out"), atomically: true, encoding: .utf8)
}

let arguments = CommandLine.arguments.dropFirst()
switch arguments.first {
case "fill": try await fill(Options(arguments.dropFirst()))
case "sign": try sign(Options(arguments.dropFirst()))
case "sign-updates": try signUpdates(Options(arguments.dropFirst()))
default: fail("usage: ewp-bench-las fill|sign|sign-updates --option value ... (see Benchmarks/LABench/main.swift)")
}
