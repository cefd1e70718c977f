/// The two durable notification queues, kept side by side in one store.
///
/// Foundation has a class of the same name: where a file imports Foundation, write the type as
/// `EWPStore.NotificationQueue` (the cases, `.outbox` and `.inbound`, need no qualification).
public enum NotificationQueue: String, Sendable, CaseIterable {
    /// Change notifications (CNRs) we send to partners.
    case outbox
    /// Change notifications partners sent us; each asks for a pull of the partner's object.
    case inbound
}

/// What one notification is about. Rows with the same queue and key merge while pending (`MergeRule`).
public struct NotificationKey: Sendable, Hashable {
    /// The notification API: "iia-cnr", "iia-approval-cnr", "omobility-la-cnr", "imobility-tor-cnr".
    public var api: String
    /// Our covered HEI: the sender in the outbox, the notified HEI in the inbound queue.
    public var localHEI: String
    /// The partner: the receiver in the outbox, the notifier in the inbound queue.
    public var partnerHEI: String
    public var objectID: String

    public init(api: String, localHEI: String, partnerHEI: String, objectID: String) {
        self.api = api
        self.localHEI = localHEI
        self.partnerHEI = partnerHEI
        self.objectID = objectID
    }

    /// Throws when a field is empty: such a key could never be delivered or pulled.
    public func validate() throws {
        try StoreError.requireNonEmpty(["api": api, "localHEI": localHEI, "partnerHEI": partnerHEI, "objectID": objectID],
                                       in: "notification key \(api)/\(localHEI)/\(partnerHEI)/\(objectID)")
    }
}

/// Where a queue row stands.
public enum QueueState: String, Sendable, CaseIterable {
    /// Waiting or retrying (attempts > 0 means retrying). The only state rows are claimed from.
    case pending
    /// Outbox: the partner answered 2xx. Inbound: the pull is done.
    case delivered
    /// The partner answered 4xx: not retried (lastError says why).
    case rejected
    /// The partner publishes no endpoint for this API.
    case unsupported
    /// Its lifetime ended before delivery.
    case dead
    /// An operator dropped it.
    case dropped
}
