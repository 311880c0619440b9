import Testing
@testable import JGPipe

/// A class set from a class string written in a test table.
func classes(_ text: String) throws -> LicenceClasses {
    try #require(try? LicenceClasses(parsing: text), "\(text) is not a class string")
}

/// Subject statuses from four one-letter codes in S1, S2, S3_ROAD, S3_SAFETY order:
/// `-` not taken, `b` booked, `p` passed, `f` failed. E.g. "pb--".
func statuses(_ code: String) throws -> SubjectStatuses {
    let map: [Character: SubjectStatus] = ["-": .notTaken, "b": .booked, "p": .passed, "f": .failed]
    let s = try code.map { try #require(map[$0], "\($0) in \(code) is not one of - b p f") }
    try #require(s.count == 4, "\(code) must have four letters")
    return SubjectStatuses(s1: s[0], s2: s[1], s3Road: s[2], s3Safety: s[3])
}

let defaultSets = ExamClassSets()

func enrollment(original: String = "C1", requested: String = "C1", expiry: String? = "2020-03-15",
                reason: String? = nil, enrolledOn: String = "2024-05-10", subjects: String = "----",
                bookedOn: String? = nil, exclusion: Bool = false) throws -> ExamEnrollment {
    let cancel: CancelReason = try reason.map { .other($0) } ?? .overdueRenewal(expiry: day(try #require(expiry)))
    return ExamEnrollment(enrollmentID: "BM001", applicant: try IdentityNumber(type: "", number: "440106198001010019"),
                          region: try RegionCode("440106"), original: try classes(original), requested: try classes(requested),
                          cancelReason: cancel, licenceExpiry: expiry.map(day), enrolledOn: day(enrolledOn),
                          subjects: try statuses(subjects), subject2BookedOn: bookedOn.map(day), hasExclusion: exclusion)
}
