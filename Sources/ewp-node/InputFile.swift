import Foundation

/// Reads a file named on the command line, or says in a few words why it cannot: "no such file"
/// is the answer a newcomer needs, not a generic "cannot read".
enum InputFile {
    static func read(_ path: String) -> Result<[UInt8], InputFileProblem> {
        if let data = FileManager.default.contents(atPath: path) { return .success(Array(data)) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return .failure(.init("no such file")) }
        return .failure(.init(isDirectory.boolValue ? "is a folder, not a file" : "cannot read the file (permissions?)"))
    }
}

struct InputFileProblem: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
