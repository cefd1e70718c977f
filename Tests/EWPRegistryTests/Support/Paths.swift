import EWPTestSupport
import Foundation

/// Repository and shared/ locations, found relative to this file (repo root = 3 levels up from a test
/// folder file; Support/ adds one level).
enum Paths {
    static let repoRoot: String = RepositoryPaths.root
    static let registrySpecs = OfficialMaterial.spec("ewp-specs-api-registry")
    static let catalogueExample = registrySpecs + "/catalogue-example.xml"
    static let catalogueXSD = registrySpecs + "/catalogue.xsd"
    static let xmlCatalog = OfficialMaterial.catalog
    static let testRegistryScript = repoRoot + "/Scripts/test_registry.py"

    static func bytes(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }
}
