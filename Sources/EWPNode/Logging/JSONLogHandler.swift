import Foundation
import Logging
import Synchronization

/// Structured logs: one JSON object a line on stderr (time, level, label, message, metadata such as
/// request_id), for log shippers to read without parsing prose. Strings are quoted by `JSONText`;
/// the line is put together here, because every request logs one.
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    private let label: String
    private static let output = Mutex<Void>(())

    public init(label: String) {
        self.label = label
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var line = "{\"time\":\"" + Self.timestamp(Date()) + "\",\"level\":\"" + event.level.rawValue + "\""
        line += ",\"label\":" + JSONText.quoted(label) + ",\"message\":" + JSONText.quoted(event.message.description)
        let merged = event.metadata.map { metadata.merging($0, uniquingKeysWith: { _, new in new }) } ?? metadata
        for key in merged.keys.sorted() {
            line += "," + JSONText.quoted(key) + ":" + Self.json(merged[key]!)
        }
        line += "}\n"
        let bytes = Data(line.utf8)
        Self.output.withLock { _ in FileHandle.standardError.write(bytes) }
    }

    static func json(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let string): return JSONText.quoted(string)
        case .stringConvertible(let convertible):
            if convertible is Int || convertible is Double { return convertible.description }
            return JSONText.quoted(convertible.description)
        case .array(let array): return "[" + array.map(json).joined(separator: ",") + "]"
        case .dictionary(let dictionary):
            return "{" + dictionary.keys.sorted().map { JSONText.quoted($0) + ":" + json(dictionary[$0]!) }.joined(separator: ",") + "}"
        }
    }

    /// RFC 3339 UTC with milliseconds, e.g. 2026-11-29T17:40:00.123Z. Digits written by hand: every
    /// request logs a line, and `String(format:)` goes through Foundation's formatter.
    static func timestamp(_ date: Date) -> String {
        let totalMillis = Int64((date.timeIntervalSince1970 * 1000).rounded())
        var seconds = time_t(totalMillis / 1000)
        let millis = Int(totalMillis % 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        var out = [UInt8]()
        out.reserveCapacity(24)
        func digits(_ value: Int, _ width: Int) {
            var divisor = 1
            for _ in 1..<width { divisor *= 10 }
            while divisor > 0 { out.append(UInt8(ascii: "0") + UInt8(value / divisor % 10)); divisor /= 10 }
        }
        digits(Int(parts.tm_year) + 1900, 4); out.append(UInt8(ascii: "-"))
        digits(Int(parts.tm_mon) + 1, 2); out.append(UInt8(ascii: "-"))
        digits(Int(parts.tm_mday), 2); out.append(UInt8(ascii: "T"))
        digits(Int(parts.tm_hour), 2); out.append(UInt8(ascii: ":"))
        digits(Int(parts.tm_min), 2); out.append(UInt8(ascii: ":"))
        digits(Int(parts.tm_sec), 2); out.append(UInt8(ascii: "."))
        digits(millis, 3); out.append(UInt8(ascii: "Z"))
        return String(decoding: out, as: UTF8.self)
    }
}
