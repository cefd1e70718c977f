import EWPAPIs
import EWPCore
import EWPTestSupport
import EWPXML
import Foundation
import Testing
@testable import EWPNode

/// Institution data in Manifest/manifest.json: the JSON schema, its consistency
/// rules, the start-up XSD check, and the manifest entries with their limits.
@Suite("Institution data in the manifest description")
struct InstitutionConfigurationTests {
    static let hei = "uw.edu.pl"

    /// A minimal description of `hei`, with `extra` (JSON members) added to the institution and `limits` to the root.
    static func description(_ extra: String = "", limits: String? = nil) -> String {
        let institution = #"{"hei_id": "\#(hei)", "names": [{"lang": "en", "value": "University of Warsaw"}]"# + (extra.isEmpty ? "" : ", " + extra) + "}"
        return #"{"admin_provider": "UW", "admin_emails": ["ewp@uw.edu.pl"], "institutions": ["# + institution + "]"
            + (limits.map { #", "limits": "# + $0 } ?? "") + "}"
    }

    static func configuration(_ json: String) throws -> NodeConfiguration {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ewp-inst-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("manifest.json").path
        try json.write(toFile: file, atomically: true, encoding: .utf8)
        return try NodeConfiguration(settings: ["EWP_MANIFEST": file])
    }

    static func problem(_ json: String) -> String? {
        do {
            _ = try configuration(json)
            return nil
        } catch {
            return "\(error)"
        }
    }

    static func unit(_ id: String, code: String? = nil, parent: String? = nil) -> String {
        #"{"ounit_id": "\#(id)", "ounit_code": "\#(code ?? id.uppercased())", "names": ["Unit \#(id)"]"#
            + (parent.map { #", "parent_ounit_id": "\#($0)""# } ?? "") + "}"
    }

    static func units(_ units: String...) -> String { #""ounits": ["# + units.joined(separator: ", ") + "]" }

    @Test("the example Manifest/manifest.json describes units, contacts and a factsheet, and passes the start-up check")
    func exampleManifest() throws {
        let configuration = try NodeConfiguration(settings: ["EWP_MANIFEST": RepositoryPaths.root + "/Manifest/manifest.json"])
        let example = try #require(configuration.manifest.institution("example.edu"))
        #expect((example.ounits ?? []).count >= 3)
        #expect(example.rootOUnitID != nil && example.institution.ounitIDs.contains(example.rootOUnitID!))
        #expect(example.factsheet != nil && !(example.contacts ?? []).isEmpty && example.streetAddress?.country != nil)
        try InstitutionConfigurationCheck.validate(configuration, schemas: try NodeAssembly.setUpXML())
    }

    @Test("shorthands: a name or URL may be a plain string, a phone number its E.164 string")
    func shorthands() throws {
        let configuration = try Self.configuration(Self.description(#"""
            "website_urls": ["https://www.uw.edu.pl/", {"lang": "pl", "value": "https://www.uw.edu.pl/pl/"}],
            "contacts": [{"names": ["IRO"], "phones": ["+48225520000", {"e164": "+48225520001", "ext": "12"}], "emails": ["iro@uw.edu.pl"]}]
            """#))
        let institution = try #require(configuration.manifest.institution(Self.hei)).institution
        #expect(institution.websiteURLs == [LocalizedText(value: "https://www.uw.edu.pl/"), LocalizedText(lang: "pl", value: "https://www.uw.edu.pl/pl/")])
        #expect(institution.contacts.first?.names == [LocalizedText(value: "IRO")])
        #expect(institution.contacts.first?.phones == [PhoneNumber(e164: "+48225520000"), PhoneNumber(e164: "+48225520001", ext: "12")])
    }

    @Test("a description without the new fields still loads (the schema grew compatibly)")
    func oldDescription() throws {
        let configuration = try Self.configuration(Self.description())
        let described = try #require(configuration.manifest.institution(Self.hei))
        #expect(described.ounits == nil && described.factsheet == nil && described.institution.ounitIDs.isEmpty)
        #expect(configuration.manifest.apiLimits.institutionsHEIIDs == InstitutionsAPI.defaultMaxHEIIDs)
        #expect(configuration.manifest.apiLimits.ounitCodes == OUnitsAPI.defaultMaxOUnitCodes)
    }

    @Test("inconsistent units or limits stop the configuration with what to fix", arguments: [
        (units(unit("a"), unit("a", code: "B")), nil, "ounit_id \"a\" is used by two ounits"),
        (units(unit("a", code: "X"), unit("b", code: "X")), nil, "ounit_code \"X\" is used by two ounits"),
        (units(unit("a")) + #", "root_ounit_id": "root""#, nil, "root_ounit_id \"root\" is not the ounit_id"),
        (units(unit("a", parent: "zz")), nil, "parent_ounit_id \"zz\", which is not"),
        (units(unit("a", parent: "b"), unit("b", parent: "a")), nil, "is its own ancestor"),
        (units(unit("r", parent: "a"), unit("a")) + #", "root_ounit_id": "r""#, nil, "the root ounit \"r\" has parent_ounit_id \"a\""),
        ("", #"{"ounits_max_ounit_codes": 0}"#, "limits.ounits_max_ounit_codes must be at least 1"),
        (units(#"{"ounit_id": "a", "names": ["A"]}"#), nil, "ounit_code"),
    ] as [(String, String?, String)])
    func inconsistencies(extra: String, limits: String?, message: String) {
        let problem = Self.problem(Self.description(extra, limits: limits))
        #expect(problem?.contains(message) == true, "\(problem ?? "accepted")")
    }

    @Test("the start-up check refuses data that would make schema-invalid responses, naming the HEI and the element")
    func startUpCheck() throws {
        let schemas = try NodeAssembly.setUpXML()
        let cases: [(String, String)] = [
            (#""street_address": {"locality": "Warszawa", "country": "Poland"}"#, "country"),
            (#""contacts": [{"names": ["IRO"], "phones": ["0048 22 552 00 00"]}]"#, "e164"),
            (Self.units(#"{"ounit_id": "has space", "ounit_code": "X", "names": ["X"]}"#), "ounit-id"),
            (#""logo_url": "http://insecure.example/logo.png""#, "logo-url"),
        ]
        for (extra, element) in cases {
            let configuration = try Self.configuration(Self.description(extra))
            do {
                try InstitutionConfigurationCheck.validate(configuration, schemas: schemas)
                Issue.record("accepted \(extra)")
            } catch {
                #expect(error.description.contains(Self.hei) && error.description.contains(element), "\(error)")
            }
        }
    }

    @Test("each covered host's manifest declares the three APIs with the configured limits")
    func manifestEntries() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ewp-inst-keys-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var configuration = try Self.configuration(Self.description(limits: #"{"institutions_max_hei_ids": 3, "ounits_max_ounit_ids": 7}"#))
        configuration.keysDirectory = directory
        _ = try HostKeys.generateMissing(heiID: Self.hei, keysDirectory: directory)
        let keys = try HostKeys.load(heiID: Self.hei, keysDirectory: directory)
        let host = CoveredHost(heiID: HEIID(Self.hei), keys: keys, configuration: configuration)
        let apis = try #require(try XMLReader.parse(host.manifestDocument).children.first?.children.first { $0.name == "apis-implemented" })
        func value(_ api: String, _ element: String) -> String? {
            apis.children.first { $0.name == api }?.children.first { $0.name == element }?.text
        }
        let base = configuration.publicBase + "/hei/\(Self.hei)"
        #expect(value("institutions", "url") == base + "/institutions" && value("institutions", "max-hei-ids") == "3")
        #expect(value("organizational-units", "url") == base + "/ounits" && value("organizational-units", "max-ounit-ids") == "7")
        #expect(value("organizational-units", "max-ounit-codes") == String(OUnitsAPI.defaultMaxOUnitCodes))
        #expect(value("factsheet", "url") == base + "/factsheet" && value("factsheet", "max-hei-ids") == String(FactsheetAPI.defaultMaxHEIIDs))
    }
}
