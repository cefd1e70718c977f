import Foundation

/// How every store keeps a blob's metadata: one JSON object of strings, keys sorted.
public enum BlobMetadata {
    public static func encode(_ metadata: [String: String]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        do {
            return String(decoding: try encoder.encode(metadata), as: UTF8.self)
        } catch {
            throw StoreError(.invalidInput, "cannot encode blob metadata: \(error)")
        }
    }

    public static func decode(_ json: String, key: String) throws -> [String: String] {
        do {
            return try JSONDecoder().decode([String: String].self, from: Data(json.utf8))
        } catch {
            throw StoreError(.corrupt, "blob \(key) has unreadable metadata: \(error)")
        }
    }
}
