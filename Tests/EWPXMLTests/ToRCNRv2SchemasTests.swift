import EWPTestTraits
import Testing
import EWPXML

/// IMobility ToR CNR v2 (beside ToRs v3; only in `_supplemental`): our manifest entry
/// and response schemas against the Registry Service's copies (compiled with their relative
/// common-types import re-pointed by namespace, `Official.setup`), both directions: what we write
/// is valid in both, and each broken variant is refused by both.
@Suite(.officialSpecs) struct ToRCNRv2SchemasTests {
    static let entryNS = "https://github.com/erasmus-without-paper/ewp-specs-api-imobility-tor-cnr/blob/stable-v2/manifest-entry.xsd"
    static let responseNS = "https://github.com/erasmus-without-paper/ewp-specs-api-imobility-tor-cnr/tree/stable-v2"
    static let v1EntryNS = "https://github.com/erasmus-without-paper/ewp-specs-api-imobility-tor-cnr/blob/stable-v1/manifest-entry.xsd"
    static let v1ResponseNS = "https://github.com/erasmus-without-paper/ewp-specs-api-imobility-tor-cnr/tree/stable-v1"

    static func both(_ file: String) throws -> [XSDSchema] {
        [try ourSchemas.schema(file), try Official.counterpart(of: file)]
    }

    /// The entry as the node writes it (IMobilityToRCNRv2API.manifestEntry).
    static func entry(namespace: String = entryNS, url: String? = "https://ewp.example.org/hei/x/imobility-tor-cnr-v2",
                      max: String? = "100") -> XElement {
        var children = [Documents.httpSecurity(namespace)]
        if let url { children.append(XElement("url", namespace: namespace, text: url)) }
        if let max { children.append(XElement("max-omobility-ids", namespace: namespace, text: max)) }
        return XElement("imobility-tor-cnr", namespace: namespace, attributes: [XAttribute("version", value: "2.0.0")], children: children)
    }

    /// Our usual manifest with the v2 entry added after the others.
    static func manifest(with entry: XElement) -> [UInt8] {
        var manifest = Documents.manifest()
        manifest.children[0].children[3].children.append(entry)
        return XMLWriter.document(manifest, prefixes: Documents.prefixes)
    }

    @Test func theEntryWeWriteIsValidInBoth() throws {
        for schema in try Self.both("imobility-tor-cnr-v2-manifest-entry.xsd") {
            #expect(schema.validate(Self.entry(), prefixes: Documents.prefixes) == [], "\(schema.path)")
        }
    }

    @Test(arguments: [
        ("no url", entry(url: nil)),
        ("no max-omobility-ids", entry(max: nil)),
        ("max-omobility-ids 0", entry(max: "0")),
        ("plain-http url", entry(url: "http://ewp.example.org/cnr")),
        ("the v1 namespace", entry(namespace: v1EntryNS)),
    ])
    func brokenEntriesAreRefusedByBoth(_ name: String, _ entry: XElement) throws {
        for schema in try Self.both("imobility-tor-cnr-v2-manifest-entry.xsd") {
            #expect(!schema.validate(entry, prefixes: Documents.prefixes).isEmpty, "\(name): \(schema.path)")
        }
    }

    @Test func insideAManifestTheEntryIsCheckedThroughTheWrapper() throws {
        for schema in try Self.both(SchemaFile.manifest) {
            #expect(schema.validate(Self.manifest(with: Self.entry())) == [], "\(schema.path)")
            let problems = schema.validate(Self.manifest(with: Self.entry(url: nil)))
            #expect(problems.count == 1, "\(schema.path)")
            #expect(problems.first?.message.contains("url") == true)
        }
        // The Discovery schema alone lets it through (lax wildcard): the wrapper must import it.
        #expect(try ourSchemas.schema("discovery-manifest.xsd").validate(Self.manifest(with: Self.entry(url: nil))) == [])
    }

    @Test func theResponseIsEmptyAndInTheV2Namespace() throws {
        let good = XElement("imobility-tor-cnr-response", namespace: Self.responseNS)
        var withChild = good
        withChild.children = [XElement("note", namespace: Self.responseNS)]
        var withText = good
        withText.text = "ok"
        let v1 = XElement("imobility-tor-cnr-response", namespace: Self.v1ResponseNS)
        for schema in try Self.both(SchemaFile.imobilityToRCNRv2Response) {
            #expect(schema.validate(good) == [], "\(schema.path)")
            #expect(schema.validate(withChild).count == 1)
            #expect(schema.validate(withText).count == 1)
            #expect(schema.validate(v1).count == 1)
        }
    }
}
