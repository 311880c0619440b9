import Testing
@testable import JGPipe

// Day numbers computed with python3 datetime (days since 1970-01-01).
@Suite struct CalendarDateTests {
    private func date(_ y: Int, _ m: Int, _ d: Int) -> CalendarDate { CalendarDate(year: y, month: m, day: d)! }

    @Test func dayNumbers() {
        #expect(date(1970, 1, 1).dayNumber == 0)
        #expect(date(1969, 12, 31).dayNumber == -1)
        #expect(date(2024, 6, 1).dayNumber == 19875)
        #expect(date(2024, 2, 29).dayNumber == 19782)
        #expect(date(2000, 3, 1).dayNumber == 11017)
        #expect(date(1900, 1, 1).dayNumber == -25567)
        #expect(date(1, 1, 1).dayNumber == -719162)
        #expect(date(9999, 12, 31).dayNumber == 2932896)
    }

    @Test func componentsRoundTrip() {
        for dayNumber: Int32 in [-719162, -25567, -1, 0, 11017, 19782, 19875, 2932896] {
            let d = CalendarDate(dayNumber: dayNumber)
            #expect(CalendarDate(year: d.year, month: d.month, day: d.day) == d)
        }
        let d = CalendarDate(dayNumber: 19782)
        #expect((d.year, d.month, d.day) == (2024, 2, 29))
    }

    @Test func impossibleDatesAreNil() {
        #expect(CalendarDate(year: 1999, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 1900, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 2000, month: 2, day: 29) != nil)
        #expect(CalendarDate(year: 2024, month: 4, day: 31) == nil)
        #expect(CalendarDate(year: 2024, month: 13, day: 1) == nil)
        #expect(CalendarDate(year: 2024, month: 0, day: 1) == nil)
        #expect(CalendarDate(year: 2024, month: 1, day: 0) == nil)
        #expect(CalendarDate(year: 0, month: 1, day: 1) == nil)
        #expect(CalendarDate(year: 10000, month: 1, day: 1) == nil)
    }

    @Test func iso() {
        #expect(date(2024, 6, 1).iso == "2024-06-01")
        #expect(date(1, 1, 1).iso == "0001-01-01")
        #expect(date(9999, 12, 31).iso == "9999-12-31")
        #expect(date(2024, 11, 30).description == "2024-11-30")
    }

    @Test func ordering() {
        #expect(date(2024, 6, 1) < date(2024, 6, 2))
        #expect(date(1999, 12, 31) < date(2000, 1, 1))
        #expect(!(date(2024, 6, 1) < date(2024, 6, 1)))
    }

    @Test func addingYearsOnTheLeapDay() {
        #expect(date(2024, 2, 29).adding(years: 1) == date(2025, 2, 28))
        #expect(date(2024, 2, 29).adding(years: 4) == date(2028, 2, 29))
        #expect(date(2024, 2, 29).adding(years: 3) == date(2027, 2, 28))
        #expect(date(2024, 2, 29).adding(years: -1) == date(2023, 2, 28))
        #expect(date(2000, 2, 29).adding(years: 100) == date(2100, 2, 28))
        #expect(date(2021, 3, 1).adding(years: 3) == date(2024, 3, 1))
        #expect(date(2021, 7, 15).adding(years: 3) == date(2024, 7, 15))
    }

    @Test func addingDays() {
        #expect(date(2024, 2, 28).adding(days: 1) == date(2024, 2, 29))
        #expect(date(2023, 2, 28).adding(days: 1) == date(2023, 3, 1))
        #expect(date(2024, 12, 31).adding(days: 1) == date(2025, 1, 1))
        #expect(date(2024, 6, 1).adding(days: 90) == date(2024, 8, 30))
        #expect(date(2024, 3, 1).adding(days: -1) == date(2024, 2, 29))
        #expect(date(2024, 6, 1).adding(days: 0) == date(2024, 6, 1))
    }

    @Test func fullYears() {
        #expect(date(2020, 6, 15).fullYears(until: date(2022, 6, 14)) == 1)
        #expect(date(2020, 6, 15).fullYears(until: date(2022, 6, 15)) == 2)
        #expect(date(2020, 6, 15).fullYears(until: date(2020, 6, 15)) == 0)
        #expect(date(2020, 6, 15).fullYears(until: date(2020, 12, 31)) == 0)
        #expect(date(2016, 7, 1).fullYears(until: date(2024, 7, 1)) == 8)
        #expect(date(2016, 7, 2).fullYears(until: date(2024, 7, 1)) == 7)
    }

    @Test func fullYearsFromTheLeapDayFollowsAddingYears() {
        // SPEC §0: the anniversary of 29 February in a non-leap year is 28 February.
        #expect(date(2020, 2, 29).fullYears(until: date(2022, 2, 27)) == 1)
        #expect(date(2020, 2, 29).fullYears(until: date(2022, 2, 28)) == 2)
        #expect(date(2020, 2, 29).fullYears(until: date(2022, 3, 1)) == 2)
        #expect(date(2020, 2, 29).fullYears(until: date(2024, 2, 28)) == 3)
        #expect(date(2020, 2, 29).fullYears(until: date(2024, 2, 29)) == 4)
        #expect(date(2020, 2, 29).fullYears(until: date(2021, 2, 28)) == 1)
    }

    @Test func fullYearsBackwards() {
        #expect(date(2020, 6, 15).fullYears(until: date(2020, 6, 1)) == -1)
        #expect(date(2020, 6, 15).fullYears(until: date(2019, 6, 15)) == -1)
        #expect(date(2020, 6, 15).fullYears(until: date(2019, 6, 14)) == -2)
    }
}

@Suite struct CalendarDateParsingTests {
    private func parse(_ raw: String) throws(FieldError) -> String { try CalendarDate(parsing: raw).iso }

    @Test func everyForm() throws {
        #expect(try parse("2024-06-01") == "2024-06-01")
        #expect(try parse("2024/06/01") == "2024-06-01")
        #expect(try parse("20240601") == "2024-06-01")
        #expect(try parse("2024年6月1日") == "2024-06-01")
        #expect(try parse("2024年06月01日") == "2024-06-01")
        #expect(try parse("2024-6-1") == "2024-06-01")
        #expect(try parse("2024/6/1") == "2024-06-01")
        #expect(try parse("2024/12/31") == "2024-12-31")
        #expect(try parse("2024年12月31日") == "2024-12-31")
    }

    @Test func timesAreValidatedAndDropped() throws {
        #expect(try parse("2024/6/1 8:05") == "2024-06-01")
        #expect(try parse("20240601 08:05:09") == "2024-06-01")
        #expect(try parse("2024-06-01 23:59:59") == "2024-06-01")
        #expect(try parse("2024年6月1日 00:00") == "2024-06-01")
        #expect(try parse("2024-06-01  08:05") == "2024-06-01")
        #expect(try CalendarDate(parsing: "2024-06-01 08:05") == CalendarDate(parsing: "2024-06-01"))
    }

    @Test func normalisedFirst() throws {
        #expect(try parse("２０２４－０６－０１") == "2024-06-01")
        #expect(try parse("２０２４年６月１日") == "2024-06-01")
        #expect(try parse("  2024-06-01\u{3000}") == "2024-06-01")
        #expect(try parse("２０２４０６０１　０８：０５") == "2024-06-01")
    }

    @Test func leapDays() throws {
        #expect(try parse("2000-02-29") == "2000-02-29")
        #expect(try parse("20240229") == "2024-02-29")
        let error = fieldError { _ = try CalendarDate(parsing: "1999-02-29") }
        #expect(error == FieldError(.invalidDate, "\"1999-02-29\" 不是真实的日期"))
        #expect(fieldError { _ = try CalendarDate(parsing: "1900/2/29") }?.code == .invalidDate)
    }

    @Test func impossibleDates() {
        for bad in ["2024-13-01", "2024-00-10", "2024-04-31", "20240230", "2024年2月30日", "2024-06-00", "0000-01-01"] {
            #expect(fieldError { _ = try CalendarDate(parsing: bad) }?.message.hasSuffix("不是真实的日期") == true, "\(bad)")
        }
        #expect(fieldError { _ = try CalendarDate(parsing: "2024-02-30 08:00") }?.message
            == "\"2024-02-30\" 不是真实的日期")
    }

    @Test func invalidTimes() {
        for bad in ["2024-06-01 24:00", "2024-06-01 23:60", "2024-06-01 08:05:60", "2024/6/1 99:00"] {
            #expect(fieldError { _ = try CalendarDate(parsing: bad) }?.code == .invalidDate, "\(bad)")
        }
        #expect(fieldError { _ = try CalendarDate(parsing: "2024-06-01 24:00") }?.message
            == "\"2024-06-01 24:00\" 中的时间 \"24:00\" 无效")
    }

    @Test func unrecognisedForms() {
        for bad in ["", "NULL", "2024", "2024-06", "24-06-01", "2024.06.01", "2024-06/01", "2024/06-01",
                    "2024-006-01", "2024-06-001", "202406010", "2024601", "01/06/2024", "2024年6月1", "2024年6月1号",
                    "2024-06-01T08:05", "2024-06-01 8", "2024-06-01 08:5", "2024-06-01 08:05:9", "2024-06-01 080:05",
                    "2024-06-01 08:05:09.123", "2024-06-01x", "2024-06-01 ab:cd", "June 1, 2024",
                    "2024－06－01 ０８：０５：", "-2024-06-01"] {
            #expect(fieldError { _ = try CalendarDate(parsing: bad) }?.code == .invalidDate, "\(bad)")
        }
        #expect(fieldError { _ = try CalendarDate(parsing: "") }?.message == "为空")
        #expect(fieldError { _ = try CalendarDate(parsing: "2024.06.01") }?.message == "\"2024.06.01\" 不是可识别的日期格式"
            + "（YYYY-MM-DD、YYYY/MM/DD、YYYYMMDD 或 YYYY年M月D日，可带 HH:MM 或 HH:MM:SS）")
    }
}
