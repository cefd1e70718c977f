import Foundation
import EWPCore
import EWPRegistry

enum Clock {
    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
    /// CPU time of this thread (less sensitive than wall time to other processes on a busy machine).
    static func cpu() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }
    static func ms(_ a: UInt64, _ b: UInt64) -> Double { Double(b - a) / 1e6 }
    static func ms(since a: UInt64) -> Double { ms(a, now()) }
    static func median(_ xs: [Double]) -> Double { let s = xs.sorted(); return s[s.count / 2] }
    static func f(_ x: Double) -> String { String(format: "%.1f", x) }
}

/// VmRSS / VmHWM from /proc/self/status, in MB (Linux).
struct ProcStatus {
    var rssMB = 0
    var hwmMB = 0
    static func read() -> ProcStatus {
        var s = ProcStatus()
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return s }
        for line in text.split(separator: "\n") {
            let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard parts.count >= 2, let kb = Int(parts[1]) else { continue }
            if parts[0] == "VmRSS:" { s.rssMB = kb / 1024 }
            if parts[0] == "VmHWM:" { s.hwmMB = kb / 1024 }
        }
        return s
    }
}

/// Per-request lookups on the parsed catalogue, and what decoding every key up front would cost.
enum LookupBench {
    static func run(_ c: Catalogue) -> String {
        let heis = c.hosts.flatMap(\.heiIDs).map(HEIID.init)
        let clientKeys = c.hosts.flatMap(\.clientKeyIDs)
        guard !heis.isEmpty, !clientKeys.isEmpty else { return "lookups: catalogue has no HEIs or keys" }
        let iiasNS = "https://github.com/erasmus-without-paper/ewp-specs-api-iias/blob/stable-v7/manifest-entry.xsd"
        let n = 100_000
        var found = 0
        var t = Clock.now()
        for i in 0..<n where c.endpoint(hei: heis[i % heis.count], apiNamespace: iiasNS, apiName: "iias", majorVersion: 7) != nil {
            found += 1
        }
        let endpointNs = Double(Clock.now() - t) / Double(n)
        t = Clock.now()
        var covered = 0
        for i in 0..<n { covered += c.heis(coveredByClientKey: clientKeys[i % clientKeys.count]).count }
        let heisNs = Double(Clock.now() - t) / Double(n)
        let k = clientKeys[0]
        t = Clock.now()
        let firstKey = c.clientKey(keyId: k)
        let firstDecodeUs = Double(Clock.now() - t) / 1e3
        t = Clock.now()
        for _ in 0..<n { _ = c.clientKey(keyId: k) }
        let cachedNs = Double(Clock.now() - t) / Double(n)
        // Every key once: what an eager decode at parse time would add.
        let all = Set(c.hosts.flatMap { $0.clientKeyIDs + $0.serverKeyIDs })
        t = Clock.now()
        var bad = 0
        for id in all where c.publicKey(keyId: id) == nil { bad += 1 }
        let allMs = Clock.ms(since: t)
        return """
        lookups: endpoint(hei, iias, 7) \(Clock.f(endpointNs)) ns (\(found)/\(n) found); heis(coveredByClientKey:) \
        \(Clock.f(heisNs)) ns; clientKey first use (decode + SHA-256 check) \(Clock.f(firstDecodeUs)) µs\
        \(firstKey == nil ? " [NOT FOUND]" : ""), cached \(Clock.f(cachedNs)) ns
        decoding all \(all.count) referenced keys: \(Clock.f(allMs)) ms (\(bad) rejected) — done lazily, not at parse
        """
    }
}
