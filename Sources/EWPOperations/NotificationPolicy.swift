import EWPNotifications
import EWPStore
import Foundation

extension NotificationSettings {
    /// The default policy with CNRs living `lifetime` seconds (and settling as `settling`).
    public static func lifetime(_ lifetime: TimeInterval, settling: QueueSettling = NotificationSettings().settling) -> NotificationSettings {
        var policy = NotificationSettings()
        policy.lifetime = lifetime
        policy.settling = settling
        return policy
    }
}

extension NotificationSettings {
    /// `upserts` and the notifications they cause, to commit together at `now`: the notifications
    /// live for this policy's lifetime and settle as it says.
    func changeSet(upserts: [OwnObject], notifications: [NotificationKey], now: Date) -> ChangeSet {
        ChangeSet(upserts: upserts, notifications: notifications, notificationsExpireAt: now.addingTimeInterval(lifetime), settling: settling)
    }
}
