import Foundation

/// Where tests find the repository, from this file's location; the official material is found
/// through `OfficialMaterial` (EWP_SPECS_DIR, else `../shared/ewp-specs`).
public enum RepositoryPaths {
    public static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    public static var specs: String { OfficialMaterial.specs }
    public static var officialCatalog: String { OfficialMaterial.catalog }
    public static var schemas: String { (root as NSString).appendingPathComponent("Schemas") }

    public static func spec(_ relativePath: String) -> String {
        OfficialMaterial.spec(relativePath)
    }
}
