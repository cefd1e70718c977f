/// A partner API we pull objects from after a CNR or an index-sync: the key of its partner copies
/// and index-sync states. How to call it and read its answers is its `PulledAPI` descriptor; the
/// well-known keys are declared beside their descriptors in EWPAPIs (`PullSource.iias`, ...).
public struct PullSource: StoredKey {
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// A key stored in databases (queue rows, partner copies, sync states): its raw value never changes.
/// Whether a descriptor exists for it is the lists' business (`PulledAPIs`, `CNRAPIs`), so any
/// non-empty string is a key.
public protocol StoredKey: RawRepresentable<String>, Sendable, Hashable, CustomStringConvertible {
    init(_ rawValue: String)
}

extension StoredKey {
    public init?(rawValue: String) {
        guard !rawValue.isEmpty else { return nil }
        self.init(rawValue)
    }

    public var description: String { rawValue }
}
