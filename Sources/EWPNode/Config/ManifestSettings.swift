import EWPAPIs
import Foundation

/// `Manifest/manifest.json`: the host's description (covered HEIs, their names and institution
/// data, admin contacts, API limits). Every field beyond `hei_id` and `names` is optional, so older
/// files stay valid.
public struct ManifestSettings: Sendable, Codable {
    /// One covered HEI: what its manifest, Institutions, OUnits and Factsheet APIs publish
    /// (until an imported institutions-response or factsheet-response replaces the latter two).
    public struct Institution: Sendable, Codable {
        public typealias Name = LocalizedText
        public typealias OtherID = EWPAPIs.Institution.OtherID

        public var heiID: String
        public var names: [Name]
        public var otherIDs: [OtherID]?
        public var abbreviation: String?
        public var streetAddress: FlexibleAddress?
        public var mailingAddress: FlexibleAddress?
        public var websiteURLs: [LocalizedText]?
        public var logoURL: String?
        public var mobilityFactsheetURLs: [LocalizedText]?
        public var courseCatalogueURLs: [LocalizedText]?
        public var contacts: [Contact]?
        /// The unit standing for the whole HEI when `ounits` form a tree (it must be one of them).
        public var rootOUnitID: String?
        public var ounits: [OrganizationalUnit]?
        public var factsheet: Factsheet?

        enum CodingKeys: String, CodingKey {
            case heiID = "hei_id", names, otherIDs = "other_ids", abbreviation, streetAddress = "street_address"
            case mailingAddress = "mailing_address", websiteURLs = "website_urls", logoURL = "logo_url"
            case mobilityFactsheetURLs = "mobility_factsheet_urls", courseCatalogueURLs = "course_catalogue_urls", contacts
            case rootOUnitID = "root_ounit_id", ounits, factsheet
        }

        /// Its Institutions API `hei`: every unit's id listed (the root one included).
        public var institution: EWPAPIs.Institution {
            EWPAPIs.Institution(heiID: heiID, otherIDs: otherIDs ?? [], names: names, abbreviation: abbreviation,
                                streetAddress: streetAddress, mailingAddress: mailingAddress, websiteURLs: websiteURLs ?? [],
                                logoURL: logoURL, mobilityFactsheetURLs: mobilityFactsheetURLs ?? [],
                                courseCatalogueURLs: courseCatalogueURLs ?? [], contacts: contacts ?? [],
                                rootOUnitID: rootOUnitID, ounitIDs: (ounits ?? []).map(\.id))
        }

        /// What is wrong with the units (duplicate ids or codes, a root or parent that is not one of
        /// them, a parent cycle), or nil.
        func ounitProblem() -> String? {
            let units = ounits ?? []
            let ids = units.map(\.id)
            if let duplicate = Self.firstDuplicate(ids) { return "ounit_id \"\(duplicate)\" is used by two ounits" }
            if let duplicate = Self.firstDuplicate(units.map(\.code)) { return "ounit_code \"\(duplicate)\" is used by two ounits" }
            let known = Set(ids)
            if let root = rootOUnitID, !known.contains(root) { return "root_ounit_id \"\(root)\" is not the ounit_id of one of its ounits" }
            let parents = Dictionary(units.compactMap { unit in unit.parentID.map { (unit.id, $0) } }, uniquingKeysWith: { a, _ in a })
            for unit in units {
                if let parent = unit.parentID, !known.contains(parent) {
                    return "ounit \"\(unit.id)\" has parent_ounit_id \"\(parent)\", which is not the ounit_id of one of its ounits"
                }
                var current = unit.id
                for _ in 0...units.count {
                    guard let next = parents[current] else { break }
                    if next == unit.id { return "ounit \"\(unit.id)\" is its own ancestor (parent_ounit_id cycle)" }
                    current = next
                }
            }
            if let root = rootOUnitID, let parent = parents[root] {
                return "the root ounit \"\(root)\" has parent_ounit_id \"\(parent)\"; the root has no parent"
            }
            return nil
        }

        private static func firstDuplicate(_ values: [String]) -> String? {
            var seen = Set<String>()
            return values.first { !seen.insert($0).inserted }
        }
    }

    /// The limits our manifest declares for the APIs that take lists (each ≥ 1).
    public struct Limits: Sendable, Codable {
        public var institutionsMaxHEIIDs: Int?
        public var factsheetMaxHEIIDs: Int?
        public var ounitsMaxOUnitIDs: Int?
        public var ounitsMaxOUnitCodes: Int?

        enum CodingKeys: String, CodingKey {
            case institutionsMaxHEIIDs = "institutions_max_hei_ids", factsheetMaxHEIIDs = "factsheet_max_hei_ids"
            case ounitsMaxOUnitIDs = "ounits_max_ounit_ids", ounitsMaxOUnitCodes = "ounits_max_ounit_codes"
        }

        public var institutionsHEIIDs: Int { institutionsMaxHEIIDs ?? InstitutionsAPI.defaultMaxHEIIDs }
        public var factsheetHEIIDs: Int { factsheetMaxHEIIDs ?? FactsheetAPI.defaultMaxHEIIDs }
        public var ounitIDs: Int { ounitsMaxOUnitIDs ?? OUnitsAPI.defaultMaxOUnitIDs }
        public var ounitCodes: Int { ounitsMaxOUnitCodes ?? OUnitsAPI.defaultMaxOUnitCodes }

        var problem: String? {
            let all = [("institutions_max_hei_ids", institutionsMaxHEIIDs), ("factsheet_max_hei_ids", factsheetMaxHEIIDs),
                       ("ounits_max_ounit_ids", ounitsMaxOUnitIDs), ("ounits_max_ounit_codes", ounitsMaxOUnitCodes)]
            return all.first { ($0.1 ?? 1) < 1 }.map { "limits.\($0.0) must be at least 1 (got \($0.1!))" }
        }
    }

    public var adminEmails: [String]
    public var adminProvider: String
    public var adminNotes: String?
    public var institutions: [Institution]
    public var limits: Limits?

    enum CodingKeys: String, CodingKey {
        case adminEmails = "admin_emails", adminProvider = "admin_provider", adminNotes = "admin_notes", institutions, limits
    }

    static let fallback = ManifestSettings(adminEmails: [], adminProvider: "ewp-node", adminNotes: nil, institutions: [])

    /// The declared limits, defaults filled in.
    public var apiLimits: Limits { limits ?? Limits() }

    /// A missing file is fine (everything can come from the environment); a broken one is not.
    static func load(path: String) throws(ConfigurationError) -> ManifestSettings {
        guard FileManager.default.fileExists(atPath: path) else { return .fallback }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError("cannot read \(path)")
        }
        let settings: ManifestSettings
        do {
            settings = try JSONDecoder().decode(ManifestSettings.self, from: data)
        } catch {
            throw ConfigurationError("\(path) is not a valid manifest description: \(error)")
        }
        if let problem = settings.problem { throw ConfigurationError("\(path): \(problem)") }
        return settings
    }

    /// The first inconsistency the JSON decoder cannot see, or nil.
    var problem: String? {
        if let problem = apiLimits.problem { return problem }
        var seen = Set<String>()
        for institution in institutions {
            if let problem = HEIIdentifier.problem(institution.heiID) { return "hei_id: \(problem)" }
            guard seen.insert(institution.heiID).inserted else { return "hei_id \"\(institution.heiID)\" is described twice" }
            if let problem = institution.ounitProblem() { return "institution \(institution.heiID): \(problem)" }
        }
        return nil
    }

    public func institution(_ heiID: String) -> Institution? {
        institutions.first { $0.heiID == heiID }
    }
}
