import HTTPTypes

/// Turns libcurl's header lines into the final response's `HTTPFields`.
///
/// A new status line (`HTTP/...`) starts over, so interim responses (100 Continue) and redirects
/// leave nothing behind. Obsolete line folding is joined to the previous value with one space.
/// `HTTPFields` holds only valid token names: a line whose name is not one is dropped (no client
/// could sign or read such a header), and CR, LF or NUL inside a value become spaces.
struct ResponseHeaderCollector {
    /// Upper bound on all header bytes of a response, interim responses included.
    static let maxHeaderBytes = 1 << 20
    /// Upper bound on the final response's header fields (`HTTPFields` traps at 65,535; a megabyte
    /// of tiny lines would pass `maxHeaderBytes` but not this).
    static let maxFields = 10_000

    private(set) var headers = HTTPFields()
    private(set) var totalBytes = 0

    /// Returns false when the headers exceed `maxHeaderBytes` or `maxFields`.
    mutating func consume(_ line: UnsafeRawBufferPointer) -> Bool {
        totalBytes += line.count
        guard totalBytes <= Self.maxHeaderBytes else { return false }
        consume(Array(line))
        return headers.count <= Self.maxFields
    }

    mutating func consume(_ raw: [UInt8]) {
        var line = raw[...]
        while let last = line.last, last == UInt8(ascii: "\n") || last == UInt8(ascii: "\r") {
            line.removeLast()
        }
        if line.starts(with: "HTTP/".utf8) {
            headers = HTTPFields()
            return
        }
        guard let first = line.first else { return }
        if first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") {
            guard !headers.isEmpty else { return }
            let folded = Self.trimmed(line)
            if !folded.isEmpty {
                let previous = headers[headers.count - 1].value
                headers[headers.count - 1].value = previous.isEmpty ? folded : previous + " " + folded
            }
            return
        }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")),
              let name = HTTPField.Name(Self.trimmed(line[..<colon])) else { return }
        headers.append(HTTPField(name: name, value: Self.trimmed(line[line.index(after: colon)...])))
    }

    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> String {
        var s = bytes
        while let f = s.first, f == UInt8(ascii: " ") || f == UInt8(ascii: "\t") { s.removeFirst() }
        while let l = s.last, l == UInt8(ascii: " ") || l == UInt8(ascii: "\t") { s.removeLast() }
        return String(decoding: s, as: UTF8.self)
    }
}
