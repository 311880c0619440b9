import Testing
@testable import JGPipe

// 2024-06-01 is day 19875 (python3 datetime); 19875 * 86400 + 8*3600 + 5*60 + 9 = 1717229109.
@Suite struct DateTimeTests {
    @Test func withSeconds() throws {
        let t = try DateTime(parsing: "20240601 08:05:09")
        #expect(t.date == CalendarDate(year: 2024, month: 6, day: 1))
        #expect(t.secondsOfDay == 8 * 3600 + 5 * 60 + 9)
        #expect(t.hasTime)
        #expect(t.sortKey == 1_717_229_109)
        #expect(t.iso == "2024-06-01 08:05:09")
    }

    @Test func withMinutesOnly() throws {
        let t = try DateTime(parsing: "2024/6/1 8:05")
        #expect(t.secondsOfDay == 29100)
        #expect(t.iso == "2024-06-01 08:05:00")
        #expect(try DateTime(parsing: "2024年6月1日 23:59").iso == "2024-06-01 23:59:00")
    }

    @Test func withoutTime() throws {
        let t = try DateTime(parsing: "2024-06-01")
        #expect(!t.hasTime)
        #expect(t.secondsOfDay == 0)
        #expect(t.sortKey == 19875 * 86400)
        #expect(t.iso == "2024-06-01")
        #expect(t.description == "2024-06-01")
    }

    @Test func midnightIsATime() throws {
        let t = try DateTime(parsing: "2024-06-01 00:00")
        #expect(t.hasTime)
        #expect(t.iso == "2024-06-01 00:00:00")
    }

    @Test func ordering() throws {
        let early = try DateTime(parsing: "2024-06-01 08:05:09")
        let later = try DateTime(parsing: "2024-06-01 08:05:10")
        let nextDay = try DateTime(parsing: "2024-06-02")
        #expect(early < later)
        #expect(later < nextDay)
        #expect([nextDay, later, early].sorted() == [early, later, nextDay])
        #expect(try DateTime(parsing: "1969-12-31 23:59:59") < DateTime(parsing: "1970-01-01"))
        #expect(try DateTime(parsing: "1969-12-31 23:59:59").sortKey == -1)
    }

    @Test func sameInstantWithAndWithoutTime() throws {
        let bare = try DateTime(parsing: "2024-06-01")
        let midnight = try DateTime(parsing: "2024-06-01 00:00:00")
        #expect(bare.sortKey == midnight.sortKey)
        #expect(bare != midnight)
        #expect(bare < midnight)
        #expect(!(midnight < bare))
        #expect(try DateTime(parsing: "2024/6/1 0:00") == midnight)
    }

    @Test func fullWidthInput() throws {
        #expect(try DateTime(parsing: "２０２４－０６－０１　０８：０５：０９").iso == "2024-06-01 08:05:09")
    }

    @Test func invalid() {
        for bad in ["", "2024-06-01 24:00:00", "2024-06-01 12:60", "1999-02-29 08:00", "2024-06-01 8", "20240601T080509"] {
            #expect(fieldError { _ = try DateTime(parsing: bad) }?.code == .invalidDate, "\(bad)")
        }
    }

    @Test func memberwise() {
        let day = CalendarDate(year: 2024, month: 6, day: 1)!
        #expect(DateTime(date: day).iso == "2024-06-01")
        #expect(DateTime(date: day, secondsOfDay: 86399).iso == "2024-06-01 23:59:59")
    }
}
