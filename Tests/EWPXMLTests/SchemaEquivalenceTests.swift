import EWPTestTraits
import Foundation
import Testing
import EWPXML

/// Our XSDs declare exactly the official components: same target namespace, same global
/// elements/types/attributes, same content models (names, refs, types, occurrences, order),
/// same facets. Compared as canonical trees: annotations, imports (whose schemaLocation is a
/// file name of ours) and default-valued attributes (minOccurs/maxOccurs 1, use optional)
/// are ignored; QNames compare by namespace, not prefix; global components are compared as a
/// set, nested content in order.
@Suite(.officialSpecs) struct SchemaEquivalenceTests {
    static let pairs: [(ours: String, official: String)] = [
        ("xml.xsd", "_supplemental/w3c/2001/03/xml.xsd"),
        ("common-types.xsd", "ewp-specs-architecture/common-types.xsd"),
        ("sec-intro.xsd", "ewp-specs-sec-intro/schema.xsd"),
        ("registry-catalogue.xsd", "ewp-specs-api-registry/catalogue.xsd"),
        ("registry-manifest-entry.xsd", "ewp-specs-api-registry/manifest-entry.xsd"),
        ("discovery-manifest.xsd", "ewp-specs-api-discovery/manifest.xsd"),
        ("discovery-manifest-entry.xsd", "ewp-specs-api-discovery/manifest-entry.xsd"),
        ("echo-response.xsd", "ewp-specs-api-echo/response.xsd"),
        ("echo-manifest-entry.xsd", "ewp-specs-api-echo/manifest-entry.xsd"),
    ] + ["cliauth-httpsig", "cliauth-none", "cliauth-tlscert", "srvauth-httpsig", "srvauth-tlscert", "reqencr-tls", "resencr-tls"]
        .map { ("sec-\($0).xsd", "ewp-specs-sec-\($0)/security-entries.xsd") }
        + ["iia-cnr", "iia-approval-cnr", "omobility-la-cnr", "imobility-tor-cnr", "omobility-cnr", "imobility-cnr"].flatMap { api in
            ["manifest-entry", "response"].map { ("\(api)-\($0).xsd", "ewp-specs-api-\(api)/\($0).xsd") }
        }
        + ["address", "contact", "phonenumber"].map { ("types-\($0).xsd", "ewp-specs-types-\($0)/schema.xsd") }
        + [("types-academic-term-v1.xsd", "ewp-specs-types-academic-term/branches/stable-v1/schema.xsd"),
           ("types-academic-term-v2.xsd", "ewp-specs-types-academic-term/schema.xsd"),
           ("iias-manifest-entry.xsd", "ewp-specs-api-iias/manifest-entry.xsd"),
           ("omobility-la-cnr-stats-response.xsd", "ewp-specs-api-omobility-la-cnr/endpoints/stats-response.xsd")]
        + ["get", "index", "stats"].map { ("iias-\($0)-response.xsd", "ewp-specs-api-iias/endpoints/\($0)-response.xsd") }
        + [("courses-response.xsd", "ewp-specs-api-courses/response.xsd"),
           ("omobility-las-manifest-entry.xsd", "ewp-specs-api-omobility-las/manifest-entry.xsd")]
        + ["get-response", "index-response", "update-request", "update-response", "stats-response"].map {
            ("omobility-las-\($0).xsd", "ewp-specs-api-omobility-las/endpoints/\($0).xsd")
        }
        + [("imobility-tors-manifest-entry.xsd", "ewp-specs-api-imobility-tors/manifest-entry.xsd"),
           ("imobility-tors-get-response.xsd", "ewp-specs-api-imobility-tors/endpoints/get-response.xsd"),
           ("imobility-tors-index-response.xsd", "ewp-specs-api-imobility-tors/endpoints/index-response.xsd"),
           ("elmo-v1.xsd", "elmo-schemas/schema.xsd"),
           ("xmldsig-core-schema.xsd", "elmo-schemas/references/xmldsig-core-schema.xsd"),
           ("europass-isocountries.xsd", "elmo-schemas/references/EUROPASS_ISOCountries_V1.1.xsd"),
           ("elmo-v2.xsd", "_supplemental/registry-service/schemas/elmo-schemas-v2.1.1/schema.xsd"),
           ("imobility-tors-v3-get-response.xsd", "_supplemental/registry-service/schemas/ewp-specs-api-imobility-tors-v3.0.0/endpoints/get-response.xsd")]
        + ["manifest-entry", "endpoints/index-response"].map {
            ("imobility-tors-v3-\($0.replacingOccurrences(of: "endpoints/", with: "")).xsd",
             "_supplemental/newer-commits/ewp-specs-api-imobility-tors@b16161c4/\($0).xsd")
        }
        + ["manifest-entry", "response"].map {
            ("imobility-tor-cnr-v2-\($0).xsd", "_supplemental/registry-service/schemas/ewp-specs-api-imobility-tor-cnr-v2.0.0/\($0).xsd")
        }
        + ["manifest-entry", "endpoints/get-response", "endpoints/index-response"].map {
            ("omobilities-\($0.replacingOccurrences(of: "endpoints/", with: "")).xsd", "ewp-specs-api-omobilities/\($0).xsd")
        }
        + ["manifest-entry", "endpoints/get-response"].map {
            ("imobilities-\($0.replacingOccurrences(of: "endpoints/", with: "")).xsd", "ewp-specs-api-imobilities/\($0).xsd")
        }
        + ["iias-approval", "institutions", "ounits", "factsheet"].flatMap { api in
            ["manifest-entry", "response"].map { ("\(api)-\($0).xsd", "ewp-specs-api-\(api)/\($0).xsd") }
        }

    static let xs = "http://www.w3.org/2001/XMLSchema"
    /// Attributes whose values are QNames (space-separated for memberTypes).
    static let qnameAttributes: Set<String> = ["type", "base", "ref", "itemType", "memberTypes", "substitutionGroup", "refer"]

    /// The namespace declarations on the root start tag (prefix → URI, "" = default namespace);
    /// XElement keeps no declarations, and every schema declares its prefixes on the root.
    static func declarations(_ text: String) -> [String: String] {
        guard let root = text.firstMatch(of: /<([A-Za-z_][\w.-]*:)?schema\b[^>]*>/) else { return [:] }
        var result = ["xml": XMLWriter.xmlNamespace]
        for m in root.output.0.matches(of: /xmlns(?::([\w.-]+))?\s*=\s*"([^"]*)"/) {
            result[m.output.1.map(String.init) ?? ""] = String(m.output.2)
        }
        return result
    }

    /// "{namespace}local" for a QName, so prefixes (ours "xs:", the official "xsd:" or none) do not matter.
    static func resolve(_ qname: Substring, _ namespaces: [String: String]) -> String {
        let parts = qname.split(separator: ":", maxSplits: 1)
        let (prefix, local) = parts.count == 2 ? (String(parts[0]), parts[1]) : ("", parts[0])
        return "{\(namespaces[prefix] ?? "?" + prefix)}\(local)"
    }

    static func canonical(_ e: XElement, _ namespaces: [String: String]) -> String {
        var attributes: [String] = []
        for a in e.attributes {
            if a.name == "schemaLocation" { continue }
            if (a.name == "minOccurs" || a.name == "maxOccurs") && a.value == "1" { continue }
            if a.name == "use" && a.value == "optional" { continue }
            let value = qnameAttributes.contains(a.name)
                ? a.value.split(separator: " ").map { resolve($0, namespaces) }.joined(separator: " ") : a.value
            attributes.append("\(a.name)=\(value)")
        }
        let children = e.children.filter { $0.namespace == xs && $0.name != "annotation" }.map { canonical($0, namespaces) }
        return "\(e.name)[\(attributes.sorted().joined(separator: ","))](\(children.joined(separator: ";")))"
    }

    static func components(_ path: String) throws -> (header: String, globals: [String]) {
        let bytes = try TestPaths.bytes(path)
        let namespaces = declarations(String(decoding: bytes, as: UTF8.self))
        let root = try XMLReader.parse(bytes)
        let header = "\(root.attribute("targetNamespace") ?? "")|\(root.attribute("elementFormDefault") ?? "unqualified")"
        let globals = root.children.filter { $0.namespace == xs && $0.name != "annotation" && $0.name != "import" }
            .map { canonical($0, namespaces) }.sorted()
        return (header, globals)
    }

    @Test(arguments: pairs.map { $0.ours })
    func sameComponentsAsTheOfficialSchema(_ ours: String) throws {
        let official = try #require(Self.pairs.first { $0.ours == ours }).official
        let a = try Self.components(TestPaths.schemas + "/" + ours)
        let b = try Self.components(TestPaths.specs + "/" + official)
        #expect(a.header == b.header)
        #expect(a.globals.count == b.globals.count)
        for (x, y) in zip(a.globals, b.globals) { #expect(x == y) }
        #expect(!(a.globals + b.globals).contains { $0.contains("{?") }, "a QName with an undeclared prefix")
    }

    @Test func importsAreTheSameNamespaces() throws {
        for (ours, official) in Self.pairs {
            func imports(_ path: String) throws -> [String] {
                try XMLReader.parse(try TestPaths.bytes(path)).elements("import", namespace: Self.xs)
                    .compactMap { $0.attribute("namespace") }.sorted()
            }
            // Ours never imports more than the official file; the xml namespace import of files
            // that do not use xml:lang is the only official extra we leave out.
            let mine = try imports(TestPaths.schemas + "/" + ours)
            let theirs = try imports(TestPaths.specs + "/" + official)
            #expect(Set(mine).isSubset(of: Set(theirs)), "\(ours)")
            #expect(Set(theirs).subtracting(mine).subtracting([XMLWriter.xmlNamespace, NS.ewp]).isEmpty, "\(ours)")
        }
    }
}
