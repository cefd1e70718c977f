/// Text a caller (a client, or a partner's response) sent us, made safe to quote in an error message
/// or a log line: a hostile peer must not make us echo (or log) megabytes of its own input.
public enum CallerText {
    /// The default number of characters quoted.
    public static let excerptLimit = 80

    /// `text` itself when it has at most `limit` characters; else its first `limit` characters
    /// followed by `…(N bytes)`, N being the full UTF-8 size. Control characters become `?` so an
    /// excerpt cannot break a log line.
    public static func excerpt(_ text: some StringProtocol, limit: Int = excerptLimit) -> String {
        var out = ""
        var count = 0
        for character in text {
            guard count < limit else {
                return out + "…(\(text.utf8.count) bytes)"
            }
            out.append(character.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F } ? "?" : character)
            count += 1
        }
        return out
    }
}
