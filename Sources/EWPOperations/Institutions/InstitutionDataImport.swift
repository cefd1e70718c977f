import EWPAPIs
import EWPCore
import EWPStore
import EWPXML
import Foundation

/// A refused import: what is wrong and what to fix. Nothing was stored.
public struct InstitutionImportError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// `ewp-node import` of institution data: an `institutions-response` (its `hei` elements) or a
/// `factsheet-response` (its `factsheet` elements). The document must be valid against the
/// official schema and describe only HEIs this node covers; each element then replaces what the
/// Institutions (or Factsheet) API serves for its HEI instead of Manifest/manifest.json, all in
/// one transaction. Organizational units stay in Manifest/manifest.json.
public struct InstitutionDataImporter: Sendable {
    /// The document roots this importer takes.
    public static let rootNames: Set<String> = ["institutions-response", "factsheet-response"]

    let coveredHEIs: [HEIID]
    /// The organizational units Manifest/manifest.json describes, per covered HEI.
    let describedOUnits: [String: Set<String>]
    let store: any Store
    let schemas: SchemaCache

    public init(coveredHEIs: [HEIID], describedOUnits: [String: Set<String>], store: any Store, schemas: SchemaCache) {
        self.coveredHEIs = coveredHEIs
        self.describedOUnits = describedOUnits
        self.store = store
        self.schemas = schemas
    }

    /// Imports one document whose root is `root` (already parsed from `document`). Returns the
    /// lines to show: what was stored, and warnings.
    public func importDocument(_ document: [UInt8], root: XElement, now: Date = Date()) async throws(InstitutionImportError) -> [String] {
        guard let kind = Kind(rootName: root.name) else {
            throw InstitutionImportError("\(root.name) is not institution data (expected \(Self.rootNames.sorted().joined(separator: " or ")))")
        }
        let schema: XSDSchema
        do {
            schema = try schemas.schema(kind.schemaFile)
        } catch {
            throw InstitutionImportError("cannot load the schema \(kind.schemaFile): \(error)")
        }
        let problems = schema.validate(document)
        guard problems.isEmpty else {
            throw InstitutionImportError("not a valid \(kind.rootName) (nothing stored):\n" + problems.map { "  \($0)" }.joined(separator: "\n"))
        }

        let elements = root.elements(kind.elementName, namespace: kind.namespace)
        guard !elements.isEmpty else { throw InstitutionImportError("the \(kind.rootName) holds no \(kind.elementName); nothing to import") }
        // The document is served as imported, so its hei-id must be the covered HEI's id as configured.
        let covered = coveredHEIs.map(\.value)
        var seen = Set<String>()
        var upserts = [OwnObject]()
        var lines = [String]()
        for (index, element) in elements.enumerated() {
            let heiID = element.element("hei-id", namespace: kind.namespace)?.text.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            let position = "\(kind.elementName) #\(index + 1) (hei-id \"\(heiID)\")"
            guard covered.contains(heiID) else {
                throw InstitutionImportError("\(position): this node does not cover that HEI (it covers \(covered.joined(separator: ", "))); remove it from the file or add it to EWP_HEIS (nothing stored)")
            }
            guard seen.insert(heiID).inserted else {
                throw InstitutionImportError("\(position): the HEI is described twice in this file; keep one \(kind.elementName) per HEI (nothing stored)")
            }
            upserts.append(OwnObject(kind: kind.storeKind, heiID: heiID, objectID: heiID,
                                     document: XMLWriter.document(element, prefixes: InstitutionNamespace.prefixes), modifiedAt: now))
            lines.append("\(kind.apiName) data of \(heiID) stored; it replaces what Manifest/manifest.json says for that API")
            if kind == .institutions { lines += unitWarnings(element, heiID: heiID) }
        }
        do {
            try await store.commit(ChangeSet(upserts: upserts, notificationsExpireAt: now), now: now)
        } catch {
            throw InstitutionImportError("cannot store the data (nothing stored): \(error)")
        }
        return lines
    }

    /// Units an imported `hei` names that the OUnits API does not serve (they come from manifest.json).
    private func unitWarnings(_ hei: XElement, heiID: String) -> [String] {
        let ns = InstitutionNamespace.institutionsResponse
        let served = describedOUnits[heiID] ?? []
        let named = (hei.elements("root-ounit-id", namespace: ns) + hei.elements("ounit-id", namespace: ns))
            .map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) }
        var seen = Set<String>()
        return named.filter { !served.contains($0) && seen.insert($0).inserted }.map {
            "warning: \(heiID) names ounit \"\($0)\", which the OUnits API does not serve: add it to the ounits of \(heiID) in Manifest/manifest.json"
        }
    }

    enum Kind {
        case institutions, factsheet

        init?(rootName: String) {
            switch rootName {
            case "institutions-response": self = .institutions
            case "factsheet-response": self = .factsheet
            default: return nil
            }
        }

        var rootName: String { self == .institutions ? "institutions-response" : "factsheet-response" }
        var elementName: String { self == .institutions ? "hei" : "factsheet" }
        var namespace: String { self == .institutions ? InstitutionNamespace.institutionsResponse : InstitutionNamespace.factsheetResponse }
        var schemaFile: String { self == .institutions ? SchemaFile.institutionsResponse : SchemaFile.factsheetResponse }
        var storeKind: String { self == .institutions ? InstitutionSource.institutionKind : InstitutionSource.factsheetKind }
        var apiName: String { self == .institutions ? "Institutions" : "Factsheet" }
    }
}
