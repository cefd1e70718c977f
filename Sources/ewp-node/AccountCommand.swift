import ArgumentParser
import EWPConsole
import EWPCore
import EWPNode
import Foundation

/// `ewp-node account …`: the console accounts only the operator (who runs this command on the
/// node) creates: each HEI's one main account, which then manages its staff in the console, and
/// operator accounts. Each prints a one-time link with which its person sets a password.
struct AccountCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "account", abstract: "Create console accounts: an HEI's main account, an operator account; a new set-password link.",
        subcommands: [CreateMain.self, CreateOperator.self, ResetPassword.self])

    struct CreateMain: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create-main", abstract: "Create the main console account of a covered HEI (one per HEI) and print its set-password link.")

        @Option(help: "The covered HEI the account acts for.") var hei: HEIID
        @Option(help: "The e-mail of the person (their login).") var email: String
        @Option(help: "Their name, as it appears on what they sign (default: the e-mail).") var name: String = ""
        @Option(help: "Their position, as it appears on what they sign.") var position: String = "International Relations Office"

        func run() async throws {
            let (runtime, console) = try await consoleOfNode()
            let hei = try coveredHEI(hei, in: runtime.operations)
            let created = try await refusingClearly { try await console.accounts.createMain(heiID: hei, email: email, name: name, position: position) }
            printCreated(created, runtime: runtime, what: "main account of \(hei)")
        }
    }

    struct CreateOperator: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create-operator", abstract: "Create a console account for a node operator (queues, registry, health; no HEI's objects).")

        @Option(help: "The e-mail of the person (their login).") var email: String
        @Option(help: "Their name (default: the e-mail).") var name: String = ""

        func run() async throws {
            let (runtime, console) = try await consoleOfNode()
            let created = try await refusingClearly { try await console.accounts.createOperator(email: email, name: name) }
            printCreated(created, runtime: runtime, what: "operator account")
        }
    }

    struct ResetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-password", abstract: "Print a new one-time set-password link for an account (its old password works until the link is used).")

        @Option(help: "The e-mail of the account.") var email: String

        func run() async throws {
            let (runtime, console) = try await consoleOfNode()
            guard let account = try await console.store.consoleAccount(email: email),
                  let token = try await console.accounts.newSetPasswordToken(accountID: account.id) else {
                throw CommandFailure("no console account has the e-mail \(email)")
            }
            print("set-password link for \(account.email) (use it once): \(link(runtime, "/console/set-password?token=" + token))")
        }
    }
}

private func consoleOfNode() async throws -> (NodeRuntime, Console) {
    let configuration = try loadConfiguration()
    let store = try await openStore(configuration)
    do {
        let runtime = try await NodeAssembly.makeLocalRuntime(configuration, store: store, logger: quietLogger())
        return (runtime, runtime.console)
    } catch {
        throw CommandFailure("cannot start: \(error)")
    }
}

private func refusingClearly<T>(_ body: () async throws -> T) async throws -> T {
    do { return try await body() } catch let refusal as ConsoleAccountRefusal { throw CommandFailure(refusal.description) }
}

private func link(_ runtime: NodeRuntime, _ path: String) -> String {
    var base = runtime.configuration.publicURL.absoluteString
    while base.hasSuffix("/") { base.removeLast() }
    return base + path
}

private func printCreated(_ created: ConsoleAccounts.Created, runtime: NodeRuntime, what: String) {
    print("created the \(what): \(created.account.email)")
    print("set-password link (use it once): \(link(runtime, created.setPasswordPath))")
}
