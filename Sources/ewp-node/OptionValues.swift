import ArgumentParser
import EWPCore
import EWPNotifications
import EWPOperations
import EWPStore

// The values `--queue`, `--state` and `--api` accept: the same names the admin API's query
// parameters parse through. ArgumentParser lists them in the help and rejects any other value with
// an error naming the choices. HEI, IIA and omobility ids are parsed once here into their types.

extension HEIID: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

extension IIAID: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

extension OMobilityID: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

extension EWPStore.NotificationQueue: ExpressibleByArgument {}

extension QueueStateName: ExpressibleByArgument {
    public var defaultValueDescription: String { rawValue }
}

/// `sync --api`: the APIs index-sync covers.
extension PullSource: ExpressibleByArgument {
    public init?(argument: String) { self.init(indexedName: argument) }
    public static var allValueStrings: [String] { indexed.map(\.rawValue) }
    public static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }
}

/// `cnr list --api`: the CNR APIs the queues hold rows of.
extension NotificationAPI: ExpressibleByArgument {
    public init?(argument: String) { self.init(listedName: argument) }
    public static var allValueStrings: [String] { listed.map(\.rawValue) }
    public static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }
}
