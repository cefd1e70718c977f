// The CLI's `--queue`, `--state` and `--api` are typed options: the real `ewp-node` binary rejects
// a value outside the choices with ArgumentParser's error naming them, before any command runs,
// and its help lists them.
import EWPTestSupport
import Testing

@Suite("ewp-node: --queue, --state and --api accept only their listed values")
struct CLIOptionValuesProcessTests {
    func run(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        try await ChildProcess.run(try E2EPaths.nodeBinary(), arguments, environment: [:])
    }

    @Test("a bad value is a usage error (exit 64) naming the accepted values")
    func badValues() async throws {
        let cases: [([String], String)] = [
            (["cnr", "list", "--queue", "outgoing"], "'outbox' and 'inbound'"),
            (["cnr", "retry", "--queue", "Inbound", "1"], "'outbox' and 'inbound'"),
            (["cnr", "list", "--state", "Retrying"], "  - dropped\n  - retrying"),
            (["cnr", "list", "--api", "iias"], "  - omobility-cnr\n  - imobility-cnr"),
            (["sync", "--partner", "partner.example.org", "--api", "iias-approval"], "'omobility-las', 'imobility-tors' or 'omobilities'"),
        ]
        for (arguments, choices) in cases {
            let result = try await run(arguments)
            #expect(result.status == 64, "\(arguments): \(result.output)")
            #expect(result.output.contains("is invalid for") && result.output.contains(choices), "\(arguments): \(result.output)")
        }
    }

    @Test("the help lists the values")
    func helpListsValues() async throws {
        // The help is wrapped to the terminal's width: compare with the line breaks as spaces.
        func words(_ text: String) -> String { text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        let list = try await run(["cnr", "list", "--help"])
        #expect(list.status == 0)
        let listHelp = words(list.output)
        #expect(listHelp.contains("(values: outbox, inbound; default: outbox)"), "\(list.output)")
        #expect(listHelp.contains("(values: pending, delivered, rejected, unsupported, dead, dropped, retrying)"), "\(list.output)")
        #expect(listHelp.contains("(values: iia-cnr, iia-approval-cnr, omobility-la-cnr, imobility-tor-cnr, omobility-cnr, imobility-cnr)"), "\(list.output)")
        let sync = try await run(["sync", "--help"])
        #expect(words(sync.output).contains("(values: iias, omobility-las, imobility-tors, omobilities)"), "\(sync.output)")
    }
}
