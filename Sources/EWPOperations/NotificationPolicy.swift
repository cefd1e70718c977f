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
