import Foundation

/// Records the node keeps as JSON documents of own objects (LA versions, our answers to partners'
/// LA proposals): one encoding for all, sorted keys and dates as Unix seconds, so equal records
/// have equal bytes and every reader decodes what every writer wrote.
public protocol StoredJSONRecord: Codable {}

extension StoredJSONRecord {
    public var storedJSON: [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .secondsSince1970
        // Records hold strings, numbers and dates only: encoding cannot fail.
        return (try? Array(encoder.encode(self))) ?? []
    }

    /// The record in `bytes`, or nil when they are not one (written by another version, or damaged).
    public static func decodeStoredJSON(_ bytes: [UInt8]) -> Self? {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return try? decoder.decode(Self.self, from: Data(bytes))
    }
}
