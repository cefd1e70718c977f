/// Why a command cannot run (configuration, keys, no catalogue yet). ArgumentParser prints it as
/// "Error: …" on stderr and exits 1; a `ValidationError` would add the usage line and exit 64, which
/// would tell the operator the command line was wrong when the setup is.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
