import EWPTestSupport
import Foundation
import EWPXML

/// Paths used by the tests: the repository is 3 levels above this file; the official material is
/// found by `OfficialMaterial`.
enum TestPaths {
    static let repoRoot: String = RepositoryPaths.root
    static let schemas = repoRoot + "/Schemas"
    static let specs = OfficialMaterial.specs
    static let officialCatalog = OfficialMaterial.catalog

    static func bytes(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// A fresh temporary directory for files a test writes.
    static func temporaryDirectory() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ewpxml-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.path
    }

    static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    static func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    /// `xmllint` (Debian libxml2-utils), if installed.
    static let xmllint: String? = ["/usr/bin/xmllint", "/usr/local/bin/xmllint"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }
}

/// Our schemas, compiled once per test process (shared by every test, as in the server).
let ourSchemas = SchemaCache(directory: TestPaths.schemas)

/// Namespaces of the documents under test.
enum NS {
    static let ewp = "https://github.com/erasmus-without-paper/ewp-specs-architecture/blob/stable-v1/common-types.xsd"
    static let sec = "https://github.com/erasmus-without-paper/ewp-specs-sec-intro/tree/stable-v2"
    static let manifest = "https://github.com/erasmus-without-paper/ewp-specs-api-discovery/tree/stable-v6"
    static let registry = "https://github.com/erasmus-without-paper/ewp-specs-api-registry/tree/stable-v1"
    static let discoveryEntry = "https://github.com/erasmus-without-paper/ewp-specs-api-discovery/blob/stable-v6/manifest-entry.xsd"
    static let echoEntry = "https://github.com/erasmus-without-paper/ewp-specs-api-echo/blob/stable-v2/manifest-entry.xsd"
    static let echo = "https://github.com/erasmus-without-paper/ewp-specs-api-echo/tree/stable-v2"
    static let cliHttpsig = "https://github.com/erasmus-without-paper/ewp-specs-sec-cliauth-httpsig/tree/stable-v1"
    static let srvHttpsig = "https://github.com/erasmus-without-paper/ewp-specs-sec-srvauth-httpsig/tree/stable-v1"
    static let srvTlscert = "https://github.com/erasmus-without-paper/ewp-specs-sec-srvauth-tlscert/tree/stable-v1"
    static let xml = XMLWriter.xmlNamespace
}
