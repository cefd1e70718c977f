import Foundation

/// Where tests find the repository and `../shared` (the official specifications), from this file's
/// location: CI clones the repository elsewhere with `shared/` beside it.
public enum RepositoryPaths {
    public static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    public static var shared: String { (root as NSString).appendingPathComponent("../shared") }
    public static var specs: String { (shared as NSString).appendingPathComponent("ewp-specs") }
    public static var officialCatalog: String { (specs as NSString).appendingPathComponent("xml-catalog.xml") }
    public static var schemas: String { (root as NSString).appendingPathComponent("Schemas") }

    public static func spec(_ relativePath: String) -> String {
        (specs as NSString).appendingPathComponent(relativePath)
    }
}
