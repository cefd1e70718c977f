import EWPTestTraits
import EWPModel
import Testing

/// The two official test vectors (IIAs API v7 README › IIA hash calculation): both examples'
/// declared `iia-hash` recomputes, and the xsltKit example's text equals the one printed in
/// resources/xsltKit/README.md.
@Suite("iia-hash: official vectors", .officialSpecs)
struct OfficialVectorsTests {
    /// resources/xsltKit/README.md, the v7 transform's output for get-response-v7.xml.
    static let xsltKitText = "_iia-id_1=0f7a5682-faf7-49a7-9cc7-ec486c49a281__iia-id_2=1954991__cooperation-conditions.student-studies-mobility-spec.sending-hei-id=uw.edu.pl__cooperation-conditions.student-studies-mobility-spec.sending-ounit-id=140__cooperation-conditions.student-studies-mobility-spec.receiving-hei-id=hibo.no__student-studies-mobility-spec.subject-area.isced-f-code=031__student-studies-mobility-spec.subject-area.isced-clarification=Social and behavioural sciences__cooperation-conditions.student-studies-mobility-spec.total-months-per-year=5__cooperation-conditions.student-studies-mobility-spec.blended=false__cooperation-conditions.student-studies-mobility-spec.eqf-level=7__cooperation-conditions.student-studies-mobility-spec.eqf-level=8__receiving-first-academic-year-id=2014/2015__receiving-last-academic-year-id=2020/2021__cooperation-conditions.staff-teacher-mobility-spec.sending-hei-id=uw.edu.pl__cooperation-conditions.staff-teacher-mobility-spec.sending-ounit-id=140__cooperation-conditions.staff-teacher-mobility-spec.receiving-hei-id=hibo.no__cooperation-conditions.staff-teacher-mobility-spec.mobilities-per-year=2__staff-teacher-mobility-spec.recommended-language-skill.language=en__staff-teacher-mobility-spec.recommended-language-skill.cefr-level=C1__staff-teacher-mobility-spec.subject-area.isced-f-code=0314__cooperation-conditions.staff-teacher-mobility-spec.total-days-per-year=8__receiving-first-academic-year-id=2016/2017__receiving-last-academic-year-id=2017/2018_"

    @Test("xsltKit get-response-v7.xml: the README's text, hash 87b331…, not valid for approval")
    func xsltKitExample() throws {
        let iias = try Fixtures.iias(inFile: Fixtures.xsltKitExample)
        try #require(iias.count == 1)
        #expect(IIAHash.textToHash(iias[0]) == Self.xsltKitText)
        #expect(IIAHash.hash(iias[0]) == "87b33170d7a6c6d894215641f39e7b7de36501265479e5ab3922f32d5b225033")
        #expect(IIAHash.hash(iias[0]) == iias[0].element("iia-hash", namespace: Fixtures.iiasNS)?.text)
        #expect(!IIAHash.isValidForApproval(iias[0]))   // not-yet-defined and v6-value
    }

    @Test("endpoints/get-response-example.xml: hash e950fa…, valid for approval")
    func getResponseExample() throws {
        let iias = try Fixtures.iias(inFile: Fixtures.getResponseExample)
        try #require(iias.count == 1)
        #expect(IIAHash.hash(iias[0]) == "e950faa83a799cf45839e7915db88ed51575babe7845c1219dfde54ce30a61e4")
        #expect(IIAHash.hash(iias[0]) == iias[0].element("iia-hash", namespace: Fixtures.iiasNS)?.text)
        #expect(IIAHash.isValidForApproval(iias[0]))
        let text = IIAHash.textToHash(iias[0])
        #expect(text.hasPrefix("_iia-id_1=0f7a5682-faf7-49a7-9cc7-ec486c49a281__iia-id_2=1954991__cooperation-conditions.student-studies-mobility-spec.sending-hei-id=uw.edu.pl_"))
        #expect(text.hasSuffix("_cooperation-conditions.staff-training-mobility-spec.total-days-per-year=14__receiving-first-academic-year-id=2016/2017__receiving-last-academic-year-id=2017/2018_"))
        #expect(Array(IIAHash.utf8TextToHash(iias[0])) == Array(text.utf8))
    }
}
