/// How long and how many connections the HTTP server keeps: a client that opens
/// connections and sends half a request must not hold them, nor the process's file descriptors.
/// - `idleTimeout` (EWP_HTTP_IDLE_TIMEOUT): a connection on which no complete request header arrives
///   for this long is closed, whether it sits idle between requests or sends a header slowly or in
///   part (Hummingbird's idle timeout: nothing counts as activity before the header is complete).
/// - `readTimeout` (EWP_HTTP_READ_TIMEOUT): the time a request's body may take to arrive once its
///   header has; a slower body closes the connection (`RequestBodyTimeoutHandler`).
/// - `maxConnections` (EWP_HTTP_MAX_CONNECTIONS): open connections at once; beyond it the server stops
///   accepting (new ones wait in the kernel's backlog) until one closes.
public struct HTTPServerLimits: Sendable, Equatable {
    public var idleTimeout: Duration
    public var readTimeout: Duration
    public var maxConnections: Int

    public static let defaultIdleSeconds = 30
    public static let defaultReadSeconds = 30
    /// File descriptors kept for everything else: the database, partner calls, the registry, logs.
    static let reservedFileDescriptors = 128
    static let defaultMaxConnections = 1024

    public init(idleTimeout: Duration, readTimeout: Duration, maxConnections: Int) {
        self.idleTimeout = idleTimeout
        self.readTimeout = readTimeout
        self.maxConnections = maxConnections
    }

    /// The default connection cap: 1024, but never so many that accepting them would use up the
    /// process's open-file limit (`fileLimit`, the soft RLIMIT_NOFILE; nil = unknown).
    public static func defaultMaxConnections(fileLimit: Int?) -> Int {
        guard let fileLimit else { return defaultMaxConnections }
        return max(16, min(defaultMaxConnections, fileLimit - reservedFileDescriptors))
    }
}
