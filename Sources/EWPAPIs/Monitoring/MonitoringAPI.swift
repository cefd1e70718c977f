import EWPCore
import EWPNotifications

/// The Monitoring API (ewp-specs-api-monitoring): served only by the EWP Stats Portal; the node is
/// its client, reporting failed calls to partners.
public enum MonitoringAPI {
    /// The Stats Portal's identifier in the network (README "Server implementing this API"): the
    /// HEI whose host publishes the `monitoring` entry in the catalogue.
    public static let portalHEI = HEIID("stats.erasmuswithoutpaper.eu")

    /// The catalogue entry (`<monitoring>` in the stable-v1 manifest-entry namespace). Major 1, and
    /// 0 for a portal still publishing the beta version (0.x, CHANGELOG).
    public static let entries = [1, 0].map {
        APIReference(namespace: "https://github.com/erasmus-without-paper/ewp-specs-api-monitoring/blob/stable-v1/manifest-entry.xsd",
                     name: "monitoring", majorVersion: $0)
    }

    /// APIs never reported (README "When to call"; `api_name` "MUST NOT be any of" these).
    public static let unreportedAPIs: Set<String> = ["discovery", "echo", "monitoring", "registry"]
}
