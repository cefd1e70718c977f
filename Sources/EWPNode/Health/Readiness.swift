import EWPRegistry
import EWPSecurity
import EWPStore
import Foundation

/// `/health/ready`: ready when the database answers, a catalogue is loaded that lists our own
/// keys (partners verify us with it, and we authenticate them with it), and the clock is sane.
///
/// Anyone (a load balancer) sees the status and each check's `ok` (and the registry's
/// `catalogue_age_seconds`); the details (HEI and key ids, database errors, queue counts) only a
/// caller with the admin token (`detailed`).
struct Readiness {
    struct Check {
        var ok: Bool
        var details: [String: Any] = [:]
    }

    static func evaluate(store: any Store, registry: RegistryClient, hosts: [CoveredHost], now: Date, detailed: Bool) async -> (ready: Bool, json: [UInt8]) {
        var checks = [String: Check]()

        do {
            try await store.healthCheck()
            checks["database"] = Check(ok: true)
        } catch {
            checks["database"] = Check(ok: false, details: ["error": "\(error)"])
        }

        let state = registry.snapshot()
        let age: Any = state.map { now.timeIntervalSince($0.fetchedAt).rounded() } ?? NSNull()
        var registryCheck = Check(ok: state != nil, details: ["catalogue_age_seconds": age])
        if let state {
            registryCheck.details["hosts"] = state.catalogue.hostCount
        } else {
            registryCheck.details["error"] = "no registry catalogue yet (neither fetched nor persisted)"
        }
        if let refusal = registry.urlRefusal { registryCheck.details["note"] = refusal }
        checks["registry"] = registryCheck

        let missing = hosts.flatMap { host -> [String] in
            guard let catalogue = state?.catalogue else { return [host.heiID.value] }
            var missing = [String]()
            if catalogue.clientKey(keyId: host.clientKeyID) == nil { missing.append("\(host.heiID) client key \(host.clientKeyID)") }
            if !catalogue.isServerKey(keyId: host.serverKeyID) { missing.append("\(host.heiID) server key \(host.serverKeyID)") }
            return missing
        }
        checks["own_keys_in_catalogue"] = Check(ok: missing.isEmpty, details: missing.isEmpty ? [:] : ["missing": missing])
        checks["keys"] = Check(ok: !hosts.isEmpty, details: ["heis": hosts.map(\.heiID.value)])

        // Signatures carry dates checked within ±5 minutes: a clock far off breaks every call.
        // Without a time source to compare with, catch the gross case (an unset clock).
        let sane = now > Date(timeIntervalSince1970: 1_704_067_200)
        checks["clock"] = Check(ok: sane, details: ["now": HTTPDate.format(now)])

        // The CNR backlog is shown, not judged: a partner that is down must not take us out of service.
        var backlog = Check(ok: true)
        for queue in EWPStore.NotificationQueue.allCases {
            do {
                let summary = try await store.queueSummary(queue, now: now)
                let pending = summary.counts.filter { $0.state == .pending }
                backlog.details[queue.rawValue] = [
                    "pending": pending.reduce(0) { $0 + $1.count },
                    "retrying": pending.filter(\.retrying).reduce(0) { $0 + $1.count },
                    "dead": summary.counts.filter { $0.state == .dead }.reduce(0) { $0 + $1.count },
                    "oldest_pending_age_seconds": summary.oldestPendingCreatedAt.map { max(0, now.timeIntervalSince($0)).rounded() } ?? NSNull(),
                ] as [String: Any]
            } catch {
                backlog.details[queue.rawValue] = ["error": "\(error)"]
            }
        }
        checks["notifications"] = backlog

        let ready = checks.values.allSatisfy(\.ok)
        var body: [String: Any] = ["status": ready ? "ready" : "not-ready"]
        body["checks"] = checks.mapValues { check in
            var object = detailed ? check.details : check.details.filter { $0.key == "catalogue_age_seconds" }
            object["ok"] = check.ok
            return object
        }
        return (ready, JSONText.bytes(body))
    }
}
