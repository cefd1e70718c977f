// iia-hash benchmark (release build): IIAs hashed per second on a realistic IIA with 10 cooperation
// conditions, from an already parsed `XElement` and from the response bytes (parse included).
//
//   swift build -c release --product ewp-bench-iiahash
//   .build/release/ewp-bench-iiahash [rounds]
//   .build/release/ewp-bench-iiahash --xml      prints the benchmark's get-response (valid against the official XSD)
//
// Each round hashes for about half a second; the figure printed is the median round. Times are
// this thread's CPU time, less sensitive than wall time to other processes on a busy machine.
import Foundation
import EWPModel
import EWPXML

let bytes = Array(RealisticIIA.document(conditions: 10).utf8)
if CommandLine.arguments.dropFirst().first == "--xml" {
    FileHandle.standardOutput.write(Data(bytes))
    exit(0)
}
let rounds = CommandLine.arguments.count >= 2 ? max(1, Int(CommandLine.arguments[1]) ?? 7) : 7
let root = try XMLReader.parse(bytes)
guard let iia = root.children.first(where: { $0.name == "iia" }) else { fatalError("no iia in the benchmark document") }
let text = IIAHash.textToHash(iia)

func cpuNanoseconds() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

/// Runs `body` in batches for about `seconds` of CPU time per round; returns the median calls/s.
func perSecond(_ body: () throws -> String) rethrows -> Double {
    var rates: [Double] = []
    var sink = 0
    for _ in 0..<rounds {
        let start = cpuNanoseconds()
        var calls = 0
        while cpuNanoseconds() - start < 500_000_000 {
            for _ in 0..<50 { sink &+= try body().utf8.count }
            calls += 50
        }
        rates.append(Double(calls) / (Double(cpuNanoseconds() - start) / 1e9))
    }
    precondition(sink > 0)
    return rates.sorted()[rates.count / 2]
}

let hashOnly = perSecond { IIAHash.hash(iia) }
let parseAndHash = try perSecond {
    let parsed = try XMLReader.parse(bytes)
    return IIAHash.hash(parsed.children.first { $0.name == "iia" }!)
}

func rate(_ x: Double) -> String {
    let f = NumberFormatter()
    f.numberStyle = .decimal
    f.maximumFractionDigits = 0
    return f.string(from: NSNumber(value: x)) ?? String(Int(x))
}

print("""
iia-hash: one IIA with 10 cooperation conditions, \(bytes.count) bytes of XML, text-to-hash \(text.utf8.count) bytes
  hash \(IIAHash.hash(iia)), valid for approval: \(IIAHash.isValidForApproval(iia))
  from a parsed XElement:        \(rate(hashOnly)) IIAs/s (\(String(format: "%.1f", 1e6 / hashOnly)) µs each)
  parse included (bytes → hash): \(rate(parseAndHash)) IIAs/s (\(String(format: "%.1f", 1e6 / parseAndHash)) µs each)
  median of \(rounds) rounds of 0.5 s CPU time each
""")
