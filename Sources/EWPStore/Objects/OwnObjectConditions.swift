import Foundation

/// What a conditional commit expects to find stored under one identity when its transaction runs:
/// the optimistic lock of a read-modify-write (a partner's approval arriving while an import
/// replaces the same learning agreement, in another process on the same database).
public struct OwnObjectExpectation: Sendable, Equatable {
    public enum State: Sendable, Equatable {
        /// Nothing is stored under this identity (not even a tombstone).
        case absent
        /// An object (live or tombstone) is stored and its `hash` is this value.
        case hash(String?)
    }

    public var kind: String
    public var heiID: String
    public var objectID: String
    public var state: State

    public init(kind: String, heiID: String, objectID: String, state: State) {
        self.kind = kind
        self.heiID = heiID
        self.objectID = objectID
        self.state = state
    }

    /// Expects `object` (as read) to be still stored with the same hash, or nothing when nil.
    public static func unchanged(kind: String, heiID: String, objectID: String, _ object: OwnObject?) -> OwnObjectExpectation {
        OwnObjectExpectation(kind: kind, heiID: heiID, objectID: objectID, state: object.map { .hash($0.hash) } ?? .absent)
    }

    /// Whether `stored` (nil: nothing stored) is what this expectation expects.
    public func isMet(by stored: OwnObject?) -> Bool {
        switch (state, stored) {
        case (.absent, nil): true
        case (.hash(let expected), let stored?): stored.hash == expected
        default: false
        }
    }
}

/// A conditional commit found an object changed since it was read: nothing was written. Read
/// again and decide again.
public struct OwnObjectConflict: Error, Sendable, CustomStringConvertible {
    public let kind: String
    public let heiID: String
    public let objectID: String

    public init(kind: String, heiID: String, objectID: String) {
        self.kind = kind
        self.heiID = heiID
        self.objectID = objectID
    }

    public var description: String { "\(kind) \(objectID) of \(heiID) was changed by someone else meanwhile; nothing was written" }
}

/// `commit` with optimistic locking.
public protocol ConditionalOwnObjectStore: OwnObjectStore {
    /// Like `commit(_:now:)`, in the same single transaction, but first checks every expectation
    /// against what is stored at that moment: if one is not met it throws `OwnObjectConflict` and
    /// changes nothing (other failures throw `StoreError`, changing nothing).
    func commit(_ changes: ChangeSet, expecting: [OwnObjectExpectation], now: Date) async throws
}
