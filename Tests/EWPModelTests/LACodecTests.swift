import EWPTestTraits
import EWPModel
import EWPTestSupport
import EWPXML
import Foundation
import Testing

/// The OMobility LAs v1 get-response codec: decode → encode is lossless for everything the schema
/// defines, and what it writes is valid against the official XSD and ours.
@Suite struct LACodecTests {
    static let documents = OfficialMaterial.arguments("the official LA example's round trip") { [LAFixtures.officialExample] }
        + [LAFixtures.fixture("la-rich.xml"), LAFixtures.fixture("la-bip.xml")]

    @Test(arguments: documents)
    func roundTripIsLosslessAndValid(path: String) async throws {
        let original = try XMLReader.parse(LAFixtures.bytes(path))
        let decoded = try OMobilityLAsGetResponse.decode(original)
        #expect(decoded.ignoredElements == [])
        let written = decoded.response.document
        let reread = try XMLReader.parse(written)
        #expect(LAFixtures.normalized(reread) == LAFixtures.normalized(original))
        // Decoding what we wrote gives the same value.
        #expect(try OMobilityLAsGetResponse(reread) == decoded.response)

        let ours = try SchemaCache(directory: RepositoryPaths.schemas).schema(SchemaFile.omobilityLAsGetResponse)
        #expect(ours.validate(written) == [])
        try #require(OfficialSchemas.xmllintAvailable, "xmllint is missing: run `make deps`")
        let official = try await OfficialSchemas.validate(written, against: LAFixtures.officialXSD)
        #expect(official.valid, "\(official.messages)")
    }

    @Test(.officialSpecs) func officialExampleValues() throws {
        let las = try OMobilityLAsGetResponse(XMLReader.parse(LAFixtures.bytes(LAFixtures.officialExample))).learningAgreements
        let la = try #require(las.first)
        #expect(las.count == 1)
        #expect(la.omobilityID == "c442c289-5541-4cae-9edb-8ad83e133613")
        #expect(la.sendingHEI.heiID == "uio.no" && la.receivingHEI.contactPerson.givenNames == "Paweł Tomasz")
        #expect(la.start == .yearMonth(XSGYearMonth("2019-02")!) && la.end.latestDay == CalendarDay(year: 2019, month: 6, day: 30))
        #expect(la.eqfLevelStudiedAtDeparture.value == 8 && la.studentLanguageSkill.level == .b2)
        #expect(la.firstVersion?.componentsRecognized?.map(\.title) == ["Calculus", "Algebra with Geometry"])
        #expect(la.firstVersion?.componentsStudied?.first?.ects == 9)
        #expect(la.firstVersion?.componentsStudied?.first?.termID == TermID(termNumber: 2, totalTerms: 2))
        #expect(la.approvedChanges?.componentsStudied?.first?.reason == .extendingMobility)
        #expect(la.changesProposal?.id == "59B15BAF222F868493C167125FA32452E946")
        #expect(la.changesProposal?.componentsRecognized == [])
        #expect(la.changesProposal?.receivingHEISignature == nil)
        #expect(la.changesProposal?.student == Student(familyName: "Karamazov"))
        #expect(la.mobilityType == .semester)
    }

    @Test func richFixtureValues() throws {
        let la = try #require(try OMobilityLAsGetResponse(XMLReader.parse(LAFixtures.bytes(LAFixtures.fixture("la-rich.xml")))).learningAgreements.first)
        let phone = try #require(la.sendingHEI.contactPerson.phoneNumber)
        #expect(phone.e164 == "+48123456789" && phone.ext?.text == "12" && phone.otherFormat == "+48 12 345 67 89 ext. 12")
        #expect(la.sendingHEI.ounitName == "Faculty of Science & Arts")
        #expect(la.start == .date(XSDate("2024-09-02")!) && la.end.earliestDay == CalendarDay(year: 2025, month: 1, day: 31))
        let studied = try #require(la.firstVersion?.componentsStudied?.first)
        #expect(studied.credits.map(\.scheme) == ["ects", "local-points"] && studied.ects == Decimal(string: "7.5"))
        #expect(studied.credits[1].value.text == "15.0")
        let inserted = try #require(la.approvedChanges?.componentsStudied?.first)
        #expect(inserted.status == .inserted && inserted.reasonText == "One more \"course\"")
        #expect(la.firstVersion?.sendingHEISignature.timestamp.date == Date(timeIntervalSince1970: 1_718_092_800.25))
        #expect(la.changesProposal?.student?.familyName == "Étudiante-Martin")
    }

    @Test func builtValuesEncodeValidDocuments() throws {
        let response = OMobilityLAsGetResponse(learningAgreements: [LAExamples.table60, LAExamples.blendedBIP, LAExamples.doctoralPHD,
                                                                    LAExamples.mobilityWindow, LAExamples.table34])
        let written = response.document
        let ours = try SchemaCache(directory: RepositoryPaths.schemas).schema(SchemaFile.omobilityLAsGetResponse)
        #expect(ours.validate(written) == [])
        #expect(try OMobilityLAsGetResponse(XMLReader.parse(written)) == response)
    }

    /// The `la check` process tests use this file as the LA without findings.
    @Test func bipFixtureIsTheBIPExample() throws {
        let las = try OMobilityLAsGetResponse(XMLReader.parse(LAFixtures.bytes(LAFixtures.fixture("la-bip.xml")))).learningAgreements
        #expect(las == [LAExamples.blendedBIP])
    }

    @Test func emptyResponse() throws {
        let empty = try OMobilityLAsGetResponse(XMLReader.parse(Array("<omobility-las-get-response xmlns=\"\(LAFixtures.ns)\"/>".utf8)))
        #expect(empty.learningAgreements.isEmpty)
    }
}
