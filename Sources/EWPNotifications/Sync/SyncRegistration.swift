import EWPStore
import Logging

/// Index-sync covers every (API, our HEI, partner) we have exchanged notifications with: the first
/// exchange registers the pair with an empty cursor, and the sync service takes it from there.
enum SyncRegistration {
    static func ensure(store: any Store, source: PullSource, localHEI: String, partnerHEI: String, logger: Logger) async {
        do {
            if try await store.syncState(api: source.rawValue, localHEI: localHEI, partnerHEI: partnerHEI) == nil {
                try await store.saveSyncState(SyncState(api: source.rawValue, localHEI: localHEI, partnerHEI: partnerHEI,
                                                        lastSuccessAt: nil, lastAttemptAt: nil, lastError: nil))
            }
        } catch {
            logger.error("cannot register a partner for index-sync", metadata: ["api": .string(source.rawValue), "partner": .string(partnerHEI), "error": .string("\(error)")])
        }
    }
}
