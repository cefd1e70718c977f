import Foundation

/// The official EWP material the cross-checks read in place, found through ONE lookup:
/// `EWP_SPECS_DIR` (a folder laid out as Tests/SPECS.md says), else `../shared/ewp-specs` beside the
/// repository. The guideline texts (`docs/`) are looked for beside the specs folder. A clone has none of it: the tests that need it are skipped (see
/// `Trait.officialSpecs` in EWPTestTraits), unless `EWP_REQUIRE_SPECS=1` (CI), where a missing folder is a failure.
public enum OfficialMaterial {
    /// The specifications folder (official XSDs and examples, and its `xml-catalog.xml`).
    public static let specs: String = {
        if let dir = ProcessInfo.processInfo.environment["EWP_SPECS_DIR"], !dir.isEmpty {
            return URL(fileURLWithPath: dir).standardizedFileURL.path
        }
        return URL(fileURLWithPath: RepositoryPaths.root).appendingPathComponent("../shared/ewp-specs").standardizedFileURL.path
    }()

    /// Beside the specs folder: the guideline texts and documentation (`docs/`).
    public static let docs: String = sibling("docs")

    public static var catalog: String { specs + "/xml-catalog.xml" }

    public static let specsAvailable = FileManager.default.fileExists(atPath: specs + "/xml-catalog.xml")
    public static let docsAvailable = FileManager.default.fileExists(atPath: docs + "/guidelines")

    /// CI sets `EWP_REQUIRE_SPECS=1`: there a missing folder must fail the run, never skip silently.
    public static let required = ProcessInfo.processInfo.environment["EWP_REQUIRE_SPECS"] == "1"

    /// The words every skip starts with; the Makefile counts them for its closing line.
    public static let skipMarker = "official EWP material not found"

    public static func spec(_ relativePath: String) -> String { specs + "/" + relativePath }

    /// The arguments of a parameterized test that come from the official material: `make()`, or,
    /// where the material is absent, none (the skip printed and counted), so the test still runs on
    /// the arguments of our own.
    public static func arguments<T>(_ what: String, _ make: () -> [T]) -> [T] {
        crossCheckRuns(what) ? make() : []
    }

    /// Whether one cross-check inside a behaviour test can run. Where the specs are absent (and not
    /// required) it prints the skip line the Makefile counts and answers false, so the rest of the
    /// test still checks the node's own behaviour.
    public static func crossCheckRuns(_ what: String) -> Bool {
        if specsAvailable || required { return true }
        print("◇ Cross-check \(what) skipped: \"\(skipMarker) (specs: \(specs))\"")
        return false
    }

    /// A path written relative to the folder that holds `ewp-specs/`, `docs/` and `realworld/`
    /// (as the guideline rules cite their sources: `docs/guidelines/...`, `ewp-specs/...`).
    public static func path(underShared relativePath: String) -> String {
        URL(fileURLWithPath: specs).deletingLastPathComponent().appendingPathComponent(relativePath).standardizedFileURL.path
    }

    private static func sibling(_ name: String) -> String {
        URL(fileURLWithPath: specs).deletingLastPathComponent().appendingPathComponent(name).standardizedFileURL.path
    }
}

