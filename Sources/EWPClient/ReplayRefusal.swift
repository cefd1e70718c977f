import HTTPTypes

/// Recognises a partner's refusal of a request as a replay (same X-Request-Id seen before), from its
/// status and developer-message. Nodes word it differently; ours says "X-Request-Id … was already
/// used by this key", others "replay" or "used before". Only meaningful right after a lost
/// connection, when the partner may have read an earlier attempt (see `EWPClient.call`).
public enum ReplayRefusal {
    public static func matches(status: Int, developerMessage: String?) -> Bool {
        guard [HTTPResponse.Status.badRequest.code, HTTPResponse.Status.unauthorized.code].contains(status), let message = developerMessage?.lowercased() else { return false }
        if message.contains("replay") { return true }
        return message.contains("x-request-id") && (message.contains("already used") || message.contains("used before")
                                                    || message.contains("already seen") || message.contains("duplicate"))
    }
}
