import ArgumentParser
import EWPCore
import EWPNode
import EWPOperations
import EWPStore
import EWPStoreOpener
import Logging

/// The operations of a command that may call partners: the node as `serve` builds it (keys, store,
/// registry with its last good catalogue), quiet logs.
func makeCommandOperations(needsCatalogue: Bool = true) async throws -> NodeOperations {
    let configuration = try loadConfiguration()
    let runtime: NodeRuntime
    do {
        runtime = try await NodeAssembly.makeRuntime(configuration, logger: quietLogger())
    } catch {
        throw CommandFailure("cannot start: \(error)")
    }
    guard !needsCatalogue || runtime.registry.snapshot() != nil else {
        throw CommandFailure("no registry catalogue yet: run `ewp-node registry refresh` first")
    }
    return runtime.operations
}

/// The operations of a command that works on the database only (import, cnr, registry): no keys needed.
func makeLocalOperations() async throws -> NodeOperations {
    let configuration = try loadConfiguration()
    let store = try await openStore(configuration)
    do {
        return try await NodeAssembly.makeLocalRuntime(configuration, store: store, logger: quietLogger()).operations
    } catch {
        throw CommandFailure("cannot start: \(error)")
    }
}

func openStore(_ configuration: NodeConfiguration) async throws -> any Store {
    do {
        return try await StoreOpener.open(configuration.database, logger: quietLogger())
    } catch {
        throw ValidationError("database: \(error)")
    }
}

func quietLogger() -> Logger {
    var logger = Logger(label: "ewp-node")
    logger.logLevel = .warning
    return logger
}

/// `--hei` (when covered), else every covered HEI.
func coveredHEIs(_ hei: HEIID?, in operations: NodeOperations) throws -> [HEIID] {
    hei == nil ? operations.coveredHEIs : [try coveredHEI(hei, in: operations)]
}

/// `--hei` (when covered), or the only covered HEI.
func coveredHEI(_ hei: HEIID?, in operations: NodeOperations) throws -> HEIID {
    do {
        return try operations.coveredHEI(hei)
    } catch {
        let covered = operations.coveredList
        switch error.kind {
        case .notCovered: throw ValidationError("--hei \(hei?.value ?? "") is not covered (\(covered))")
        case .several: throw ValidationError("this node covers several HEIs (\(covered)): say which with --hei")
        }
    }
}
