// Catalogue parse + index benchmark (release build): time and peak memory of turning catalogue bytes into
// an indexed `Catalogue`, plus the cost of lookups and of key decoding.
//
//   swift build -c release --product ewp-bench-catalogue
//   .build/release/ewp-bench-catalogue Benchmarks/out/catalogue-5000.xml [iterations]
//
// With EWP_BENCH_SCHEMA=path/to/catalogue.xsd (and EWP_BENCH_XML_CATALOG=xml-catalog.xml for offline
// imports) it also times one XSD validation, which RegistryClient does before parsing a new catalogue.
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
var cpuTotals: [Double] = []
for _ in 1..<iterations {
    let t = Clock.now()
    let c0 = Clock.cpu()
    let again = try Catalogue.parse(bytes)
    cpuTotals.append(Clock.ms(c0, Clock.cpu()))
    totals.append(Clock.ms(since: t))
    precondition(again.hostCount == first.hostCount)
}
let retained = ProcStatus.read()

// For comparison only (after the memory readings): the hardened libxml2 reader building an XElement tree.
let tt = Clock.now()
let tree = try XMLReader.parse(bytes, maxBytes: Catalogue.maxBytes)
let treeMs = Clock.ms(since: tt)
precondition(tree.children.count >= first.hostCount)

let lookups = LookupBench.run(first)

var validation = "XSD validation: not measured (set EWP_BENCH_SCHEMA)"
if let schemaPath = ProcessInfo.processInfo.environment["EWP_BENCH_SCHEMA"] {
    XMLSetup.configure(catalogPath: ProcessInfo.processInfo.environment["EWP_BENCH_XML_CATALOG"])
    let schema = try XSDSchema(contentsOf: schemaPath)
    let v = Clock.now()
    let problems = schema.validate(bytes)
    validation = "XSD validation (catalogue.xsd, once): \(Clock.f(Clock.ms(since: v))) ms, \(problems.count) problems"
}

print("""
catalogue: \(args[1])
  size \(String(format: "%.1f", Double(bytes.count) / 1_048_576)) MiB, \(first.hostCount) hosts, \(first.heiCount) HEIs, \
\(first.keyCount) keys (\(first.clientKeyCount) client, \(first.serverKeyCount) server), \(first.apiEntries.count) API entries
parse + index (Catalogue.parse), \(iterations) runs: first \(Clock.f(firstMs)) ms, median \(Clock.f(Clock.median(totals))) ms, \
min \(Clock.f(totals.min()!)) ms; CPU time median \(cpuTotals.isEmpty ? "n/a" : Clock.f(Clock.median(cpuTotals))) ms, \
min \(cpuTotals.isEmpty ? "n/a" : Clock.f(cpuTotals.min()!)) ms
  (for comparison, XMLReader.parse into an XElement tree alone: \(Clock.f(treeMs)) ms)
memory: RSS before \(before.rssMB) MB, peak (VmHWM) after first parse \(peak.hwmMB) MB → extra peak \(peak.hwmMB - before.rssMB) MB; \
RSS with catalogue retained \(retained.rssMB) MB
\(lookups)
\(validation)
""")
