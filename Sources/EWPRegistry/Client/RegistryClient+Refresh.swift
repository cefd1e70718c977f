import Foundation

extension RegistryClient {
    /// Fetches now (joining a fetch already in flight). Throws only `CancellationError`.
    public func refresh() async throws -> RefreshOutcome {
        try Task.checkCancellation()
        guard let task = startOrJoinFetch(onlyIf: { _ in true }) else { return .failed("not started") }
        return await awaitFetch(task)
    }

    /// An early fetch because a request carried a keyId the catalogue does not know (a partner's new key).
    /// Rate-limited by `policy.earlyRefreshSpacing` since the last attempt of any kind; joins a fetch in
    /// flight. True when a new catalogue was installed (the caller should look the key up again).
    public func refreshForUnknownKey() async -> Bool {
        let t = now()
        guard let task = startOrJoinFetch(onlyIf: { policy.mayRefreshEarly($0.schedule, now: t) }) else {
            logger.debug("registry: early refresh for an unknown key skipped (rate limit)")
            return false
        }
        return await awaitFetch(task) == .updated
    }

    /// Runs the refresh loop until the task is cancelled: fetch when due (at once when nothing is
    /// served), sleep otherwise, waking at least every 60 s to re-read the schedule.
    public func run() async {
        logger.info("registry: refresher started", metadata: ["url": "\(url)", "interval": "\(policy.configuredInterval)"])
        while !Task.isCancelled {
            let due = state.withLock { policy.nextAttempt($0.schedule) }
            let wait = due.timeIntervalSince(now())
            if wait > 0 {
                do { try await Task.sleep(for: .milliseconds(Int64(min(wait, 60) * 1000))) } catch { break }
                continue
            }
            do { _ = try await refresh() } catch { break }
        }
        logger.info("registry: refresher stopped")
    }

    /// Atomically: join the fetch in flight, or start one if `condition` holds for the current state.
    func startOrJoinFetch(onlyIf condition: (State) -> Bool) -> Task<RefreshOutcome, Never>? {
        state.withLock { s in
            if let running = s.inFlight { return running }
            guard condition(s) else { return nil }
            let task = Task { await self.fetchOnce() }
            s.inFlight = task
            return task
        }
    }

    func awaitFetch(_ task: Task<RefreshOutcome, Never>) async -> RefreshOutcome {
        let outcome = await withTaskCancellationHandler { await task.value } onCancel: { task.cancel() }
        state.withLock { s in if s.inFlight == task { s.inFlight = nil } }
        return outcome
    }
}
