extension Substring {
    /// XPath `normalize-space`-like trim of XML whitespace (space, tab, CR, LF) at both ends.
    func trimmingWhitespace() -> String {
        let u = utf8
        func isWS(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        guard let first = u.firstIndex(where: { !isWS($0) }), let last = u.lastIndex(where: { !isWS($0) }) else { return "" }
        return String(self[first...last])
    }
}

extension String {
    /// XPath `normalize-space`-like trim of XML whitespace at both ends; no copy when there is nothing to trim.
    func trimmingWhitespace() -> String {
        guard let f = utf8.first, let l = utf8.last else { return self }
        func isWS(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        if !isWS(f) && !isWS(l) { return self }
        return self[...].trimmingWhitespace()
    }

    /// `lowercased()`, without allocating for the common case of ASCII text that is already lowercase.
    func asciiLowercased() -> String {
        if !utf8.contains(where: { ($0 >= 65 && $0 <= 90) || $0 >= 128 }) { return self }
        return lowercased()
    }
}
