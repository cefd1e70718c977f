import Foundation

/// `Manifest/manifest.json`: the host's description (covered HEIs and their names, admin contacts).
public struct ManifestSettings: Sendable, Codable {
    public struct Institution: Sendable, Codable {
        public struct Name: Sendable, Codable {
            public var lang: String?
            public var value: String
        }
        public struct OtherID: Sendable, Codable {
            public var type: String
            public var value: String
        }
        public var heiID: String
        public var names: [Name]
        public var otherIDs: [OtherID]?

        enum CodingKeys: String, CodingKey {
            case heiID = "hei_id", names, otherIDs = "other_ids"
        }
    }

    public var adminEmails: [String]
    public var adminProvider: String
    public var adminNotes: String?
    public var institutions: [Institution]

    enum CodingKeys: String, CodingKey {
        case adminEmails = "admin_emails", adminProvider = "admin_provider", adminNotes = "admin_notes", institutions
    }

    static let fallback = ManifestSettings(adminEmails: [], adminProvider: "ewp-node", adminNotes: nil, institutions: [])

    /// A missing file is fine (everything can come from the environment); a broken one is not.
    static func load(path: String) throws(ConfigurationError) -> ManifestSettings {
        guard FileManager.default.fileExists(atPath: path) else { return .fallback }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError("cannot read \(path)")
        }
        do {
            return try JSONDecoder().decode(ManifestSettings.self, from: data)
        } catch {
            throw ConfigurationError("\(path) is not a valid manifest description: \(error)")
        }
    }

    func institution(_ heiID: String) -> Institution? {
        institutions.first { $0.heiID == heiID }
    }
}
