import Foundation

/// Validation against the official IMobility ToR CNR v2 XSDs with `OfficialSchemas.validate`. They
/// exist only as the Registry Service's copies in the specs folder's `_supplemental`,
/// whose common-types import is a relative path of that service's tree: copies with it re-pointed
/// to the official URL go into a temporary directory, with a catalog that maps the v2 URLs to them
/// and then defers to `OfficialToRs`' catalog (ToRs v3, then the specs' own catalog).
public enum OfficialToRCNRv2 {
    static let raw = "https://raw.githubusercontent.com/erasmus-without-paper/"
    static let base = raw + "ewp-specs-api-imobility-tor-cnr/stable-v2/"

    public struct Files: Sendable {
        public let manifestEntry: String
        public let response: String
        public let catalog: String
    }

    /// Built once per test process; the directory is left for the OS to clean.
    public static let files: Result<Files, any Error> = Result {
        let directory = try RepositoryPaths.temporaryDirectory(prefix: "ewp-tor-cnr-v2").path
        let source = RepositoryPaths.spec("_supplemental/registry-service/schemas/ewp-specs-api-imobility-tor-cnr-v2.0.0")
        var catalog = "<catalog xmlns=\"urn:oasis:names:tc:entity:xmlns:xml:catalog\">\n"
        for file in ["manifest-entry.xsd", "response.xsd"] {
            var text = try String(contentsOfFile: source + "/" + file, encoding: .utf8)
            for (from, to) in OfficialToRs.relocations { text = text.replacingOccurrences(of: "schemaLocation=\"\(from)\"", with: "schemaLocation=\"\(to)\"") }
            try text.write(toFile: directory + "/" + file, atomically: true, encoding: .utf8)
            let target = URL(fileURLWithPath: directory + "/" + file).absoluteString
            catalog += "  <uri name=\"\(base + file)\" uri=\"\(target)\"/>\n  <system systemId=\"\(base + file)\" uri=\"\(target)\"/>\n"
        }
        let next = try OfficialToRs.files.get().catalog
        catalog += "  <nextCatalog catalog=\"\(URL(fileURLWithPath: next).absoluteString)\"/>\n</catalog>\n"
        try catalog.write(toFile: directory + "/catalog.xml", atomically: true, encoding: .utf8)
        return Files(manifestEntry: directory + "/manifest-entry.xsd", response: directory + "/response.xsd", catalog: directory + "/catalog.xml")
    }

    /// `OfficialSchemas.manifestWrapper` plus the ToRs v3 and ToR CNR v2 manifest entries, so those
    /// entries inside a manifest are checked too (the apis-implemented wildcard is lax).
    public static let manifestWrapper: String = {
        let gh = OfficialSchemas.gh
        let extra = [
            (gh + "ewp-specs-api-imobility-tors/blob/stable-v3/manifest-entry.xsd", raw + "ewp-specs-api-imobility-tors/stable-v3/manifest-entry.xsd"),
            (gh + "ewp-specs-api-imobility-tor-cnr/blob/stable-v2/manifest-entry.xsd", base + "manifest-entry.xsd"),
        ].map { #"<xs:import namespace="\#($0.0)" schemaLocation="\#($0.1)"/>"# }.joined()
        return OfficialSchemas.manifestWrapper.replacingOccurrences(of: "</xs:schema>", with: extra + "</xs:schema>")
    }()

    public enum Document: Sendable { case manifest, manifestEntry, response }

    /// Validates a whole manifest (with every entry we emit checked), a ToR CNR v2 manifest entry
    /// or an `imobility-tor-cnr-response` of v2 against the official XSDs.
    public static func validate(_ document: [UInt8], _ kind: Document) async throws -> OfficialSchemas.Outcome {
        guard OfficialMaterial.crossCheckRuns("xmllint against the ToR CNR v2 XSDs") else {
            return .skipped
        }
        let files = try files.get()
        let xsd = switch kind {
        case .manifest: manifestWrapper
        case .manifestEntry: files.manifestEntry
        case .response: files.response
        }
        return try await OfficialSchemas.validate(document, against: xsd, catalog: files.catalog)
    }
}
