import EWPTestSupport
import Testing

// Test conditions for the cross-checks that read the official EWP material (see OfficialMaterial).
// Their own target, so that EWPTestSupport (also used by the benchmarks) does not link Testing.

extension Trait where Self == ConditionTrait {
    /// The test cross-checks against the official specifications, XSDs or examples.
    public static var officialSpecs: Self {
        .enabled(if: OfficialMaterial.specsAvailable || OfficialMaterial.required,
                 Comment(rawValue: "\(OfficialMaterial.skipMarker) (specs: \(OfficialMaterial.specs))"))
    }

    /// The test reads the European Commission's guideline texts (`docs/guidelines`).
    public static var officialGuidelines: Self {
        .enabled(if: OfficialMaterial.docsAvailable || OfficialMaterial.required,
                 Comment(rawValue: "\(OfficialMaterial.skipMarker) (guideline texts: \(OfficialMaterial.docs)/guidelines)"))
    }
}
