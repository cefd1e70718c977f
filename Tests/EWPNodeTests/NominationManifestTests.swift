import EWPAPIs
import EWPCore
import EWPTestSupport
import EWPXML
import Foundation
import Testing
@testable import EWPNode

/// The nomination APIs in a covered host's manifest: Outgoing Mobilities v2, Incoming Mobilities v1
/// and both CNR APIs v1, each in its specification's namespace, with its version and its URLs.
@Suite("Manifest: the nomination APIs")
struct NominationManifestTests {
    @Test("omobilities 2.0.0 (get and index), imobilities 1.0.0 (get), omobility-cnr and imobility-cnr 1.0.0, each in its spec's namespace")
    func nominationEntries() throws {
        let hei = InstitutionConfigurationTests.hei
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ewp-nom-keys-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var configuration = try InstitutionConfigurationTests.configuration(InstitutionConfigurationTests.description())
        configuration.keysDirectory = directory
        _ = try HostKeys.generateMissing(heiID: hei, keysDirectory: directory)
        let host = CoveredHost(heiID: HEIID(hei), keys: try HostKeys.load(heiID: hei, keysDirectory: directory), configuration: configuration)
        let apis = try #require(try XMLReader.parse(host.manifestDocument).children.first?.children.first { $0.name == "apis-implemented" })
        let base = configuration.publicBase + "/hei/\(hei)"
        let gh = "https://github.com/erasmus-without-paper/"
        let expected: [(name: String, spec: String, version: String, urls: [String: String])] = [
            ("omobilities", "ewp-specs-api-omobilities/blob/stable-v2", "2.0.0", ["get-url": base + "/omobilities/get", "index-url": base + "/omobilities/index"]),
            ("imobilities", "ewp-specs-api-imobilities/blob/stable-v1", "1.0.0", ["get-url": base + "/imobilities/get"]),
            ("omobility-cnr", "ewp-specs-api-omobility-cnr/blob/stable-v1", "1.0.0", ["url": base + "/omobility-cnr"]),
            ("imobility-cnr", "ewp-specs-api-imobility-cnr/blob/stable-v1", "1.0.0", ["url": base + "/imobility-cnr"]),
        ]
        for api in expected {
            let entries = apis.children.filter { $0.name == api.name }
            #expect(entries.count == 1, "\(api.name): \(entries.count) entries")
            let entry = try #require(entries.first)
            #expect(entry.namespace == gh + api.spec + "/manifest-entry.xsd", "\(api.name): \(entry.namespace)")
            #expect(entry.attribute("version") == api.version, "\(api.name)")
            for (element, url) in api.urls {
                #expect(entry.children.first { $0.name == element }?.text == url, "\(api.name) \(element)")
            }
        }
    }
}
