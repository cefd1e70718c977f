/// What a store's connection pool is doing, for `/metrics`: the PostgreSQL store's (SQLite has none).
public struct ConnectionPoolStatistics: Sendable, Equatable {
    /// Connections leased now (each runs one store call).
    public var inUse: Int
    /// Store calls waiting for a connection now.
    public var waiting: Int
    /// Most connections the pool opens.
    public var maximum: Int
    /// Leases granted since the store opened.
    public var leases: Int
    /// Seconds store calls have waited for a lease, in all, since the store opened.
    public var leaseWaitSeconds: Double

    public init(inUse: Int, waiting: Int, maximum: Int, leases: Int, leaseWaitSeconds: Double) {
        self.inUse = inUse
        self.waiting = waiting
        self.maximum = maximum
        self.leases = leases
        self.leaseWaitSeconds = leaseWaitSeconds
    }
}

/// A store with a connection pool.
public protocol PooledStore: Sendable {
    var poolStatistics: ConnectionPoolStatistics { get }
}
