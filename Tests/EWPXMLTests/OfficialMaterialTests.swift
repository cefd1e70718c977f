import EWPTestSupport
import Testing

/// Under `EWP_REQUIRE_SPECS=1` (CI) the official material must be there: the cross-checks then run
/// (and fail on their own), and this test says in one line what is missing and where it was looked for.
@Suite struct OfficialMaterialTests {
    @Test func requiredMaterialIsPresent() {
        guard OfficialMaterial.required else { return }
        #expect(OfficialMaterial.specsAvailable,
                "EWP_REQUIRE_SPECS=1 but the official specifications are not at \(OfficialMaterial.specs) (set EWP_SPECS_DIR; see Tests/SPECS.md)")
        #expect(OfficialMaterial.docsAvailable,
                "EWP_REQUIRE_SPECS=1 but the guideline texts are not at \(OfficialMaterial.docs)/guidelines")
    }
}
