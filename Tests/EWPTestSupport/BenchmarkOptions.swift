import Foundation

/// The `--name value` options of the benchmark helpers (Benchmarks/*Bench), read one way.
public struct BenchmarkOptions {
    public var values: [String: String] = [:]

    public init(_ arguments: ArraySlice<String>) {
        var rest = arguments
        while let name = rest.popFirst(), name.hasPrefix("--"), let value = rest.popFirst() { values[String(name.dropFirst(2))] = value }
    }

    public func string(_ name: String) -> String {
        guard let value = values[name] else { benchmarkFail("--\(name) is required") }
        return value
    }

    public func int(_ name: String, _ fallback: Int? = nil) -> Int {
        guard let value = values[name].flatMap(Int.init) ?? fallback else { benchmarkFail("--\(name) (a number) is required") }
        return value
    }
}

/// Stops a benchmark helper with exit status 2 and `message` on stderr, prefixed with its name.
public func benchmarkFail(_ message: String) -> Never {
    let tool = URL(fileURLWithPath: CommandLine.arguments.first ?? "ewp-bench").lastPathComponent
    FileHandle.standardError.write(Data("\(tool): \(message)\n".utf8))
    exit(2)
}
