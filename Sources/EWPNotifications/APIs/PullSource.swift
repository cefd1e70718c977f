/// A partner API we pull objects from after a CNR or an index-sync: the key of its partner copies
/// and index-sync states (stored in databases: the raw value never changes). How to call it and
/// read its answers is its `PulledAPI` descriptor; the well-known keys are declared beside their
/// descriptors in EWPAPIs (`PullSource.iias`, ...).
public struct PullSource: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// Nil for an empty key only; whether a descriptor exists for it is the list's business (`PulledAPIs`).
    public init?(rawValue: String) {
        guard !rawValue.isEmpty else { return nil }
        self.rawValue = rawValue
    }

    public var description: String { rawValue }
}
