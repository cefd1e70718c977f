import ArgumentParser
import EWPCore
import EWPNode
import EWPOperations
import Foundation

/// `ewp-node iia approve --partner HEI_ID --iia-id PARTNER_IIA_ID`: approve the partner's current copy
/// (pull it, recompute the hash, refuse what is not valid for approval, store, send the approval CNR).
struct IIACommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "iia", abstract: "Interinstitutional agreements.",
                                                    subcommands: [List.self, Show.self, Explain.self, Approve.self])

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A partner's copy of an IIA as we last pulled it, with our hash of it.")
        @Option(help: "The partner's HEI id.") var partner: HEIID
        @Option(name: .customLong("iia-id"), help: "The partner's own id of the IIA.") var iiaID: IIAID
        @Option(help: "Our covered HEI (needed when the node covers several).") var hei: HEIID?

        func run() async throws {
            let operations = try await makeCommandOperations(needsCatalogue: false)
            let local = try coveredHEI(hei, in: operations)
            guard let copy = try await operations.iiaOverview.partnerCopy(heiID: local, partnerHEI: partner, partnerIIAID: iiaID) else {
                print("we hold no copy of \(partner)'s IIA \(iiaID): it is pulled after its CNR or by `ewp-node sync --partner \(partner)`")
                throw ExitCode(1)
            }
            print("\(partner)'s IIA \(iiaID), last pulled \(copy.seenAt), our iia-hash \(copy.hash ?? "-")")
            print(copy.document.map { String(decoding: $0, as: UTF8.self) } ?? "(deleted or no longer shown to \(local))")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Our IIAs with the approval state on both sides, and what waits for our approval.")
        @Option(help: "Only this covered HEI.") var hei: HEIID?
        @Option(help: "Only IIAs with this partner.") var partner: HEIID?
        @Flag(help: "One JSON object per line.") var json = false

        func run() async throws {
            let operations = try await makeCommandOperations(needsCatalogue: false)
            let heis = try coveredHEIs(hei, in: operations)
            for row in try await operations.iiaOverview.rows(heiIDs: heis, partnerHEI: partner) {
                if json {
                    print(JSONText.encode(row.json))
                } else {
                    print(row.line)
                }
            }
        }
    }

    struct Explain: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Why our copy and the partner's hash differently: both texts-to-hash and where they differ.")
        @Option(name: .customLong("iia-id"), help: "Our iia-id.") var iiaID: IIAID
        @Option(help: "Our covered HEI (needed when the node covers several).") var hei: HEIID?

        func run() async throws {
            let operations = try await makeCommandOperations(needsCatalogue: false)
            print(try await operations.iiaOverview.explain(heiID: try coveredHEI(hei, in: operations), iiaID: iiaID))
        }
    }

    struct Approve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Approve a partner's copy of an IIA (IIAs Approval v2).")
        @Option(help: "The partner's HEI id.") var partner: HEIID
        @Option(name: .customLong("iia-id"), help: "The partner's own id of the IIA.") var iiaID: IIAID
        @Option(help: "Our covered HEI that approves (needed when the node covers several).") var hei: HEIID?

        func run() async throws {
            let operations = try await makeCommandOperations()
            let local = try coveredHEI(hei, in: operations)
            do {
                let approved = try await operations.approveIIA(localHEI: local, partnerHEI: partner, partnerIIAID: iiaID)
                print("approved \(partner)'s IIA \(approved.partnerIIAID) (our IIA \(approved.ourIIAID)) with iia-hash \(approved.hash); the approval CNR is queued")
            } catch {
                print("not approved: \(error)")
                throw ExitCode(1)
            }
            try await operations.workQueue(.outbox, partner: partner, deadline: operations.now().addingTimeInterval(30))
        }
    }
}
