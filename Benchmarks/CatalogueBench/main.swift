// Catalogue parse + index benchmark (release build): time and peak memory of turning catalogue bytes into
// an indexed `Catalogue`, plus the cost of lookups and of key decoding.
//
//   swift build -c release --product ewp-bench-catalogue
//   .build/release/ewp-bench-catalogue Benchmarks/out/catalogue-5000.xml [iterations]
//
// Memory is read from /proc/self/status before any parse: "extra peak" = VmHWM after the first
// parse − VmRSS before it (the document bytes are already loaded and not counted).
import Foundation
import EWPRegistry
import EWPXML

let args = CommandLine.arguments
guard args.count >= 2 else {
    FileHandle.standardError.write(Data("usage: ewp-bench-catalogue CATALOGUE.xml [iterations]\n".utf8))
    exit(2)
}
let iterations = args.count >= 3 ? max(1, Int(args[2]) ?? 5) : 5
let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: args[1])))
let before = ProcStatus.read()

// First parse: memory.
let t0 = Clock.now()
let first = try Catalogue.parse(bytes)
let firstMs = Clock.ms(since: t0)
let peak = ProcStatus.read()

var totals: [Double] = [firstMs]
var xmlOnly: [Double] = []
var indexOnly: [Double] = []
for _ in 1..<iterations {
    let a = Clock.now()
    let root = try XMLReader.parse(bytes, maxBytes: Catalogue.maxBytes)
    let b = Clock.now()
    let c = try Catalogue(root: root)
    let e = Clock.now()
    xmlOnly.append(Clock.ms(a, b))
    indexOnly.append(Clock.ms(b, e))
    let t = Clock.now()
    let again = try Catalogue.parse(bytes)
    totals.append(Clock.ms(since: t))
    precondition(again.hostCount == c.hostCount)
}
let retained = ProcStatus.read()

let lookups = LookupBench.run(first)

print("""
catalogue: \(args[1])
  size \(String(format: "%.1f", Double(bytes.count) / 1_048_576)) MiB, \(first.hostCount) hosts, \(first.heiCount) HEIs, \
\(first.keyCount) keys (\(first.clientKeyCount) client, \(first.serverKeyCount) server), \(first.apiEntries.count) API entries
parse + index (Catalogue.parse), \(iterations) runs: first \(Clock.f(firstMs)) ms, median \(Clock.f(Clock.median(totals))) ms, \
min \(Clock.f(totals.min()!)) ms
  of which XMLReader.parse median \(xmlOnly.isEmpty ? "n/a" : Clock.f(Clock.median(xmlOnly))) ms, \
index median \(indexOnly.isEmpty ? "n/a" : Clock.f(Clock.median(indexOnly))) ms
memory: RSS before \(before.rssMB) MB, peak (VmHWM) after first parse \(peak.hwmMB) MB → extra peak \(peak.hwmMB - before.rssMB) MB; \
RSS with catalogue retained \(retained.rssMB) MB
\(lookups)
""")
