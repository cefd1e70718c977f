/// The academic year, the indicative start and end, and how long each mobility type lasts.
/// A month given as `start-year-month`/`end-year-month` may stand for any of its days: a duration
/// is reported only when every reading is outside the limits.
enum DurationRules {
    /// The end comes after the start.
    /// KA131 "Start and end dates" (start: first day present; end: last day present).
    static let order = GuidelineRule(
        "LA-DATES-ORDER", .error, "The planned end is not before the planned start.",
        sources: [.ka131("Start and end dates", "The end date should be the last day the student needs to be present at the receiving organisation")])

    /// The academic year is a year (`2024/2025`, or `2024/2024` where it is a calendar year) and
    /// the mobility starts in it: for Y/Y+1 between 1 June Y and 31 August Y+1 (room for summer
    /// programmes on both sides), for Y/Y within Y. The schema requires the field; KA131 "Mobility
    /// type and tables" asks for the academic year with the indicative dates.
    static let academicYear = GuidelineRule(
        "LA-DATES-ACADEMIC-YEAR", .warning, "The receiving academic year is a real academic year and the mobility starts in it.",
        sources: [.ka131("Mobility type and tables", "the academic year and an indicative start and end date of the planned study programme must be included.")])

    /// Semester mobility lasts at least two months, unless it is one academic term or trimester
    /// (which EWP cannot tell), hence a warning. OLA "Administrative data" (Semester(s)).
    static let semesterMinimum = GuidelineRule(
        "LA-DURATION-SEMESTER-MIN", .warning, "A semester mobility lasts at least 2 months (or one academic term).",
        sources: [.ola("Administrative data", "with a duration from 2 months (or one academic term or trimester) to 12 months.")])

    /// Semester mobility lasts at most twelve months. OLA "Administrative data" (Semester(s)).
    static let semesterMaximum = GuidelineRule(
        "LA-DURATION-SEMESTER-MAX", .error, "A semester mobility lasts at most 12 months.",
        sources: [.ola("Administrative data", "with a duration from 2 months (or one academic term or trimester) to 12 months.")])

    /// Blended and short-term doctoral mobility: a physical mobility of 5 to 30 days (start and end
    /// days included). EWP has one start and one end: for a blended mobility they are taken as the
    /// physical part (KA131 defines them as the days present at the receiving organisation); the
    /// dates of the virtual component cannot be expressed.
    /// OLA "Administrative data" (Blended; Short-term doctoral).
    static let shortTerm = GuidelineRule(
        "LA-DURATION-SHORT-TERM", .error, "A blended or short-term doctoral mobility has 5 to 30 days of physical mobility.",
        sources: [.ola("Administrative data", "they can carry out a short-term physical mobility of 5-30 days"),
                  .ola("Administrative data", "when they are applying to undertake a short-term physical mobility of 5-30 days.")])

    /// Month and year suffice only for mobilities of 2 to 12 months; short-term ones give days.
    /// OLA "Administrative data".
    static let exactDates = GuidelineRule(
        "LA-DATES-EXACT", .warning, "A short-term mobility gives its start and end day, not only the month.",
        sources: [.ola("Administrative data", "In the case of a study mobility abroad with a duration from 2 months-12 months, the indicative month/year is sufficient.")])

    static let checks: [RuleCheck] = [
        RuleCheck(order) { s in
            guard s.la.end.latestDay < s.la.start.earliestDay else { return [] }
            return ["the planned end (\(s.la.end)) is before the planned start (\(s.la.start)): correct the dates"]
        },
        RuleCheck(academicYear) { s in
            let parts = s.la.receivingAcademicYearID.split(separator: "/").compactMap { Int($0) }
            guard parts.count == 2 else { return [] }
            if parts[1] != parts[0] && parts[1] != parts[0] + 1 {
                return ["receiving-academic-year-id \(s.la.receivingAcademicYearID) is not an academic year: write YYYY/YYYY+1 (or YYYY/YYYY where the year is a calendar year)"]
            }
            let first = parts[0] == parts[1] ? CalendarDay(year: parts[0], month: 1, day: 1) : CalendarDay(year: parts[0], month: 6, day: 1)
            let last = CalendarDay(year: parts[1], month: parts[0] == parts[1] ? 12 : 8, day: 31)
            guard let first, let last, s.la.start.latestDay < first || s.la.start.earliestDay > last else { return [] }
            return ["the mobility starts in \(s.la.start), outside the receiving academic year \(s.la.receivingAcademicYearID) (\(first) to \(last)): correct the academic year or the start"]
        },
        RuleCheck(semesterMinimum) { s in
            guard s.type == .semester, s.la.end.latestDay >= s.la.start.earliestDay,
                  s.la.end.latestDay < s.la.start.earliestDay.adding(months: 2).adding(days: -1) else { return [] }
            return ["the semester mobility lasts \(s.longestDays) days (\(s.la.start) to \(s.la.end)): a study period abroad lasts from 2 months (or one academic term or trimester) to 12 months; "
                    + "check the dates, or choose a blended mobility for a short physical stay"]
        },
        RuleCheck(semesterMaximum) { s in
            guard s.type == .semester, s.la.end.earliestDay > s.la.start.latestDay.adding(months: 12).adding(days: -1) else { return [] }
            return ["the semester mobility lasts more than 12 months (\(s.la.start) to \(s.la.end)): a study period abroad lasts at most 12 months; shorten it"]
        },
        RuleCheck(shortTerm) { s in
            guard s.type != .semester, s.la.end.latestDay >= s.la.start.earliestDay else { return [] }
            if s.longestDays < 5 {
                return ["the \(s.type.displayName) mobility's physical part lasts \(s.longestDays) day\(s.longestDays == 1 ? "" : "s") (\(s.la.start) to \(s.la.end)): it lasts 5 to 30 days"]
            }
            if s.shortestDays > 30 {
                return ["the \(s.type.displayName) mobility's physical part lasts \(s.shortestDays) days or more (\(s.la.start) to \(s.la.end)): it lasts 5 to 30 days; "
                        + "a longer stay is a semester mobility (Tables A and B)"]
            }
            return []
        },
        RuleCheck(exactDates) { s in
            guard s.type != .semester, !(s.la.start.isExactDay && s.la.end.isExactDay) else { return [] }
            return ["the \(s.type.displayName) mobility gives only the month (\(s.la.start) to \(s.la.end)): give start-date and end-date, since month and year suffice only for mobilities of 2 to 12 months"]
        },
    ]
}
