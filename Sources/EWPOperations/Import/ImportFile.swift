import Foundation

/// Reads a document named on the command line (`ewp-node import`, `la check`), refusing an oversize
/// file (or one that is not a regular file, such as a device or a pipe that never ends) before
/// reading a byte of it, and saying in a few words what is wrong ("no such file" is what a
/// newcomer needs to read, not a generic "cannot read").
public enum ImportFile {
    /// The largest document `import` reads: 64 MiB, far above any real EWP document (a catalogue of
    /// every European HEI is about 5 MB), small enough that a mistaken file cannot exhaust memory.
    public static let maxBytes = 64 << 20

    public struct Refusal: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    public static func read(_ path: String, maxBytes: Int = maxBytes) throws(Refusal) -> [UInt8] {
        let attributes: [FileAttributeKey: Any]
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw Refusal(description: "no such file") }
        guard !isDirectory.boolValue else { throw Refusal(description: "is a folder, not a file") }
        do { attributes = try FileManager.default.attributesOfItem(atPath: path) } catch {
            throw Refusal(description: "cannot read the file (permissions?)")
        }
        guard attributes[.type] as? FileAttributeType == .typeRegular else {
            throw Refusal(description: "not a regular file")
        }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        guard size <= maxBytes else {
            throw Refusal(description: "the file has \(size) bytes; import reads documents of at most \(maxBytes) bytes (64 MiB): split it")
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw Refusal(description: "cannot read the file (permissions?)") }
        guard data.count <= maxBytes else {   // grew while we looked
            throw Refusal(description: "the file has more than \(maxBytes) bytes; split it")
        }
        return Array(data)
    }
}
