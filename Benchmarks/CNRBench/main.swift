// ewp-bench-cnr: the store side of the CNR benchmarks (Benchmarks/cnr.sh), through EWPStore only.
//
//   ewp-bench-cnr outbox --database sqlite:A.sqlite --local A-HEI --partner B-HEI --count 10000 --pid NODE_A_PID [--warmup 500]
//       After an optional warm-up round of `warmup` rows (delivered before measuring), queues `count`
//       outbox rows (api iia-cnr, distinct object ids) in ONE enqueue call while node A runs, then polls
//       the queue summary and A's /proc/PID/status every 100 ms until no row of this round is pending,
//       and reports: rows delivered per second (first to last finishedAt), every row's final state, and
//       A's resident memory before queueing, its peak while delivering (VmHWM, reset through
//       /proc/PID/clear_refs before queueing when the kernel allows it, and the largest VmRSS sample),
//       at each tenth of the rows delivered, and after.
//   ewp-bench-cnr summary --database sqlite:B.sqlite --queue inbound [--partner HEI] [--times 1] [--since EPOCH --until EPOCH]
//       Counts per state; with --times or a window also the first and last finishedAt, and with a window
//       the rows that left `pending` inside it.
//   ewp-bench-cnr copies --database sqlite:B.sqlite --api iias --local B-HEI --partner P-HEI
//       How many partner copies the pulls stored: in all, with a document, with our own hash.
//
// Output: `key=value` lines (for the script), then a readable block. Exit status 1 when something is wrong
// (a row not delivered, the timeout reached).
import EWPStore
import EWPStoreOpener
import Foundation

struct Arguments {
    var values: [String: String] = [:]
    let command: String

    init(_ argv: [String]) throws {
        guard let first = argv.first else { throw BenchError("usage: ewp-bench-cnr outbox|summary|copies --database sqlite:PATH ...") }
        command = first
        var i = 1
        while i < argv.count {
            let name = argv[i]
            guard name.hasPrefix("--"), i + 1 < argv.count else { throw BenchError("expected --name value, got \(name)") }
            values[String(name.dropFirst(2))] = argv[i + 1]
            i += 2
        }
    }

    func string(_ name: String, default fallback: String? = nil) throws -> String {
        guard let value = values[name] ?? fallback else { throw BenchError("--\(name) is required") }
        return value
    }

    func number(_ name: String, default fallback: Double? = nil) throws -> Double {
        let text = try string(name, default: fallback.map { "\($0)" })
        guard let value = Double(text) else { throw BenchError("--\(name) must be a number (got \(text))") }
        return value
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// VmRSS / VmHWM of a process, in kB (Linux /proc).
struct Memory {
    var rssKB = 0
    var hwmKB = 0

    static func of(pid: Int32) -> Memory? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        var memory = Memory()
        for line in text.split(separator: "\n") {
            let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard parts.count >= 2, let kb = Int(parts[1]) else { continue }
            if parts[0] == "VmRSS:" { memory.rssKB = kb }
            if parts[0] == "VmHWM:" { memory.hwmKB = kb }
        }
        return memory
    }

    /// Resets the process's peak resident set (VmHWM) to its current size ("5" > clear_refs, Linux ≥ 4.0).
    static func resetPeak(pid: Int32) -> Bool {
        guard let handle = FileHandle(forWritingAtPath: "/proc/\(pid)/clear_refs") else { return false }
        defer { try? handle.close() }
        do { try handle.write(contentsOf: Data("5".utf8)) } catch { return false }
        return true
    }
}

func mb(_ kb: Int) -> String { String(format: "%.1f", Double(kb) / 1024) }
func f1(_ x: Double) -> String { String(format: "%.1f", x) }

/// The counts of `summary` for one partner (all APIs) by state.
func counts(_ summary: QueueSummary, partner: String?) -> [QueueState: Int] {
    var result: [QueueState: Int] = [:]
    for count in summary.counts where partner == nil || count.partnerHEI == partner {
        result[count.state, default: 0] += count.count
    }
    return result
}

func describe(_ states: [QueueState: Int]) -> String {
    QueueState.allCases.compactMap { state in states[state].map { "\(state.rawValue) \($0)" } }.joined(separator: ", ")
}

/// Queues `count` rows in one enqueue call and polls until none of them is pending, sampling the node's
/// memory every 100 ms. Returns the enqueue time, whether all left `pending` in time, and the samples.
func queueAndWait(_ store: any Store, keys: [NotificationKey], partner: String, pid: Int32, timeout: Double)
    async throws -> (enqueueStart: Date, enqueued: Date, done: Bool, samples: [(delivered: Int, rssKB: Int)]) {
    let before = counts(try await store.queueSummary(.outbox, now: Date()), partner: partner)
    // One enqueue call, due at once (no settling): the rows are all claimable the moment it commits.
    let enqueueStart = Date()
    try await store.enqueue(.outbox, keys, now: enqueueStart, expiresAt: enqueueStart.addingTimeInterval(72 * 3600))
    let enqueued = Date()
    var samples: [(delivered: Int, rssKB: Int)] = []
    var lastProgress = enqueued
    while Date().timeIntervalSince(enqueued) < timeout {
        guard let memory = Memory.of(pid: pid) else { throw BenchError("node process \(pid) ended during the run") }
        let now = Date()
        let states = counts(try await store.queueSummary(.outbox, now: now), partner: partner)
        let pending = states[.pending, default: 0] - before[.pending, default: 0]
        samples.append((keys.count - max(0, pending), memory.rssKB))
        if pending <= 0 { return (enqueueStart, enqueued, true, samples) }
        if now.timeIntervalSince(lastProgress) >= 5 {
            FileHandle.standardError.write(Data("[ewp-bench-cnr] \(f1(now.timeIntervalSince(enqueued))) s: \(describe(states))\n".utf8))
            lastProgress = now
        }
        try await Task.sleep(for: .milliseconds(100))
    }
    FileHandle.standardError.write(Data("[ewp-bench-cnr] timeout after \(timeout) s\n".utf8))
    return (enqueueStart, enqueued, false, samples)
}

func outbox(_ args: Arguments) async throws -> Bool {
    let store = try await StoreOpener.open(try args.string("database"))
    let local = try args.string("local"), partner = try args.string("partner")
    let count = Int(try args.number("count", default: 10_000))
    let warmup = Int(try args.number("warmup", default: 0))
    let pid = Int32(try args.number("pid"))
    let timeout = try args.number("timeout", default: 600)
    let api = try args.string("api", default: "iia-cnr")
    let prefix = try args.string("prefix", default: "bench-out-\(Int(Date().timeIntervalSince1970))-")
    let keys = { (tag: String, n: Int) in
        (0..<n).map { NotificationKey(api: api, localHEI: local, partnerHEI: partner, objectID: "\(prefix)\(tag)\($0)") }
    }

    // A warm-up round first (connections, allocator arenas, statement caches), so that what the
    // measured round adds to the resident set is what the queue's length costs.
    var warmupLine = "none"
    if warmup > 0 {
        let start = Memory.of(pid: pid)
        let round = try await queueAndWait(store, keys: keys("warmup-", warmup), partner: partner, pid: pid, timeout: timeout)
        guard round.done else { throw BenchError("the \(warmup) warm-up rows were not all finished within \(timeout) s") }
        warmupLine = "\(warmup) rows in \(String(format: "%.2f", Date().timeIntervalSince(round.enqueued))) s, RSS \(mb(start?.rssKB ?? 0)) -> \(mb(round.samples.last?.rssKB ?? 0)) MB"
        try await Task.sleep(for: .seconds(1))
    }

    guard let before = Memory.of(pid: pid) else { throw BenchError("no process \(pid) (/proc/\(pid)/status unreadable)") }
    let peakReset = Memory.resetPeak(pid: pid)
    let round = try await queueAndWait(store, keys: keys("", count), partner: partner, pid: pid, timeout: timeout)
    let after = Memory.of(pid: pid) ?? Memory()
    let maxRSS = max(before.rssKB, after.rssKB, round.samples.map(\.rssKB).max() ?? 0)
    // The resident set as the rows went out: the first sample at or past each tenth of the rows.
    let byProgress = (0...10).map { tenth -> String in
        let sample = round.samples.first { $0.delivered * 10 >= tenth * count } ?? round.samples.last
        return sample.map { mb($0.rssKB) } ?? "-"
    }

    // Every row of this round: its final state and when it was finished.
    let rows = try await store.queueRows(.outbox, filter: QueueFilter(api: api, partnerHEI: partner, limit: count + warmup + 1000))
        .filter { $0.key.objectID.hasPrefix(prefix) && !$0.key.objectID.hasPrefix(prefix + "warmup-") }
    var states: [QueueState: Int] = [:]
    for row in rows { states[row.state, default: 0] += 1 }
    let finished = rows.filter { $0.state == .delivered }.compactMap(\.finishedAt).sorted()
    let first = finished.first, last = finished.last
    let span = (first != nil && last != nil) ? last!.timeIntervalSince(first!) : 0
    let rate = span > 0 ? Double(finished.count - 1) / span : 0
    let fromEnqueue = last.map { $0.timeIntervalSince(round.enqueued) } ?? 0
    // Per-second delivery counts (whole seconds from the first delivery), for the steadiness of the rate.
    var buckets: [Int: Int] = [:]
    if let first { for t in finished { buckets[Int(t.timeIntervalSince(first)), default: 0] += 1 } }
    let full = buckets.keys.sorted().dropFirst().dropLast().map { buckets[$0]! }.sorted()
    let peakHWM = peakReset ? after.hwmKB : max(after.hwmKB, before.hwmKB)

    let ok = round.done && rows.count == count && states[.delivered] == count
    let lines: [(String, String)] = [
        ("rows", "\(count)"), ("rows_found", "\(rows.count)"), ("states", describe(states)),
        ("all_delivered", ok ? "yes" : "no"), ("warmup", warmupLine),
        ("enqueue_ms", f1(round.enqueued.timeIntervalSince(round.enqueueStart) * 1000)),
        ("delivered_per_s", f1(rate)), ("first_to_last_s", String(format: "%.2f", span)),
        ("enqueue_to_last_s", String(format: "%.2f", fromEnqueue)),
        ("per_second_min_median_max", full.isEmpty ? "-" : "\(full.first!) / \(full[full.count / 2]) / \(full.last!)"),
        ("per_second", buckets.keys.sorted().map { "\(buckets[$0]!)" }.joined(separator: " ")),
        ("first_delivered_epoch", first.map { String(format: "%.3f", $0.timeIntervalSince1970) } ?? "-"),
        ("rss_before_mb", mb(before.rssKB)), ("hwm_before_mb", mb(before.hwmKB)),
        ("peak_reset", peakReset ? "yes" : "no"), ("hwm_run_mb", mb(peakHWM)),
        ("rss_max_sample_mb", mb(maxRSS)), ("rss_samples", "\(round.samples.count)"), ("rss_after_mb", mb(after.rssKB)),
        ("rss_by_tenth_mb", byProgress.joined(separator: " ")),
        ("peak_growth_mb", mb(peakHWM - before.rssKB)),
    ]
    for (key, value) in lines { print("\(key)=\(value)") }
    return ok
}

func summary(_ args: Arguments) async throws -> Bool {
    let store = try await StoreOpener.open(try args.string("database"))
    guard let queue = EWPStore.NotificationQueue(rawValue: try args.string("queue", default: "inbound")) else {
        throw BenchError("--queue must be outbox or inbound")
    }
    let partner = args.values["partner"]
    let states = counts(try await store.queueSummary(queue, now: Date()), partner: partner)
    print("states=\(describe(states))")
    for state in QueueState.allCases { print("\(state.rawValue)=\(states[state, default: 0])") }
    guard args.values["since"] != nil || args.values["times"] != nil else { return true }
    // Reads every row of the queue (for this partner): only when asked.
    let total = states.values.reduce(0, +)
    let rows = try await store.queueRows(queue, filter: QueueFilter(partnerHEI: partner, limit: total + 10))
    let finished = rows.compactMap { $0.finishedAt?.timeIntervalSince1970 }
    print("first_finished_epoch=\(finished.min().map { String(format: "%.3f", $0) } ?? "-")")
    print("last_finished_epoch=\(finished.max().map { String(format: "%.3f", $0) } ?? "-")")
    if let since = args.values["since"].flatMap(Double.init), let until = args.values["until"].flatMap(Double.init) {
        var inWindow: [QueueState: Int] = [:]
        for row in rows {
            guard let at = row.finishedAt?.timeIntervalSince1970, at >= since, at <= until else { continue }
            inWindow[row.state, default: 0] += 1
        }
        print("finished_in_window=\(describe(inWindow))")
        print("delivered_in_window=\(inWindow[.delivered, default: 0])")
    }
    return true
}

func copies(_ args: Arguments) async throws -> Bool {
    let store = try await StoreOpener.open(try args.string("database"))
    let all = try await store.partnerCopies(api: try args.string("api", default: "iias"), localHEI: args.values["local"],
                                            partnerHEI: args.values["partner"], includeDeleted: true)
    print("copies=\(all.count)")
    print("with_document=\(all.filter { $0.document != nil }.count)")
    print("with_hash=\(all.filter { $0.hash != nil }.count)")
    return true
}

do {
    let args = try Arguments(Array(CommandLine.arguments.dropFirst()))
    let ok: Bool
    switch args.command {
    case "outbox": ok = try await outbox(args)
    case "summary": ok = try await summary(args)
    case "copies": ok = try await copies(args)
    default: throw BenchError("unknown command \(args.command) (outbox, summary, copies)")
    }
    exit(ok ? 0 : 1)
} catch {
    FileHandle.standardError.write(Data("ewp-bench-cnr: \(error)\n".utf8))
    exit(2)
}
