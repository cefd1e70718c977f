import ArgumentParser
import EWPStoreOpener

/// `ewp-node db migrate`: brings the database `EWP_DATABASE` names to this version's schema and says
/// which migrations it holds. Every node also migrates when it starts (several at once migrate once),
/// so this is for a rolling upgrade: migrate first, then restart the nodes one by one.
struct DBCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "db", abstract: "Work on the database itself.",
                                                    subcommands: [Migrate.self])

    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply the pending schema migrations to EWP_DATABASE (SQLite or PostgreSQL) and list those it holds.")

        func run() async throws {
            let configuration = try loadConfiguration()
            let applied: [String]
            do {
                applied = try await StoreOpener.migrate(configuration.database, logger: quietLogger())
            } catch {
                throw CommandFailure("database: \(error)")
            }
            print("database migrated: \(applied.count) migration(s) applied: \(applied.joined(separator: ", "))")
        }
    }
}
