import Testing
@testable import JGPipe

/// Field checks of `vehicles.csv` (SPEC §0, §3). Identity numbers, credit codes and VINs were
/// computed independently with the GB 11643, GB 32100 and ISO 3779 formulas.
@Suite("vehicles.csv validation")
struct VehicleValidatorTests {
    static let header = ["vin", "plate_no", "plate_type", "vehicle_type", "use_nature", "owner_type", "owner_id_type",
                         "owner_id_no", "owner_name", "owner_phone", "region_code", "registered_on",
                         "inspection_valid_until", "status", "scrap_received_on", "scrap_region_code"]
    static let good: [String: String] = [
        "vin": "LSVAB2BM9RA100001", "plate_no": "粤A12345", "plate_type": "02", "vehicle_type": "K33", "use_nature": "A",
        "owner_type": "person", "owner_id_no": "440106198001010019", "owner_name": "张三", "owner_phone": "13800138000",
        "region_code": "440106", "registered_on": "2018-07-20", "inspection_valid_until": "2024-07-31",
    ]

    func validate(_ changes: [String: String], header: [String] = header,
                  closed: ClosedStatusLetters = .defaults) -> Result<Vehicle, FieldError> {
        let values = Self.good.merging(changes) { _, new in new }
        let map = try! HeaderMap(header: header, schema: VehicleValidator.schema)
        let row = SchemaRow(row: InputRow(line: 2, fields: Self.header.map { values[$0] ?? "" }), map: map,
                            schema: VehicleValidator.schema)
        do throws(FieldError) {
            return .success(try VehicleValidator(closedStatuses: closed).validate(row))
        } catch {
            return .failure(error)
        }
    }

    func code(_ changes: [String: String]) -> ErrorCode? {
        if case let .failure(error) = validate(changes) { return error.code }
        return nil
    }

    func vehicle(_ changes: [String: String]) -> Vehicle? {
        try? validate(changes).get()
    }

    @Test("a good row")
    func good() throws {
        let v = try #require(vehicle([:]))
        #expect(v.vin.value == "LSVAB2BM9RA100001")
        #expect(v.vin.checkDigitValid)
        #expect(v.plate?.value == "粤A12345")
        #expect(v.owner == .person(try IdentityNumber(type: "A", number: "440106198001010019")))
        #expect(v.status.letters == "A")
        #expect(!v.status.isClosed(.defaults))
        #expect(v.inspectionValidUntil == day("2024-07-31"))
        #expect(v.scrapReceivedOn == nil && v.scrapRegion == nil)
    }

    @Test("VIN: 17 characters without I, O, Q; a wrong check digit is only a warning")
    func vin() {
        #expect(code(["vin": ""]) == .missingField)
        #expect(code(["vin": "LSVAB2BM9RA10000"]) == .invalidVIN)
        #expect(code(["vin": "LSVAB2BM9RA1000O1"]) == .invalidVIN)
        #expect(code(["vin": "LSVAB2BM9RQ100001"]) == .invalidVIN)
        // Position 9 should be 9; 5 is accepted and flagged.
        #expect(vehicle(["vin": "LSVAB2BM5RA100001"])?.vin.checkDigitValid == false)
        // Lower case and full-width input normalise.
        #expect(vehicle(["vin": "lsvab2bm9ra10000１"])?.vin.value == "LSVAB2BM9RA100001")
    }

    @Test("plates: normalised; empty only on closed vehicles")
    func plates() {
        #expect(vehicle(["plate_no": "粤A·12345"])?.plate?.value == "粤A12345")
        #expect(vehicle(["plate_no": "粤B-D12345"])?.plate?.value == "粤BD12345")
        #expect(code(["plate_no": "粤I12345"]) == .invalidPlate)
        #expect(code(["plate_no": "XA12345"]) == .invalidPlate)
        #expect(code(["plate_no": ""]) == .invalidPlate)
        #expect(code(["plate_no": "", "status": "A"]) == .invalidPlate)
        #expect(code(["plate_no": "", "status": "G"]) == .invalidPlate)
        #expect(vehicle(["plate_no": "", "status": "E"])?.plate == nil)
        #expect(vehicle(["plate_no": "", "status": "M"])?.plate == nil)
        #expect(vehicle(["plate_no": "", "status": "注销"])?.status.isClosed(.defaults) == true)
    }

    @Test("owner identity follows owner_type")
    func owner() throws {
        #expect(code(["owner_type": ""]) == .missingField)
        #expect(code(["owner_type": "company"]) == .invalidCode)
        #expect(vehicle(["owner_type": "个人"])?.owner.type == .person)
        #expect(code(["owner_id_no": ""]) == .missingField)
        #expect(code(["owner_id_no": "440106198001010018"]) == .invalidID)
        #expect(code(["owner_type": "unit"]) == .invalidCreditCode)
        #expect(vehicle(["owner_type": "单位", "owner_id_no": "91440101MA5C111109"])?.owner
            == .unit(try CreditCode("91440101MA5C111109")))
        #expect(code(["owner_type": "unit", "owner_id_no": "91440101MA5C111108"]) == .invalidCreditCode)
        #expect(code(["owner_type": "person", "owner_id_no": "91440101MA5C111109"]) == .invalidID)
        // A passport is checked for being printable only.
        #expect(vehicle(["owner_id_type": "B", "owner_id_no": "E12345678"])?.owner.id == "E12345678")
    }

    @Test("vehicle type, use nature and status are codes")
    func codes() {
        #expect(code(["vehicle_type": ""]) == .missingField)
        #expect(code(["vehicle_type": "K3"]) == .invalidCode)
        #expect(code(["vehicle_type": "33K"]) == .invalidCode)
        #expect(code(["vehicle_type": "小型轿车"]) == .invalidCode)
        #expect(vehicle(["vehicle_type": "k33"])?.vehicleType == "K33")
        #expect(code(["use_nature": ""]) == .missingField)
        #expect(code(["use_nature": "V"]) == .invalidCode)
        #expect(code(["use_nature": "AB"]) == .invalidCode)
        #expect(vehicle(["use_nature": "u"])?.useNature == "U")
        #expect(code(["status": "1"]) == .invalidCode)
        #expect(vehicle(["status": "gk"])?.status.letters == "GK")
        #expect(vehicle(["status": "EG"])?.status.isClosed(.defaults) == true)
    }

    /// SPEC §3 status: closed when any letter is in closed_statuses (default E, M, B).
    static let statusCases: [(String, String, Bool)] = [
        ("", "A", false),          // empty means A, open
        ("A", "A", false),
        ("B", "B", true),          // 转出: notified by the new registration office
        ("转出", "B", true),
        ("GK", "GK", false),       // two open letters (G 违法未处理, K 查封): open
        ("gk", "GK", false),
        ("GB", "GB", true),        // B among other letters closes
        ("EG", "EG", true),
        ("M", "M", true),
        ("强制注销", "M", true),
    ]

    @Test("status letters, B and GK", arguments: statusCases)
    func status(_ c: (String, String, Bool)) throws {
        let v = try #require(vehicle(["status": c.0]))
        #expect(v.status.letters == c.1)
        #expect(v.status.isClosed(.defaults) == c.2)
    }

    @Test("closed statuses from the settings decide which vehicles may lack a plate")
    func configuredClosedStatuses() throws {
        #expect(vehicle(["plate_no": "", "status": "B"])?.plate == nil)
        #expect(code(["plate_no": "", "status": "GK"]) == .invalidPlate)
        let onlyE = try #require(ClosedStatusLetters(["E"]))
        let row = try #require(try? validate(["status": "B"]).get())
        #expect(!row.status.isClosed(onlyE))
        // With only E closed, a B vehicle is open and must have a plate.
        if case let .failure(error) = validate(["plate_no": "", "status": "B"], closed: onlyE) {
            #expect(error.code == .invalidPlate)
            #expect(error.message.contains("只有状态为 E 的机动车"))
        } else {
            Issue.record("an open B vehicle without a plate was accepted")
        }
        #expect(onlyE.letters == ["E"])
        #expect(ClosedStatusLetters.defaults.letters == ["B", "E", "M"])
        #expect(ClosedStatusLetters(["EM"]) == nil)
        #expect(ClosedStatusLetters(["e"]) == nil)
        #expect(ClosedStatusLetters([""]) == nil)
        #expect(ClosedStatusLetters([]) == ClosedStatusLetters([]))
    }

    @Test("regions and dates")
    func regionsAndDates() {
        #expect(code(["region_code": ""]) == .missingField)
        #expect(code(["region_code": "4401"]) == .invalidRegion)
        #expect(code(["scrap_region_code": "44030X"]) == .invalidRegion)
        #expect(code(["registered_on": ""]) == .missingField)
        #expect(code(["registered_on": "2018-02-30"]) == .invalidDate)
        #expect(code(["inspection_valid_until": "31/07/2024"]) == .invalidDate)
        #expect(code(["scrap_received_on": "2024-13-01"]) == .invalidDate)
        #expect(vehicle(["registered_on": "2016年2月29日"])?.registeredOn == day("2016-02-29"))
        #expect(vehicle(["scrap_received_on": "2024/06/28 09:30"])?.scrapReceivedOn == day("2024-06-28"))
    }

    @Test("the first failing check in column order names the error")
    func order() {
        #expect(code(["vin": "SHORT", "registered_on": "bad"]) == .invalidVIN)
        // The empty-plate check needs the status, so it runs after the field checks.
        #expect(code(["plate_no": "", "registered_on": "bad"]) == .invalidDate)
    }

    @Test("Chinese headers name the columns")
    func chineseHeaders() throws {
        let header = ["车辆识别代号", "号牌号码", "号牌种类", "车辆类型", "使用性质", "所有人类型", "所有人证件类型", "所有人证件号码",
                      "所有人", "联系电话", "登记地区划", "初次登记日期", "检验有效期止", "机动车状态", "报废信息接收日期", "报废地区划"]
        let map = try HeaderMap(header: header, schema: VehicleValidator.schema)
        #expect(map.sources == (0..<16).map { $0 })
        #expect(map.passThrough.isEmpty)
    }
}
