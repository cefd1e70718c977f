import EWPAPIs
import EWPRegistry
import EWPStore
import EWPXML
import Logging

/// Where the Institutions, OUnits and Factsheet APIs take their data from: `Manifest/manifest.json`
/// for each covered HEI, replaced per HEI by an imported `institutions-response` or
/// `factsheet-response` (kept in the store as own objects of kind `institution` / `factsheet`,
/// object id = HEI id). Other HEIs the registry catalogue knows get their names and other ids.
struct InstitutionSource: Sendable {
    static let institutionKind = "institution"
    static let factsheetKind = "factsheet"

    let manifest: ManifestSettings
    let coveredHEIs: [String]
    let store: any Store
    let catalogue: Catalogue?
    let logger: Logger

    /// The `hei` of a covered HEI (imported, else configured), or the catalogue's basic facts of a
    /// known one; nil for an unknown HEI.
    func institution(_ heiID: String) async throws(NodeError) -> XElement? {
        guard coveredHEIs.contains(heiID) else {
            // Exact match, as for our own HEIs (the catalogue's own lookup ignores case).
            return catalogue?.institution(heiID).flatMap { $0.id == heiID ? Self.basic($0) : nil }
        }
        if let imported = try await imported(kind: Self.institutionKind, heiID: heiID) { return imported }
        return configured(heiID).institution.element
    }

    /// The `factsheet` of a covered HEI (imported, else configured); nil when it has none.
    func factsheet(_ heiID: String) async throws(NodeError) -> XElement? {
        guard coveredHEIs.contains(heiID) else { return nil }
        if let imported = try await imported(kind: Self.factsheetKind, heiID: heiID) { return imported }
        return configured(heiID).factsheet?.element(heiID: heiID)
    }

    /// The organizational units of a covered HEI.
    func ounits(_ heiID: String) -> [OrganizationalUnit] {
        coveredHEIs.contains(heiID) ? configured(heiID).ounits ?? [] : []
    }

    /// The HEI's description in manifest.json; a covered HEI missing there is named by its id.
    func configured(_ heiID: String) -> ManifestSettings.Institution {
        manifest.institution(heiID) ?? ManifestSettings.Institution(heiID: heiID, names: [LocalizedText(lang: "en", value: heiID)])
    }

    private func imported(kind: String, heiID: String) async throws(NodeError) -> XElement? {
        let objects: [OwnObject]
        do {
            objects = try await store.ownObjects(kind: kind, heiID: heiID, ids: [heiID])
        } catch {
            logger.error("cannot read imported institution data", metadata: ["kind": .string(kind), "hei": .string(heiID), "error": .string("\(error)")])
            throw .unavailable("The institution data cannot be read right now; retry later.")
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
        return EWPAPIs.Institution(heiID: hei.id, otherIDs: hei.otherIDs.map { .init(type: $0.type, value: $0.value) },
                                   names: names.isEmpty ? [LocalizedText(value: hei.id)] : names).element
    }
}
