import EWPModel
import Testing

/// Academic year ids (types-academic-term `AcademicYearId`) as `index` filters them (IIAs API v7
/// endpoints/index.md).
@Suite("IIA model: academic year ids")
struct IIAAcademicYearTests {
    @Test("Both hemispheres' forms are read; anything else is refused", arguments: [
        ("2010/2011", true), ("2010/2010", true), ("0999/1000", true),
        ("2010/2012", false), ("2011/2010", false), ("test/test", false), ("2010-2011", false), ("210/2011", false),
        (" 2010/2011", false), ("2010/20111", false), ("", false), ("２０１０/２０１１", false),
    ])
    func parse(text: String, valid: Bool) {
        #expect((AcademicYearID(text) != nil) == valid, "\(text)")
        #expect((AcademicYearID.problem(text) == nil) == valid)
        if let year = AcademicYearID(text) { #expect(year.description == text) }
    }

    @Test("The problem says what form is expected")
    func problemMessages() {
        #expect(AcademicYearID.problem("test/test")?.contains("YYYY/YYYY") == true)
        #expect(AcademicYearID.problem("2010/2012")?.contains("second year must equal the first") == true)
    }

    @Test("A range expands to every year, first and last included, in the first's form")
    func expansion() throws {
        let first = try #require(AcademicYearID("2014/2015"))
        let last = try #require(AcademicYearID("2017/2018"))
        #expect(AcademicYearID.years(from: first, through: last)?.map(\.description) == ["2014/2015", "2015/2016", "2016/2017", "2017/2018"])
        #expect(AcademicYearID.years(from: first, through: first)?.map(\.description) == ["2014/2015"])
        let south = try #require(AcademicYearID("2020/2020"))
        #expect(AcademicYearID.years(from: south, through: try #require(AcademicYearID("2021/2021")))?.map(\.description) == ["2020/2020", "2021/2021"])
        #expect(AcademicYearID.years(from: last, through: first) == nil)
        #expect(AcademicYearID.years(from: first, through: south) == nil)
    }
}
