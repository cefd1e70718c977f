// End-to-end test support: validation against the official EWP XSDs (OfficialMaterial), with
// `xmllint` (libxml2's own tool, offline through the specs' xml-catalog.xml) so that the node's
// EWPXML is not judging its own output.
import EWPTestSupport
import Foundation

enum OfficialSchema {
    static let echoResponse = E2EPaths.specs + "/ewp-specs-api-echo/response.xsd"
    static let commonTypes = E2EPaths.specs + "/ewp-specs-architecture/common-types.xsd"   // error-response
    static let catalogue = E2EPaths.specs + "/ewp-specs-api-registry/catalogue.xsd"

    /// Writes (once per directory) a wrapper schema that imports the Discovery manifest schema, every
    /// API's manifest-entry.xsd and every security-entries.xsd, so that the lax wildcards under
    /// apis-implemented and http-security are really validated. The registry catalogue schema is
    /// imported too, so catalogues (whose apis-implemented holds the same entries) validate.
    static func discoveryWrapper(in directory: String) throws -> String {
        let path = directory + "/ewp-discovery-wrapper.xsd"
        if FileManager.default.fileExists(atPath: path) { return path }
        // Without the official material there is nothing to import; every validation is skipped.
        guard OfficialMaterial.specsAvailable || OfficialMaterial.required else { return path }
        var imports: [(namespace: String, file: String)] = [
            ("https://github.com/erasmus-without-paper/ewp-specs-api-discovery/tree/stable-v6",
             E2EPaths.specs + "/ewp-specs-api-discovery/manifest.xsd"),
            ("https://github.com/erasmus-without-paper/ewp-specs-api-registry/tree/stable-v1",
             E2EPaths.specs + "/ewp-specs-api-registry/catalogue.xsd"),
        ]
        var seen = Set(imports.map(\.namespace))
        let fm = FileManager.default
        let folders = try fm.contentsOfDirectory(atPath: E2EPaths.specs).filter { $0.hasPrefix("ewp-specs-") }.sorted()
        for folder in folders {
            for file in ["manifest-entry.xsd", "security-entries.xsd"] {
                let full = "\(E2EPaths.specs)/\(folder)/\(file)"
                guard let text = try? String(contentsOfFile: full, encoding: .utf8),
                      let ns = targetNamespace(of: text), !seen.contains(ns) else { continue }
                seen.insert(ns)
                imports.append((ns, full))
            }
        }
        var xsd = """
        <?xml version="1.0" encoding="UTF-8"?>
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:ewp-node:e2e:wrapper" elementFormDefault="qualified">

        """
        for (ns, file) in imports {
            xsd += "  <xs:import namespace=\"\(ns)\" schemaLocation=\"\(URL(fileURLWithPath: file).absoluteString)\"/>\n"
        }
        xsd += "</xs:schema>\n"
        try writeFile(path, xsd)
        return path
    }

    private static func targetNamespace(of xsd: String) -> String? {
        guard let r = xsd.range(of: #"targetNamespace\s*=\s*"([^"]+)""#, options: .regularExpression) else { return nil }
        let attr = xsd[r]
        guard let q1 = attr.firstIndex(of: "\"") else { return nil }
        return String(attr[attr.index(after: q1)..<attr.index(before: attr.endIndex)])
    }
}

/// Validates `document` against `schema` with xmllint; returns the problems (empty = valid).
/// Without the official material: no problems, the skip printed and counted (`crossCheckRuns`).
func xsdProblems(_ document: [UInt8], schema: String, scratchDirectory: String) -> [String] {
    guard OfficialMaterial.crossCheckRuns("xmllint against \((schema as NSString).lastPathComponent)") else { return [] }
    let docPath = scratchDirectory + "/validate-\(UUID().uuidString).xml"
    defer { try? FileManager.default.removeItem(atPath: docPath) }
    guard FileManager.default.createFile(atPath: docPath, contents: Data(document)) else {
        return ["could not write \(docPath)"]
    }
    var env = ProcessInfo.processInfo.environment
    env["XML_CATALOG_FILES"] = E2EPaths.xmlCatalog
    do {
        try runCommand("xmllint", ["--nonet", "--noout", "--schema", schema, docPath], environment: env)
        return []
    } catch {
        return ["\(error)"]
    }
}

/// `xsdProblems` on its own thread (see `offPool`).
func xsdProblemsAsync(_ document: [UInt8], schema: String, scratchDirectory: String) async -> [String] {
    (try? await offPool { xsdProblems(document, schema: schema, scratchDirectory: scratchDirectory) }) ?? ["validation did not run"]
}
