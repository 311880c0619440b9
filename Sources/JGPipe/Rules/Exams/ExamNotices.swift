public struct ExamNoticeDecision: Sendable, Equatable {
    public var type: NoticeType
    public var dueOn: CalendarDate
    /// The subjects the message says are no longer needed.
    public var subjects: ExamSubjects

    /// The exam notice types of SPEC §4, in summary order.
    public static let types: [NoticeType] = [.s2BookingNotNeeded, .examSubjectsWaived]

    /// The notice's fact (SPEC §4): the booking date of S2_BOOKING_NOT_NEEDED (empty when
    /// subject 2 is only marked booked), the waived subjects of EXAM_SUBJECTS_WAIVED.
    public func fact(subject2BookedOn: CalendarDate?) -> String {
        type == .s2BookingNotNeeded ? subject2BookedOn?.iso ?? "" : subjects.list
    }

    /// The template: a booking before the cutover still stands on its date under the old rule
    /// and is worded so (五、三 提示新措施实施时间).
    public func templateKey(subject2BookedOn: CalendarDate?, cutover: CalendarDate) -> String {
        if type == .s2BookingNotNeeded, let booked = subject2BookedOn, booked < cutover {
            return "S2_BOOKING_NOT_NEEDED_BEFORE_CUTOVER"
        }
        return type.templateKey
    }
}

/// SPEC §4 (五、三 做好提示告知): at most one notice per enrollment.
/// - S2_BOOKING_NOT_NEEDED: an OPTIMIZED enrollment whose subject 2 is booked, or has a booking
///   date while subject 2 is not passed; due on the booking date, else the cutover.
/// - EXAM_SUBJECTS_WAIVED: otherwise, an enrollment T1 or T2 changed; due on the cutover.
public func examNotice(path: ExamPath, transition: ExamTransition?, subjects: SubjectStatuses,
                       subject2BookedOn: CalendarDate?, cutover: CalendarDate) -> ExamNoticeDecision? {
    if path == .optimized && (subjects.s2 == .booked || (subject2BookedOn != nil && subjects.s2 != .passed)) {
        return ExamNoticeDecision(type: .s2BookingNotNeeded, dueOn: subject2BookedOn ?? cutover,
                                  subjects: transition?.noLongerNeeded ?? ExamPathDecision.optimizedWaived)
    }
    if let transition {
        return ExamNoticeDecision(type: .examSubjectsWaived, dueOn: cutover, subjects: transition.noLongerNeeded)
    }
    return nil
}

extension NoticeWording {
    /// What the exam stage fills in an exam notice (T1, T2).
    static let examPlaceholders = [
        "applicant_name", "enrollment_id", "you", "subjects", "booked_on", "due_on", "cutover_date", "effective_on",
    ]

    /// 五、二/三: applicants enrolled before the cutover are told which subjects they no longer need (T1, T2).
    static let examSubjectsWaived = NoticeWording(
        "【交管12123】{applicant_name}：根据公安交管便民利企改革新措施，自{cutover_date}起，您报名的驾驶证注销恢复考试（报名编号{enrollment_id}）不再需要参加{subjects}考试，详情请登录“交管12123”查询。",
        placeholders: examPlaceholders)

    /// 五、三: a subject-2 booking on or after the cutover (or with no date) is not needed.
    static let s2BookingNotNeeded = NoticeWording(
        "【交管12123】{applicant_name}：根据公安交管便民利企改革新措施，自{cutover_date}起，您报名的驾驶证注销恢复考试（报名编号{enrollment_id}）不再需要参加{subjects}考试，您已预约的科目二考试无需参加，可登录“交管12123”取消预约。",
        variants: [
            // 五、三: a subject-2 booking before the cutover still stands under the old rule on its date; it may be cancelled.
            .init(key: "S2_BOOKING_NOT_NEEDED_BEFORE_CUTOVER", text: "【交管12123】{applicant_name}：您报名的驾驶证注销恢复考试（报名编号{enrollment_id}）已预约{booked_on}的科目二考试，当日仍按原规定考试。新措施自{cutover_date}起实施，此后不再需要参加{subjects}考试，您也可登录“交管12123”取消该预约。"),
        ],
        placeholders: examPlaceholders)
}
