import EWPTestTraits
import EWPAPIs
import EWPStore
import EWPTestSupport
import EWPXML
import Foundation
import Testing

/// The documents of IMobility ToRs: the test transcripts (valid against our XSDs and the official
/// ones, v2 with ELMO v1 and v3 with ELMO v2), what the node reads from a `tor`, how it is stored,
/// and the two manifest entries.
@Suite("IMobility ToRs: documents, reading, storage and manifest entries")
struct IMobilityToRsDocumentsTests {
    static let ours = SchemaCache(directory: RepositoryPaths.schemas)

    func element(_ xml: String) throws -> XElement {
        try #require(try XMLReader.parse(Array(xml.utf8)).children.first)
    }

    @Test("the test transcripts are valid against our XSDs and the official ones (v2 + ELMO v1, v3 + ELMO v2)")
    func fixturesValid() async throws {
        let v2 = Array(ToRDocuments.v2(["om-1", "om-2"], issuer: nil).utf8)
        let v3 = Array(ToRDocuments.v3(["om-1"]).utf8)
        #expect(try Self.ours.schema(SchemaFile.imobilityToRsGetResponse).validate(v2).isEmpty)
        #expect(try Self.ours.schema(SchemaFile.imobilityToRsV3GetResponse).validate(v3).isEmpty)
        #expect(try !Self.ours.schema(SchemaFile.imobilityToRsGetResponse).validate(v3).isEmpty, "a v3 document is not a v2 one")
        for (document, version) in [(v2, 2), (v3, 3)] {
            let official = try await OfficialToRs.validate(document, version: version)
            #expect(official.valid, "v\(version): \(official.messages)")
        }
    }

    @Test("IMobility ToRs API v2 endpoints/get.md: a tor is read for its omobility-id and its issuers' SCHAC ids (the official v2 example: uw.edu.pl)", .officialSpecs)
    func readsOfficialExample() throws {
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: RepositoryPaths.spec("ewp-specs-api-imobility-tors/endpoints/get-response-example.xml"))))
        let root = try XMLReader.parse(bytes)
        #expect(ToRsVersion(getResponseNamespace: root.namespace) == .v2)
        let tor = try TranscriptOfRecords(try #require(root.children.first), version: .v2)
        #expect(tor.omobilityID == "b1ab0888-a5ce-45e8-8c51-e3c6f677b58f")
        #expect(tor.issuerHEIs == ["uw.edu.pl"])
        #expect(tor.receivingAcademicYear == nil)
    }

    @Test("IMobility ToRs API v3: a v3 tor carries its receiving academic year; an issuer without a SCHAC id names no HEI; ids are lowercased")
    func readsV3() throws {
        let tor = try TranscriptOfRecords(try element(ToRDocuments.v3(["om-9"], issuer: "Node.Test.Example", year: "2025/2026")), version: .v3)
        #expect(tor.omobilityID == "om-9" && tor.receivingAcademicYear == "2025/2026")
        #expect(tor.issuerHEIs == ["node.test.example"])
        let anonymous = try TranscriptOfRecords(try element(ToRDocuments.v2(["om-9"], issuer: nil)), version: .v2)
        #expect(anonymous.issuerHEIs.isEmpty)
    }

    @Test("a tor of the other version, or another element, is not read")
    func refusesOtherVersion() throws {
        #expect(throws: ToRReadError.self) { try TranscriptOfRecords(try element(ToRDocuments.v3(["om-1"])), version: .v2) }
        #expect(throws: ToRReadError.self) { try TranscriptOfRecords(XElement("tor", namespace: ToRsVersion.v2.getResponseNamespace), version: .v2) }
        #expect(ToRsVersion(getResponseNamespace: "urn:other") == nil)
    }

    @Test("storage: kind per version, heiID the receiving HEI, partner and sending-hei-id the sending HEI (lowercased), v3's year as a filter")
    func storage() throws {
        let at = Date(timeIntervalSince1970: 1_700_000_000)
        let v2 = OwnToRStorage.object(try TranscriptOfRecords(try element(ToRDocuments.v2(["om-1"])), version: .v2),
                                      receivingHEI: "node.test.example", sendingHEI: "Sending.Example", modifiedAt: at)
        #expect(v2.kind == "imobility-tor" && v2.heiID == "node.test.example" && v2.objectID == "om-1")
        #expect(v2.partnerHEIs == ["sending.example"])
        #expect(v2.filterKeys == [OwnToRStorage.sendingHEIKey: ["sending.example"]])
        #expect(try OwnToRStorage.element(v2)?.name == "tor")
        let v3 = OwnToRStorage.object(try TranscriptOfRecords(try element(ToRDocuments.v3(["om-1"])), version: .v3),
                                      receivingHEI: "node.test.example", sendingHEI: "sending.example", modifiedAt: at)
        #expect(v3.kind == "imobility-tor-v3")
        #expect(v3.filterKeys == [OwnToRStorage.sendingHEIKey: ["sending.example"], OwnToRStorage.academicYearKey: ["2024/2025"]])
        let cnr = OwnToRStorage.notification(receivingHEI: "node.test.example", sendingHEI: "sending.example", omobilityID: "om-1")
        #expect(cnr == NotificationKey(api: "imobility-tor-cnr", localHEI: "node.test.example", partnerHEI: "sending.example", objectID: "om-1"))
    }

    @Test("manifest entries: v2 declares sends-notifications, v3 does not; each valid against its official manifest-entry.xsd")
    func manifestEntries() async throws {
        let v2 = IMobilityToRsAPI.manifestEntry(.v2, getURL: "https://n.example/get", indexURL: "https://n.example/index")
        let v3 = IMobilityToRsAPI.manifestEntry(.v3, getURL: "https://n.example/v3/get", indexURL: "https://n.example/v3/index")
        #expect(v2.attribute("version") == "2.0.0" && v3.attribute("version") == "3.0.0")
        #expect(v2.children.map(\.name) == ["http-security", "get-url", "index-url", "max-omobility-ids", "sends-notifications"])
        #expect(v3.children.map(\.name) == ["http-security", "get-url", "index-url", "max-omobility-ids"])
        for (entry, version) in [(v2, 2), (v3, 3)] {
            let official = try await OfficialToRs.validate(XMLWriter.document(entry), version: version, .manifestEntry)
            #expect(official.valid, "v\(version): \(official.messages)")
        }
    }
}
