internal import COpenSSL

/// Small helpers around OpenSSL memory BIOs, used to read and write PEM text.
enum MemoryBIO {
    /// Runs `body` with a read-only BIO over the UTF-8 bytes of `text`.
    static func reading<T>(_ text: String, _ body: (OpaquePointer) -> T?) -> T? {
        var bytes = Array(text.utf8)
        if bytes.isEmpty { bytes = [0] }   // BIO_new_mem_buf needs a valid pointer
        let count = text.utf8.count
        return bytes.withUnsafeBytes { raw -> T? in
            guard let bio = BIO_new_mem_buf(raw.baseAddress, Int32(count)) else { return nil }
            defer { BIO_free(bio) }
            return body(bio)
        }
    }

    /// Runs `write` on a fresh memory BIO and returns what was written, or nil if `write` failed.
    static func writing(_ write: (OpaquePointer) -> Bool) -> String? {
        guard let bio = BIO_new(BIO_s_mem()) else { return nil }
        defer { BIO_free(bio) }
        guard write(bio) else { return nil }
        var data: UnsafeMutablePointer<CChar>? = nil
        let length = ewp_bio_get_mem_data(bio, &data)
        guard length >= 0, let data else { return "" }
        return data.withMemoryRebound(to: UInt8.self, capacity: Int(length)) {
            String(decoding: UnsafeBufferPointer(start: $0, count: Int(length)), as: UTF8.self)
        }
    }
}
