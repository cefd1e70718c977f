import EWPCore
import EWPRegistry
import EWPStore
import EWPXML
import Logging

/// Where the Institutions, OUnits and Factsheet APIs take their data from: the operator's
/// description of each covered HEI (`configured`), replaced per HEI by an imported
/// `institutions-response` or `factsheet-response` (kept in the store as own objects of kind
/// `institution` / `factsheet`, object id = HEI id). Other HEIs the registry catalogue knows get
/// their names and other ids.
public struct InstitutionSource: Sendable {
    public static let institutionKind = "institution"
    public static let factsheetKind = "factsheet"

    /// A covered HEI as the operator describes it.
    public struct Configured: Sendable {
        public var institution: Institution
        public var factsheet: XElement?
        public var ounits: [OrganizationalUnit]

        public init(institution: Institution, factsheet: XElement?, ounits: [OrganizationalUnit]) {
            self.institution = institution
            self.factsheet = factsheet
            self.ounits = ounits
        }
    }

    let coveredHEIs: [String]
    let configured: @Sendable (String) -> Configured
    let store: any Store
    let catalogue: @Sendable () -> Catalogue?
    let logger: Logger

    /// `configured`: a covered HEI's description; `catalogue`: the registry catalogue now (read per call).
    public init(coveredHEIs: [String], configured: @escaping @Sendable (String) -> Configured, store: any Store,
                catalogue: @escaping @Sendable () -> Catalogue?, logger: Logger) {
        self.coveredHEIs = coveredHEIs
        self.configured = configured
        self.store = store
        self.catalogue = catalogue
        self.logger = logger
    }

    /// The `hei` of a covered HEI (imported, else configured), or the catalogue's basic facts of a
    /// known one; nil for an unknown HEI.
    public func institution(_ heiID: String) async throws(APIRequestError) -> XElement? {
        guard coveredHEIs.contains(heiID) else {
            // Exact match, as for our own HEIs (the catalogue's own lookup ignores case).
            return catalogue()?.institution(HEIID(heiID)).flatMap { $0.id == heiID ? Self.basic($0) : nil }
        }
        if let imported = try await imported(kind: Self.institutionKind, heiID: heiID) { return imported }
        return configured(heiID).institution.element
    }

    /// The `factsheet` of a covered HEI (imported, else configured); nil when it has none.
    public func factsheet(_ heiID: String) async throws(APIRequestError) -> XElement? {
        guard coveredHEIs.contains(heiID) else { return nil }
        if let imported = try await imported(kind: Self.factsheetKind, heiID: heiID) { return imported }
        return configured(heiID).factsheet
    }

    /// The organizational units of a covered HEI.
    public func ounits(_ heiID: String) -> [OrganizationalUnit] {
        coveredHEIs.contains(heiID) ? configured(heiID).ounits : []
    }

    private func imported(kind: String, heiID: String) async throws(APIRequestError) -> XElement? {
        let objects: [OwnObject]
        do {
            objects = try await store.ownObjects(kind: kind, heiID: heiID, ids: [heiID])
        } catch {
            logger.error("cannot read imported institution data", metadata: ["kind": .string(kind), "hei": .string(heiID), "error": .string("\(error)")])
            throw APIRequestError(status: .serviceUnavailable, "The institution data cannot be read right now; retry later.")
        }
        guard let document = objects.first?.document else { return nil }
        do {
            return try XMLReader.parse(document)
        } catch {
            logger.error("imported institution data is unreadable; serving Manifest/manifest.json instead",
                         metadata: ["kind": .string(kind), "hei": .string(heiID), "error": .string("\(error)")])
            return nil
        }
    }

    /// A HEI we do not cover, as the registry describes it (the SCHAC id stands in for a missing name).
    static func basic(_ hei: EWPRegistry.Institution) -> XElement {
        let names = hei.names.map { LocalizedText(lang: $0.lang, value: $0.value) }
        return Institution(heiID: hei.id, otherIDs: hei.otherIDs.map { .init(type: $0.type, value: $0.value) },
                           names: names.isEmpty ? [LocalizedText(value: hei.id)] : names).element
    }
}
