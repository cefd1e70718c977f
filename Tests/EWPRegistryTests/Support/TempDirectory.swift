import Foundation

/// A fresh directory under the system temp dir, removed by `remove()`.
struct TempDirectory {
    let path: String
    init() throws {
        path = NSTemporaryDirectory() + "ewp-registry-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    func file(_ name: String) -> String { path + "/" + name }
    func write(_ bytes: [UInt8], to name: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: file(name)), options: .atomic)
    }
    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
