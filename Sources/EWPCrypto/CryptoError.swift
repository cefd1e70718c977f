internal import COpenSSL

/// A failure of the crypto layer. `message` says what we tried and, where OpenSSL failed,
/// OpenSSL's own error strings (the thread-local error queue, drained).
public struct CryptoError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }

    /// Builds an error from `context` plus everything on OpenSSL's error queue, and empties the queue
    /// so that a later, unrelated call does not report stale errors.
    static func openSSL(_ context: String) -> CryptoError {
        let details = OpenSSLErrorQueue.drain()
        return CryptoError(details.isEmpty ? context : "\(context): \(details.joined(separator: "; "))")
    }
}

enum OpenSSLErrorQueue {
    /// Returns and removes all pending errors of this thread.
    static func drain() -> [String] {
        var out: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            var buf = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buf, buf.count)
            out.append(String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return out
    }

    /// Discards pending errors (after a failure that is an expected outcome, such as a bad signature).
    static func clear() { ERR_clear_error() }
}
