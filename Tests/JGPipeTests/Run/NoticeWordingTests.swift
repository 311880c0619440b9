import Foundation
import Testing
@testable import JGPipe

/// SPEC §4 "Wording": every cap, date and subject of a message comes from the settings, so no
/// text can disagree with them (issue #12's "超过2个" export against "每单位不超过10个" notice).
@Suite struct NoticeWordingTests {
    /// Digits a default template may hold as text: the 12123 service name only.
    @Test(arguments: NoticeType.allCases.flatMap(\.allTemplateKeys))
    func templatesHoldNoLiteralNumberOrDate(key: String) throws {
        let template = try #require(NoticeTemplates.defaults[key], "\(key) has no default template")
        var text = template.replacingOccurrences(of: "12123", with: "")
        while let open = text.firstIndex(of: "{"), let close = text[open...].firstIndex(of: "}") {
            text.removeSubrange(open...close)
        }
        // Digits, ASCII or full-width (一/二/三 in 科目二 or 三类 name things, not amounts).
        #expect(!text.contains { $0.isASCII && $0.isNumber || ("０"..."９").contains($0) }, "\(key): \(text)")
    }

    /// Every `{name}` of a default text is one its stage fills (`NoticeWording.placeholders`,
    /// beside the text in the rule's file).
    @Test(arguments: NoticeType.allCases)
    func textsNameOnlyTheirTypesPlaceholders(type: NoticeType) throws {
        for key in type.allTemplateKeys {
            let template = try #require(NoticeTemplates.defaults[key])
            let named = Set(template.matches(of: /\{([a-z0-9_]+)\}/).map { String($0.output.1) })
            #expect(named.isSubset(of: type.wording.placeholders), "\(key): \(named.subtracting(type.wording.placeholders))")
        }
    }

    /// The removal export's reasons (R1–R3) name the caps in force, never the defaults (1, 10, 3).
    @Test func everyRemovalReasonNamesTheCapsInForce() {
        for spares in [false, true] {
            let caps = CleanupCaps(perPersonPerUnit: 2, perUnit: 4, unitsPerPerson: 5, r2SparesLegalPerson: spares)
            let reasons = CleanupRule.allCases.map { $0.reason(caps) }
            #expect(reasons[0].contains("每人每单位限2个") && reasons[0].contains("保留最新注册的2个"), "\(reasons[0])")
            #expect(reasons[1].contains("超过4个") && reasons[1].contains("4个"), "\(reasons[1])")
            #expect(reasons[2].contains("超过5个") && reasons[2].contains("保留最新注册的5个"), "\(reasons[2])")
            for reason in reasons {
                #expect(!reason.contains("10") && !reason.contains("3个") && !reason.contains("1个"), "\(reason)")
            }
        }
    }

    /// Non-default caps, days and percent, and every template replaced by one naming all of its
    /// type's placeholders (`name:{name}|…`): in every notice the samples raise, before and after
    /// the cutover, each placeholder is filled, and those that come from settings say the
    /// settings in force.
    @Test func everyPlaceholderIsFilledWithTheSettingsInForce() throws {
        let inForce = [
            "max_accounts_per_person_per_unit": "2", "max_accounts_per_unit": "4", "max_units_per_person": "5",
            "renewal_notice_days": "60", "late_fee_percent": "2", "fine_due_days": "20",
            "cutover_date": "2024-07-01", "notice_deadline": "2024-06-20",
        ]
        let settings = [
            "run.max_rejected_ratio=1", "vehicles.ecert_pilot_regions=4401",
            "unit_accounts.max_accounts_per_person_per_unit=2", "unit_accounts.max_accounts_per_unit=4",
            "unit_accounts.max_units_per_person=5", "licences.renewal_notice_days=60",
            "violations.late_fee_percent_per_day=2", "violations.fine_due_days=20",
        ]
        let templates = NoticeType.allCases.flatMap { type in
            type.allTemplateKeys.map { key in
                "templates.\(key)=" + type.wording.placeholders.map { "\($0):{\($0)}" }.joined(separator: "|")
            }
        }
        var seen = Set<NoticeType>()
        for asOf in ["2024-06-01", "2024-07-05"] {
            let (outcome, out) = try RunHarness.run(input: RunHarness.samples + "/utf8", asOf: asOf,
                                                    overrides: settings + templates)
            #expect(outcome.exitCode == .ok, "\(outcome.message)")
            for row in try RunHarness.records(out + "/notifications.csv") {
                let type = try #require(NoticeType(rawValue: row["notice_type"]!))
                seen.insert(type)
                let message = row["message"]!
                #expect(!message.contains("{") && !message.contains("}"), "\(type): \(message)")
                let values = Dictionary(uniqueKeysWithValues: message.split(separator: "|").map { part in
                    let colon = part.firstIndex(of: ":")!
                    return (String(part[..<colon]), String(part[part.index(after: colon)...]))
                })
                #expect(Set(values.keys) == Set(type.wording.placeholders), "\(type)")
                for (name, value) in values {
                    if let expected = inForce[name] { #expect(value == expected, "\(type) {\(name)} = \(value)") }
                }
            }
        }
        // The samples raise these types on the two days; the others are held by their stage's tests.
        let unitAndExam: Set<NoticeType> = [.unitAccountsCleanup, .unitAccountsDisabled, .unitNoLegalPerson,
                                            .s2BookingNotNeeded, .examSubjectsWaived]
        #expect(unitAndExam.isSubset(of: seen), "\(unitAndExam.subtracting(seen))")
        #expect(seen.contains(.licenceRenewalDue) && seen.contains(.scrapDueSoon) && seen.contains(.ecertAvailable))
    }

    @Test func unitsAreAddressedAsGuiDanwei() throws {
        for type in [NoticeType.unitAccountsCleanup, .unitAccountsDisabled, .unitNoLegalPerson] {
            for key in type.allTemplateKeys {
                let template = try #require(NoticeTemplates.defaults[key])
                #expect(template.contains("贵单位") && !template.contains("您"), "\(key)")
            }
        }
        #expect(NoticeTemplates.defaults["UNIT_NO_LEGAL_PERSON"]?.contains("窗口") == true)
        #expect(NoticeTemplates.defaults["EXEMPT_STICKER_OVERDUE"]?.contains("交通违法") == true)
    }

    /// Caps 2 / 2 / 5 (R1, R2, R3), cutover 2025-03-01, notice deadline 2025-02-10.
    static let settings = [
        "unit_accounts.max_accounts_per_person_per_unit=2", "unit_accounts.max_accounts_per_unit=2",
        "unit_accounts.max_units_per_person=5", "run.cutover_date=2025-03-01", "run.notice_deadline=2025-02-10",
    ]

    /// U1: the legal person's account (2020) and 李明 three times (2021, 2022, 2023): R1 (cap 2)
    /// removes 李明's 2021 account; R2 (cap 2) then removes the oldest of the three left, the
    /// legal person's, which leaves U1 with no legal person (C3). EX-A is booked before the
    /// cutover (2025-02-15), EX-B after it (2025-03-10).
    static func dump() -> String {
        RunHarness.inputFolder([
            "units.csv": """
                unit_code,unit_name,legal_person_id_type,legal_person_id_no,legal_person_name,region_code,contact_phone
                91440106MA5UA00013,穗天河物流有限公司,A,440106197503120117,陈建国,440106,13800138001

                """,
            "unit_accounts.csv": """
                account_id,unit_code,holder_id_type,holder_id_no,holder_name,holder_phone,registered_at,status,role,replace_permit
                1001,91440106MA5UA00013,A,440106197503120117,陈建国,13900000001,2020-03-01 10:00:00,active,,
                2001,91440106MA5UA00013,,440106199002140354,李明,13900000002,2021-05-05 08:00:00,active,,
                2002,91440106MA5UA00013,,440106199002140354,李明,13900000002,2022-05-05 08:00:00,active,,
                2003,91440106MA5UA00013,,440106199002140354,李明,13900000003,2023-01-01 08:00:00,active,,

                """,
            "exam_enrollments.csv": """
                enrollment_id,applicant_id_type,applicant_id_no,applicant_name,applicant_phone,region_code,original_classes,requested_classes,cancel_reason,license_expiry_date,enrolled_on,subject1,subject2,subject3_road,subject3_safety,subject2_booked_on,exclusion
                EX-A,A,44030519851212002X,林二,13800000002,440305,B2,C1,overdue_renewal,2018-09-30,2024-04-02,passed,booked,,,2025-02-15,
                EX-B,,440106198001010019,陈一,13800000001,440106,C1,C1,overdue_renewal,2019-04-01,2024-03-15,passed,booked,,,2025-03-10,

                """,
        ])
    }

    static func messages(_ asOf: String) throws -> [String: String] {
        let (outcome, out) = try RunHarness.run(input: dump(), asOf: asOf, overrides: settings)
        #expect(outcome.exitCode == .ok, "\(outcome.message)")
        let rows = try RunHarness.records(out + "/notifications.csv")
        return Dictionary(uniqueKeysWithValues: rows.map { ("\($0["notice_type"]!) \($0["record_id"]!)", $0["message"]!) })
    }

    /// No default cap, no default date, no unfilled placeholder, no date twice.
    static func expectNothingStale(_ message: String) {
        for stale in ["10个", "3个单位", "限注册1个", "2024-07-01", "2024-06-20", "{", "}"] {
            #expect(!message.contains(stale), "\(stale) in \(message)")
        }
        let dates = message.matches(of: /20\d\d-\d\d-\d\d/).map { String($0.output) }
        #expect(Set(dates).count == dates.count, "a date named twice: \(message)")
    }

    @Test func beforeTheDeadline() throws {
        let messages = try Self.messages("2025-02-01")
        let cleanup = try #require(messages["UNIT_ACCOUNTS_CLEANUP 91440106MA5UA00013"])
        #expect(cleanup.contains("自2025-03-01起，每人在同一单位限注册2个账号，每个单位不超过2个，每人不超过5个单位（法人账号除外）"))
        #expect(cleanup.contains("贵单位有2个单位注册用户账号不符合规定") && cleanup.contains("请于2025-02-10前"))
        let noLegalPerson = try #require(messages["UNIT_NO_LEGAL_PERSON 91440106MA5UA00013"])
        #expect(noLegalPerson.contains("自2025-03-01起") && noLegalPerson.contains("业务窗口"))
        let before = try #require(messages["S2_BOOKING_NOT_NEEDED EX-A"])
        #expect(before.contains("已预约2025-02-15的科目二考试，当日仍按原规定考试。新措施自2025-03-01起实施"))
        let after = try #require(messages["S2_BOOKING_NOT_NEEDED EX-B"])
        #expect(after.contains("自2025-03-01起") && after.contains("您已预约的科目二考试无需参加"))
        #expect(!after.contains("2025-03-10"))
        for message in messages.values { Self.expectNothingStale(message) }
    }

    @Test func afterTheDeadlineTheCutoverIsNamedOnce() throws {
        let messages = try Self.messages("2025-02-20")
        let cleanup = try #require(messages["UNIT_ACCOUNTS_CLEANUP 91440106MA5UA00013"])
        #expect(cleanup.contains("将于2025-03-01起停用，请尽快登录"))
        #expect(!cleanup.contains("2025-02-10"))
        for message in messages.values { Self.expectNothingStale(message) }
    }

    @Test func afterTheCutoverTheAccountsWereDisabled() throws {
        let messages = try Self.messages("2025-03-05")
        #expect(messages["UNIT_ACCOUNTS_CLEANUP 91440106MA5UA00013"] == nil)
        let disabled = try #require(messages["UNIT_ACCOUNTS_DISABLED 91440106MA5UA00013"])
        #expect(disabled.contains("每人在同一单位限注册2个账号，每个单位不超过2个，每人不超过5个单位"))
        #expect(disabled.contains("贵单位有2个单位注册用户账号不符合规定，已于2025-03-05停用"))
        for message in messages.values { Self.expectNothingStale(message) }
    }

    @Test func removalReasonsAndSummaryNameTheCapsInForce() throws {
        let (outcome, out) = try RunHarness.run(input: Self.dump(), asOf: "2025-02-01",
                                                overrides: Self.settings + ["unit_accounts.r2_spares_legal_person=true"])
        #expect(outcome.exitCode == .ok, "\(outcome.message)")
        let removed = try RunHarness.records(out + "/unit_accounts.removed.csv")
        // Sparing the legal person, R2 removes 李明's older survivor 2002 instead of 1001.
        #expect(removed.map { [$0["account_id"]!, $0["cleanup_rule"]!, $0["kept_account_id"]!] }
            == [["2001", "R1", "2003"], ["2002", "R2", ""]])
        #expect(removed.map { $0["reason"]! } == [
            "同一人在同一单位注册了多个账号，每人每单位限2个，保留最新注册的2个",
            "单位注册账号超过2个，优先保留法人账号，其余保留最新注册的账号，共保留2个",
        ])
        let summary = try readText(out + "/summary.json")
        #expect(summary.contains("\"R2_reading\": \"legal_person_accounts_spared\""))
        #expect(summary.contains("\"max_units_per_person\": 5"))
        let defaultReading = try RunHarness.run(input: Self.dump(), asOf: "2025-02-01", overrides: Self.settings)
        #expect(try readText(defaultReading.output + "/summary.json").contains("\"R2_reading\": \"every_account_counts\""))
    }
}
