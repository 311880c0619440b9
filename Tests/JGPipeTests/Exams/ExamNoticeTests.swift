import Testing
@testable import JGPipe

/// SPEC §4 exam rows (五、三 做好提示告知).
@Suite struct ExamNoticeTests {
    struct Row: Sendable, CustomStringConvertible {
        let path: ExamPath, enrolledOn: String, subjects: String, bookedOn: String?
        let type: ExamNoticeType?, due: String?, named: String?
        var description: String { "\(path) \(enrolledOn) \(subjects) \(bookedOn ?? "-")" }
    }

    static let rows: [Row] = [
        // Booked subject 2 before the cutover: the booking notice, due on the booked date.
        Row(path: .optimized, enrolledOn: "2024-05-10", subjects: "pb--", bookedOn: "2024-07-08",
            type: .s2BookingNotNeeded, due: "2024-07-08", named: "S2;S3_SAFETY"),
        // Booked without a date: due on the cutover.
        Row(path: .optimized, enrolledOn: "2024-05-10", subjects: "pb--", bookedOn: nil,
            type: .s2BookingNotNeeded, due: "2024-07-01", named: "S2;S3_SAFETY"),
        // A booking date while subject 2 failed also counts.
        Row(path: .optimized, enrolledOn: "2024-05-10", subjects: "pf--", bookedOn: "2024-06-25",
            type: .s2BookingNotNeeded, due: "2024-06-25", named: "S2;S3_SAFETY"),
        // Subject 2 passed with an old booking date: T2's notice instead.
        Row(path: .optimized, enrolledOn: "2024-05-10", subjects: "pp--", bookedOn: "2024-05-20",
            type: .subjectsWaived, due: "2024-07-01", named: "S3_SAFETY"),
        // T1 with nothing booked.
        Row(path: .optimized, enrolledOn: "2024-05-10", subjects: "----", bookedOn: nil,
            type: .subjectsWaived, due: "2024-07-01", named: "S2;S3_SAFETY"),
        // Enrolled after the cutover: no transition, but a booking is still pointless.
        Row(path: .optimized, enrolledOn: "2024-07-05", subjects: "pb--", bookedOn: "2024-07-20",
            type: .s2BookingNotNeeded, due: "2024-07-20", named: "S2;S3_SAFETY"),
        Row(path: .optimized, enrolledOn: "2024-07-05", subjects: "p---", bookedOn: nil, type: nil, due: nil, named: nil),
        // Everything passed before the cutover: nothing to tell.
        Row(path: .optimized, enrolledOn: "2024-05-10", subjects: "pppp", bookedOn: nil, type: nil, due: nil, named: nil),
        // FULL keeps subject 2: a booking stays useful.
        Row(path: .full, enrolledOn: "2024-05-10", subjects: "pb--", bookedOn: "2024-07-08", type: nil, due: nil, named: nil),
        Row(path: .subject1Only, enrolledOn: "2024-05-10", subjects: "-b--", bookedOn: nil, type: nil, due: nil, named: nil),
    ]

    @Test(arguments: rows)
    func table(row: Row) throws {
        let subjects = try statuses(row.subjects)
        let transition = examTransition(path: row.path, enrolledOn: day(row.enrolledOn), cutover: cutover, subjects: subjects)
        let notice = examNotice(path: row.path, transition: transition, subjects: subjects,
                                subject2BookedOn: row.bookedOn.map(day), cutover: cutover)
        #expect(notice?.type == row.type)
        #expect(notice?.dueOn.iso == row.due)
        #expect(notice?.subjects.list == row.named)
    }

    @Test func chineseSubjectNames() {
        #expect(ExamSubjects([.s2, .s3Safety]).chineseNames == "科目二、科目三安全文明常识")
        #expect(ExamSubjects.s3Safety.chineseNames == "科目三安全文明常识")
    }
}
