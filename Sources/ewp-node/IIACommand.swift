import ArgumentParser
import EWPNode
import Foundation
import Logging

/// `ewp-node iia approve --partner HEI_ID --iia-id PARTNER_IIA_ID`: approve the partner's current copy
/// (pull it, recompute the hash, refuse what is not valid for approval, store, send the approval CNR).
struct IIACommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "iia", abstract: "Interinstitutional agreements.",
                                                    subcommands: [List.self, Show.self, Explain.self, Approve.self])

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A partner's copy of an IIA as we last pulled it, with our hash of it.")
        @Option(help: "The partner's HEI id.") var partner: String
        @Option(name: .customLong("iia-id"), help: "The partner's own id of the IIA.") var iiaID: String
        @Option(help: "Our covered HEI (needed when the node covers several).") var hei: String?

        func run() async throws {
            let runtime = try await makeCommandRuntime(needsCatalogue: false)
            let local = try coveredHEI(hei, in: runtime)
            guard let copy = try await IIAOverview(store: runtime.store).partnerCopy(heiID: local, partnerHEI: partner, partnerIIAID: iiaID) else {
                print("we hold no copy of \(partner)'s IIA \(iiaID): it is pulled after its CNR or by `ewp-node sync --partner \(partner)`")
                throw ExitCode(1)
            }
            print("\(partner)'s IIA \(iiaID), last pulled \(copy.seenAt), our iia-hash \(copy.hash ?? "-")")
            print(copy.document.map { String(decoding: $0, as: UTF8.self) } ?? "(deleted or no longer shown to \(local))")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Our IIAs with the approval state on both sides, and what waits for our approval.")
        @Option(help: "Only this covered HEI.") var hei: String?
        @Option(help: "Only IIAs with this partner.") var partner: String?
        @Flag(help: "One JSON object per line.") var json = false

        func run() async throws {
            let runtime = try await makeCommandRuntime(needsCatalogue: false)
            let heis = hei == nil ? runtime.hosts.map(\.heiID) : [try coveredHEI(hei, in: runtime)]
            for row in try await IIAOverview(store: runtime.store).rows(heiIDs: heis, partnerHEI: partner) {
                if json {
                    print(String(decoding: try JSONSerialization.data(withJSONObject: row.json, options: [.sortedKeys]), as: UTF8.self))
                } else {
                    print(row.line)
                }
            }
        }
    }

    struct Explain: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Why our copy and the partner's hash differently: both texts-to-hash and where they differ.")
        @Option(name: .customLong("iia-id"), help: "Our iia-id.") var iiaID: String
        @Option(help: "Our covered HEI (needed when the node covers several).") var hei: String?

        func run() async throws {
            let runtime = try await makeCommandRuntime(needsCatalogue: false)
            print(try await IIAOverview(store: runtime.store).explain(heiID: try coveredHEI(hei, in: runtime), iiaID: iiaID))
        }
    }

    struct Approve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Approve a partner's copy of an IIA (IIAs Approval v2).")
        @Option(help: "The partner's HEI id.") var partner: String
        @Option(name: .customLong("iia-id"), help: "The partner's own id of the IIA.") var iiaID: String
        @Option(help: "Our covered HEI that approves (needed when the node covers several).") var hei: String?

        func run() async throws {
            let runtime = try await makeCommandRuntime()
            let local = try coveredHEI(hei, in: runtime)
            do {
                let approved = try await runtime.approveIIA(localHEI: local, partnerHEI: partner, partnerIIAID: iiaID)
                print("approved \(partner)'s IIA \(approved.partnerIIAID) (our IIA \(approved.ourIIAID)) with iia-hash \(approved.hash); the approval CNR is queued")
            } catch {
                print("not approved: \(error)")
                throw ExitCode(1)
            }
            try await runtime.deliverOutbox(partner: partner, deadline: Date().addingTimeInterval(30))
        }
    }
}

/// A runtime for one command (keys, store, registry with its last good catalogue), quiet logs.
func makeCommandRuntime(needsCatalogue: Bool = true) async throws -> NodeRuntime {
    let configuration = try loadConfiguration()
    var logger = Logger(label: "ewp-node")
    logger.logLevel = .warning
    let runtime: NodeRuntime
    do {
        runtime = try await NodeAssembly.makeRuntime(configuration, logger: logger)
    } catch {
        throw CommandFailure("cannot start: \(error)")
    }
    guard !needsCatalogue || runtime.registry.snapshot() != nil else {
        throw CommandFailure("no registry catalogue yet: run `ewp-node registry refresh` first")
    }
    return runtime
}

/// `--hei`, or the only covered HEI.
func coveredHEI(_ hei: String?, in runtime: NodeRuntime) throws -> String {
    let covered = runtime.hosts.map(\.heiID)
    if let hei {
        guard covered.contains(hei) else { throw ValidationError("--hei \(hei) is not covered (\(covered.joined(separator: ", ")))") }
        return hei
    }
    guard covered.count == 1, let only = covered.first else {
        throw ValidationError("this node covers several HEIs (\(covered.joined(separator: ", "))): say which with --hei")
    }
    return only
}
