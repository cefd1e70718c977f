import Foundation

/// `X-Request-Id` values: canonical lowercase UUIDs.
public enum RequestId {
    /// A fresh random (version 4) UUID in canonical lowercase form.
    public static func fresh() -> String { UUID().uuidString.lowercased() }

    /// `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` with lowercase hex digits only.
    public static func isCanonical(_ s: String) -> Bool {
        let bytes = Array(s.utf8)
        guard bytes.count == 36 else { return false }
        for (i, b) in bytes.enumerated() {
            if i == 8 || i == 13 || i == 18 || i == 23 {
                guard b == UInt8(ascii: "-") else { return false }
            } else {
                guard (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x66) else { return false }
            }
        }
        return true
    }
}
