import Foundation

/// Validates documents against the OFFICIAL EWP XSDs (`OfficialMaterial`) with `xmllint` (an independent
/// libxml2 front end, in its own process, so the official catalog never meets ours).
public enum OfficialSchemas {
    public static let gh = "https://github.com/erasmus-without-paper/"
    public static let raw = "https://raw.githubusercontent.com/erasmus-without-paper/"

    /// A wrapper that imports the Discovery manifest schema with every manifest entry and security
    /// entry we may emit, so the lax wildcards in `apis-implemented` and `http-security` are checked.
    public static let manifestWrapper = wrapper(imports: [
        (gh + "ewp-specs-api-discovery/tree/stable-v6", raw + "ewp-specs-api-discovery/stable-v6/manifest.xsd"),
        (gh + "ewp-specs-api-discovery/blob/stable-v6/manifest-entry.xsd", raw + "ewp-specs-api-discovery/stable-v6/manifest-entry.xsd"),
        (gh + "ewp-specs-api-echo/blob/stable-v2/manifest-entry.xsd", raw + "ewp-specs-api-echo/stable-v2/manifest-entry.xsd"),
        (gh + "ewp-specs-api-iia-cnr/blob/stable-v3/manifest-entry.xsd", raw + "ewp-specs-api-iia-cnr/stable-v3/manifest-entry.xsd"),
        (gh + "ewp-specs-api-iia-approval-cnr/blob/stable-v2/manifest-entry.xsd", raw + "ewp-specs-api-iia-approval-cnr/stable-v2/manifest-entry.xsd"),
        (gh + "ewp-specs-api-omobility-la-cnr/blob/stable-v1/manifest-entry.xsd", raw + "ewp-specs-api-omobility-la-cnr/stable-v1/manifest-entry.xsd"),
        (gh + "ewp-specs-api-imobility-tor-cnr/blob/stable-v1/manifest-entry.xsd", raw + "ewp-specs-api-imobility-tor-cnr/stable-v1/manifest-entry.xsd"),
        (gh + "ewp-specs-api-iias/blob/stable-v7/manifest-entry.xsd", raw + "ewp-specs-api-iias/stable-v7/manifest-entry.xsd"),
        (gh + "ewp-specs-api-iias-approval/blob/stable-v2/manifest-entry.xsd", raw + "ewp-specs-api-iias-approval/stable-v2/manifest-entry.xsd"),
        (gh + "ewp-specs-api-institutions/blob/stable-v2/manifest-entry.xsd", raw + "ewp-specs-api-institutions/stable-v2/manifest-entry.xsd"),
        (gh + "ewp-specs-api-ounits/blob/stable-v2/manifest-entry.xsd", raw + "ewp-specs-api-ounits/stable-v2/manifest-entry.xsd"),
        (gh + "ewp-specs-api-factsheet/blob/stable-v1/manifest-entry.xsd", raw + "ewp-specs-api-factsheet/stable-v1/manifest-entry.xsd"),
        (gh + "ewp-specs-api-omobility-las/blob/stable-v1/manifest-entry.xsd", raw + "ewp-specs-api-omobility-las/stable-v1/manifest-entry.xsd"),
        (gh + "ewp-specs-api-imobility-tors/blob/stable-v2/manifest-entry.xsd", raw + "ewp-specs-api-imobility-tors/stable-v2/manifest-entry.xsd"),
        (gh + "ewp-specs-api-omobilities/blob/stable-v2/manifest-entry.xsd", raw + "ewp-specs-api-omobilities/stable-v2/manifest-entry.xsd"),
        (gh + "ewp-specs-api-imobilities/blob/stable-v1/manifest-entry.xsd", raw + "ewp-specs-api-imobilities/stable-v1/manifest-entry.xsd"),
        (gh + "ewp-specs-api-omobility-cnr/blob/stable-v1/manifest-entry.xsd", raw + "ewp-specs-api-omobility-cnr/stable-v1/manifest-entry.xsd"),
        (gh + "ewp-specs-api-imobility-cnr/blob/stable-v1/manifest-entry.xsd", raw + "ewp-specs-api-imobility-cnr/stable-v1/manifest-entry.xsd"),
        (gh + "ewp-specs-sec-cliauth-httpsig/tree/stable-v1", raw + "ewp-specs-sec-cliauth-httpsig/stable-v1/security-entries.xsd"),
        (gh + "ewp-specs-sec-srvauth-httpsig/tree/stable-v1", raw + "ewp-specs-sec-srvauth-httpsig/stable-v1/security-entries.xsd"),
        (gh + "ewp-specs-sec-srvauth-tlscert/tree/stable-v1", raw + "ewp-specs-sec-srvauth-tlscert/stable-v1/security-entries.xsd"),
    ])

    public static let echoResponse = spec("ewp-specs-api-echo/response.xsd")
    public static let commonTypes = spec("ewp-specs-architecture/common-types.xsd")
    public static let catalogue = spec("ewp-specs-api-registry/catalogue.xsd")

    static func spec(_ path: String) -> String { RepositoryPaths.spec(path) }

    public struct Outcome: Sendable {
        public let valid: Bool
        public let messages: String
        /// Not validated: the official material is absent (see `validate`).
        public var skipped: Bool = false

        static let skipped = Outcome(valid: true, messages: "skipped: \(OfficialMaterial.skipMarker)", skipped: true)
    }

    public static var xmllintAvailable: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/xmllint") }

    /// Runs `xmllint --nonet --noout --schema XSD` with the official XML catalog (or `catalog`).
    /// Without the official material (a clone alone) nothing is validated: the skip is printed and
    /// counted (`OfficialMaterial.crossCheckRuns`) and the outcome reads valid, so a test asserting
    /// that a document is INVALID must carry the `.officialSpecs` trait.
    public static func validate(_ document: [UInt8], against xsd: String, catalog: String = RepositoryPaths.officialCatalog) async throws -> Outcome {
        guard OfficialMaterial.crossCheckRuns("xmllint against \(xsd.hasPrefix("<") ? "a wrapper schema" : (xsd as NSString).lastPathComponent)") else {
            return .skipped
        }
        let directory = try RepositoryPaths.temporaryDirectory(prefix: "ewp-xsd")
        defer { try? FileManager.default.removeItem(at: directory) }
        let documentPath = directory.appendingPathComponent("document.xml").path
        _ = FileManager.default.createFile(atPath: documentPath, contents: Data(document))
        var schemaPath = xsd
        if xsd.hasPrefix("<") {
            schemaPath = directory.appendingPathComponent("wrapper.xsd").path
            _ = FileManager.default.createFile(atPath: schemaPath, contents: Data(xsd.utf8))
        }
        var environment = ProcessInfo.processInfo.environment
        environment["XML_CATALOG_FILES"] = catalog
        let (status, output) = try await ChildProcess.run("/usr/bin/xmllint", ["--nonet", "--noout", "--schema", schemaPath, documentPath],
                                                          environment: environment)
        return Outcome(valid: status == 0, messages: output)
    }

    static func wrapper(imports: [(namespace: String, location: String)]) -> String {
        var text = #"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:ewp-node:test-wrapper">"#
        for (namespace, location) in imports {
            text += #"<xs:import namespace="\#(namespace)" schemaLocation="\#(location)"/>"#
        }
        return text + "</xs:schema>"
    }
}
