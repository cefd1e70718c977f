import Foundation

/// Validation against the official IMobility ToRs XSDs (v2 and v3) with `OfficialSchemas.validate`.
/// v3 exists only in the specs folder's `_supplemental`: the manifest entry and index
/// response of a newer upstream commit, and the Registry Service's get response and ELMO v2.1.1,
/// whose relative imports point into the Registry Service's tree. Copies with those imports
/// re-pointed to the official URLs go into a temporary directory, with a catalog that maps the v3
/// and ELMO v2 URLs to them and then defers to the specs' catalog (EWPXMLTests' `Official.setup`
/// builds the same, from `relocations`).
public enum OfficialToRs {
    public struct Files: Sendable {
        public let getResponse: String
        public let indexResponse: String
        public let manifestEntry: String
        public let catalog: String
    }

    static let raw = "https://raw.githubusercontent.com/erasmus-without-paper/"
    static let elmo2 = "https://raw.githubusercontent.com/emrex-eu/elmo-schemas/v2.1.1/"
    /// Relative schemaLocations of the Registry Service copies → the official URLs.
    public static let relocations = [
        "../../ewp-specs-architecture-v1.16.0/common-types.xsd": raw + "ewp-specs-architecture/stable-v1/common-types.xsd",
        "../ewp-specs-architecture-v1.16.0/common-types.xsd": raw + "ewp-specs-architecture/stable-v1/common-types.xsd",   // ToR CNR v2
        "../../ewp-specs-types-academic-term-v2.0.0/schema.xsd": raw + "ewp-specs-types-academic-term/stable-v2/schema.xsd",
        "../xml.xsd": "http://www.w3.org/2001/03/xml.xsd",
        "../ewp-specs-types-address-v1.0.1/schema.xsd": raw + "ewp-specs-types-address/stable-v1/schema.xsd",
        "references/xmldsig-core-schema.xsd": elmo2 + "references/xmldsig-core-schema.xsd",
        "references/EUROPASS_ISOCountries_V1.1.xsd": elmo2 + "references/EUROPASS_ISOCountries_V1.1.xsd",
    ]

    /// Built once per test process; the directory is left for the OS to clean.
    public static let files: Result<Files, any Error> = Result {
        let directory = try RepositoryPaths.temporaryDirectory(prefix: "ewp-tors-v3").path
        let registryService = RepositoryPaths.spec("_supplemental/registry-service/schemas")
        var copies: [String: String] = [:]
        for file in ["ewp-specs-api-imobility-tors-v3.0.0/endpoints/get-response.xsd", "elmo-schemas-v2.1.1/schema.xsd"] {
            var text = try String(contentsOfFile: registryService + "/" + file, encoding: .utf8)
            for (from, to) in relocations { text = text.replacingOccurrences(of: "schemaLocation=\"\(from)\"", with: "schemaLocation=\"\(to)\"") }
            let path = directory + "/" + file
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            copies[file] = path
        }
        let newer = RepositoryPaths.spec("_supplemental/newer-commits/ewp-specs-api-imobility-tors@b16161c4")
        let tors3 = raw + "ewp-specs-api-imobility-tors/stable-v3/"
        let getResponse = copies["ewp-specs-api-imobility-tors-v3.0.0/endpoints/get-response.xsd"]!
        let map = [
            (tors3 + "manifest-entry.xsd", newer + "/manifest-entry.xsd"),
            (tors3 + "endpoints/index-response.xsd", newer + "/endpoints/index-response.xsd"),
            (tors3 + "endpoints/get-response.xsd", getResponse),
            (elmo2 + "schema.xsd", copies["elmo-schemas-v2.1.1/schema.xsd"]!),
        ]
        var catalog = "<catalog xmlns=\"urn:oasis:names:tc:entity:xmlns:xml:catalog\">\n"
        for (url, file) in map {
            let target = URL(fileURLWithPath: file).absoluteString
            catalog += "  <uri name=\"\(url)\" uri=\"\(target)\"/>\n  <system systemId=\"\(url)\" uri=\"\(target)\"/>\n"
        }
        catalog += "  <nextCatalog catalog=\"\(URL(fileURLWithPath: RepositoryPaths.officialCatalog).absoluteString)\"/>\n</catalog>\n"
        try catalog.write(toFile: directory + "/catalog.xml", atomically: true, encoding: .utf8)
        return Files(getResponse: getResponse, indexResponse: newer + "/endpoints/index-response.xsd", manifestEntry: newer + "/manifest-entry.xsd",
                     catalog: directory + "/catalog.xml")
    }

    public enum Document: Sendable { case getResponse, indexResponse, manifestEntry }

    /// Validates an `imobility-tors-get-response`, `-index-response` or manifest entry of ToRs
    /// `version` (2 or 3) against the official XSD.
    public static func validate(_ document: [UInt8], version: Int, _ kind: Document = .getResponse) async throws -> OfficialSchemas.Outcome {
        guard version == 3 else {
            let file = switch kind {
            case .getResponse: "endpoints/get-response.xsd"
            case .indexResponse: "endpoints/index-response.xsd"
            case .manifestEntry: "manifest-entry.xsd"
            }
            return try await OfficialSchemas.validate(document, against: RepositoryPaths.spec("ewp-specs-api-imobility-tors/" + file))
        }
        guard OfficialMaterial.crossCheckRuns("xmllint against the ToRs v3 XSDs") else {
            return .skipped
        }
        let files = try files.get()
        let xsd = switch kind {
        case .getResponse: files.getResponse
        case .indexResponse: files.indexResponse
        case .manifestEntry: files.manifestEntry
        }
        return try await OfficialSchemas.validate(document, against: xsd, catalog: files.catalog)
    }
}
