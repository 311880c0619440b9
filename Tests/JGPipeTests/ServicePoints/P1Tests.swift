import Testing
@testable import JGPipe

/// P1: the gaps of an open point, one per missing or invalid field, named as the header wrote it.
@Suite("P1 service point completeness")
struct P1Tests {
    static let header = "point_id,point_name,point_kind,region_code,address,longitude,latitude,hours,services,window_guide,phone,verified_on,status"
    static let complete = "P1,天河车管所,车管所,440106,广州市天河区1号,113.33,23.14,\"周一至周五 08:30-12:00,14:00-17:30\",换证|审验,1号窗口,020-87654321,2024-06-20,"

    func points(_ rows: [String]) throws -> [Result<ServicePoint, FieldError>] {
        try ByteLevelRowPathTests.bothPaths(([Self.header] + rows).joined(separator: "\n") + "\n",
                                            ServicePointValidator(settings: .defaults)).map { $0.slow.map(\.record) }
    }

    func gaps(_ row: String) throws -> [String] {
        try #require(try points([row]).first).get().gaps.map { "\($0.field): \($0.problem)" }
    }

    @Test("a complete point; a missing key is the only rejection")
    func completeAndKey() throws {
        let point = try #require(try points([Self.complete]).first).get()
        #expect(point.isComplete && point.isOpen && point.services == ["换证", "审验"] && point.region?.value == "440106")
        #expect(throws: FieldError.self) { try #require(try points(["," + Self.complete.dropFirst(3)]).first).get() }
    }

    @Test("each field's gap")
    func fieldGaps() throws {
        #expect(try gaps("P2,,车管所,440106,,113.33,23.14,周一 08:00-12:00,换证,1号窗口,020-87654321,,")
            == ["point_name: 为空", "address: 为空"])
        #expect(try gaps("P3,甲,网吧,4401,乙,73.3,53.7,周一 08:00-12:00,换证|驾照,,13800138000,2024-02-30,")
            == ["point_kind: 不是网点类型（车管所、车管分所、交警大队窗口、检验机构、邮政或银行代办点、自助服务区）之一",
                "region_code: 不是6位行政区划代码",
                "longitude: 不是中国境内的经纬度（经度 73.4–135.1，纬度 3.8–53.6）",
                "latitude: 不是中国境内的经纬度（经度 73.4–135.1，纬度 3.8–53.6）",
                "services: 业务代码 \"驾照\" 不在业务范围（机动车检验、检验标志、报废、注销登记、驾驶人考试、换证、审验、体检、违法处理、罚款缴纳、机动车登记、牌证补换）中",
                "verified_on: 不是有效日期"])
        // The edges of the extent are inside it; a hall without a window guide; a phone that is none.
        #expect(try gaps("P4,甲,车管分所,440106,乙,73.4,3.8,周一 08:00-12:00,换证,,12345,,")
            == ["window_guide: 为空（车管分所须写明窗口指引）", "phone: 不是有效的电话号码"])
        #expect(try gaps("P5,甲,检验机构,440106,乙,135.1,53.6,周一 08:00-12:00,机动车检验,,,,x")
            == ["status: 不是可选值（open 正常、closed 停用）之一", "phone: 为空"])
    }

    /// Each required field of SPEC §9 empty in turn: one gap naming it (window_guide for a hall).
    @Test("each required field missing in turn", arguments: [
        (1, "point_name"), (2, "point_kind"), (3, "region_code"), (4, "address"), (5, "longitude"), (6, "latitude"),
        (7, "hours"), (8, "services"), (9, "window_guide"), (10, "phone"),
    ])
    func missing(_ c: (Int, String)) throws {
        var fields = ["P7", "天河车管所", "车管所", "440106", "广州市天河区1号", "113.33", "23.14", "周一 08:30-12:00", "换证",
                      "1号窗口", "020-87654321", "2024-06-20", ""]
        fields[c.0] = ""
        let found = try gaps(fields.joined(separator: ","))
        #expect(found.count == 1 && found[0].hasPrefix(c.1 + ": 为空"), "\(found)")
    }

    @Test("a closed point has no gaps")
    func closed() throws {
        let point = try #require(try points(["P6,,,,,,,,,,,,停用"]).first).get()
        #expect(!point.isOpen && point.gaps.isEmpty && point.region == nil)
    }

    @Test("opening hours", arguments: [
        ("周一至周五 08:30-12:00,14:00-17:30", nil),
        ("周一至周五 08:30-17:00;周六、周日 09:00-12:00;法定节假日 09:00-12:00", nil),
        ("周一至周日 00:00-24:00", nil),
        ("周一至周五 17:30-08:30", "时段 \"17:30-08:30\" 的开始时间不早于结束时间"),
        ("周一至周五 08:30-08:30", "时段 \"08:30-08:30\" 的开始时间不早于结束时间"),
        ("周五至周一 08:30-12:00", "\"周五至周一\" 的起止日期颠倒"),
        ("周八 08:30-12:00", "\"周八\" 不是工作日（周一 周二 周三 周四 周五 周六 周日 法定节假日，可写 周一至周五 或 周六、周日）"),
        ("周一 8:30-12:00", "\"8:30-12:00\" 不是 hh:mm-hh:mm 的时段"),
        ("周一 08:60-12:00", "\"08:60-12:00\" 不是 hh:mm-hh:mm 的时段"),
        ("周六 09:00-25:00", "\"09:00-25:00\" 不是 hh:mm-hh:mm 的时段"),
        ("周一至周五 08:30-12:00,14:00-17:30;周六 09:00-12:00", nil),
        ("全天", "\"全天\" 不是“日期 时段”的写法（如 周一至周五 08:30-12:00,14:00-17:30）"),
    ] as [(String, String?)])
    func hours(_ c: (String, String?)) {
        #expect(OpeningHours.problem(c.0) == c.1)
    }
}
