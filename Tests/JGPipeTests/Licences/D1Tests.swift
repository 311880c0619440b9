import Testing
@testable import JGPipe

/// D1 with A = 2024-06-01 and 90 days: A + 90 = 2024-08-30 (+30 is 1 July, +61 is 1 August,
/// +90 is 30 August), A + 91 = 2024-08-31.
@Suite("D1 licence renewal")
struct D1Tests {
    static let a = day("2024-06-01")

    static let cases: [(validUntil: String, outcome: LicenceRenewal?)] = [
        ("2024-06-01", .notice(.init(type: .licenceRenewalDue, dueOn: day("2024-06-01")))),    // expires on A
        ("2024-08-30", .notice(.init(type: .licenceRenewalDue, dueOn: day("2024-08-30")))),    // A + 90
        ("2024-08-31", nil),                                                             // A + 91
        ("2024-05-31", .notice(.init(type: .licenceRenewalOverdue, dueOn: day("2025-05-31")))), // A − 1: overdue, due a year on
        ("2023-06-01", .notice(.init(type: .licenceRenewalOverdue, dueOn: day("2024-06-01")))), // one year after expiry = A
        ("2023-05-31", .cancel(dueOn: day("2024-06-01"), daysOverdue: 0)),               // the day after: cancel from today
        ("2023-05-01", .cancel(dueOn: day("2024-05-02"), daysOverdue: 30)),              // 2 May → 1 June = 30 days
    ]

    @Test("window edges", arguments: cases)
    func window(_ c: (validUntil: String, outcome: LicenceRenewal?)) {
        #expect(applyD1(validUntil: day(c.validUntil), asOf: Self.a, noticeDays: 90) == c.outcome)
    }

    @Test("29 February expiry: one year later is 28 February")
    func leapDay() {
        let leap = day("2020-02-29")
        #expect(applyD1(validUntil: leap, asOf: day("2021-02-28"), noticeDays: 90)
            == .notice(.init(type: .licenceRenewalOverdue, dueOn: day("2021-02-28"))))
        #expect(applyD1(validUntil: leap, asOf: day("2021-03-01"), noticeDays: 90)
            == .cancel(dueOn: day("2021-03-01"), daysOverdue: 0))
    }

    @Test("renewal_notice_days moves the far edge")
    func noticeDays() {
        #expect(applyD1(validUntil: day("2024-07-01"), asOf: Self.a, noticeDays: 30)
            == .notice(.init(type: .licenceRenewalDue, dueOn: day("2024-07-01"))))
        #expect(applyD1(validUntil: day("2024-07-02"), asOf: Self.a, noticeDays: 30) == nil)
    }
}
