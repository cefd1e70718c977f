import ArgumentParser
import EWPAPIs
import EWPCore
import EWPNode
import EWPOperations
import Foundation

/// The nomination a partner sent us (we are the receiving HEI), named on the command line.
struct NominationOptions: ParsableArguments {
    @Option(name: .customLong("sending-hei"), help: "The sending HEI that nominated the student.") var sendingHEI: String
    @Option(name: .customLong("omobility-id"), help: "The nomination's omobility-id (the sending HEI's id).") var omobilityID: String
    @Flag(help: "One JSON object.") var json = false

    /// Makes `change` through `NodeOperations.changeNomination` and prints the new answer.
    func run(_ change: NominationChange) async throws {
        let operations = try await makeCommandOperations(needsCatalogue: false)
        let answer: NominationAnswer
        do {
            answer = try await operations.changeNomination(sendingHEI: HEIID(sendingHEI), omobilityID: OMobilityID(omobilityID), change)
        } catch {
            throw CommandFailure("not changed: \(error.message)")
        }
        print(json ? JSONText.encode(NominationAnswerJSON.object(answer, sendingHEI: sendingHEI)) : NominationAnswerJSON.line(answer, sendingHEI: sendingHEI))
    }
}

/// `ewp-node nomination verify|reject`: our answer to a nomination (Incoming Mobilities v1); each
/// change sends the IMobility CNR to the sending HEI.
struct NominationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "nomination", abstract: "Answer nominations partners sent us (Incoming Mobilities).",
                                                    subcommands: [Verify.self, Reject.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Verify (accept) a nomination.")
        @OptionGroup var nomination: NominationOptions
        @Option(help: "A comment for the sending HEI.") var comment: String?
        func run() async throws { try await nomination.run(.verify(comment: comment)) }
    }

    struct Reject: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Reject a nomination.")
        @OptionGroup var nomination: NominationOptions
        @Option(help: "Why, for the sending HEI.") var comment: String?
        func run() async throws { try await nomination.run(.reject(comment: comment)) }
    }
}

/// `ewp-node mobility arrival|departure`: the actual dates of a verified incoming student;
/// `mobility list|show`: the joined view (`MobilityViewCommands.swift`).
struct MobilityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "mobility", abstract: "Mobilities in one view; incoming students' actual arrival and departure dates.",
                                                    subcommands: [MobilityListCommand.self, MobilityShowCommand.self, Arrival.self, Departure.self])

    struct Arrival: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record the student's actual arrival.")
        @OptionGroup var nomination: NominationOptions
        @Option(help: "The date, YYYY-MM-DD.") var date: String
        func run() async throws { try await nomination.run(.arrival(date)) }
    }

    struct Departure: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record the student's actual departure.")
        @OptionGroup var nomination: NominationOptions
        @Option(help: "The date, YYYY-MM-DD.") var date: String
        func run() async throws { try await nomination.run(.departure(date)) }
    }
}
