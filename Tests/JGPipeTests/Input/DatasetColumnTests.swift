import Testing
@testable import JGPipe

/// Issue #12 step 5: a dataset's columns are defined once, by its `Column` enum; the schema the
/// header map and the cleaned files read is derived from it. The orders below are the SPEC
/// tables' (§1 units and unit_accounts, §2, §3, §7, §8), written out by hand: a case moved in an
/// enum moves a column of every cleaned file.
@Suite struct DatasetColumnTests {
    static let specOrders: [(DatasetSchema, String, [String])] = [
        (UnitValidator.schema, "units", [
            "unit_code", "unit_name", "legal_person_id_type", "legal_person_id_no", "legal_person_name", "region_code",
            "contact_phone",
        ]),
        (UnitAccountValidator.schema, "unit_accounts", [
            "account_id", "unit_code", "holder_id_type", "holder_id_no", "holder_name", "holder_phone", "registered_at",
            "status", "role", "replace_permit",
        ]),
        (ExamEnrollmentValidator.schema, "exam_enrollments", [
            "enrollment_id", "applicant_id_type", "applicant_id_no", "applicant_name", "applicant_phone", "region_code",
            "original_classes", "requested_classes", "cancel_reason", "license_expiry_date", "enrolled_on", "subject1",
            "subject2", "subject3_road", "subject3_safety", "subject2_booked_on", "exclusion",
        ]),
        (VehicleValidator.schema, "vehicles", [
            "vin", "plate_no", "plate_type", "vehicle_type", "use_nature", "owner_type", "owner_id_type", "owner_id_no",
            "owner_name", "owner_phone", "region_code", "registered_on", "inspection_valid_until", "status",
            "scrap_received_on", "scrap_region_code",
        ]),
        (DriverLicenceValidator.schema, "driver_licences", [
            "holder_id_type", "holder_id_no", "holder_name", "holder_phone", "region_code", "classes", "first_issued_on",
            "valid_until", "status", "cancel_reason", "last_medical_on", "last_reviewed_on", "points", "points_cycle_end",
            "review_flag", "birth_date",
        ]),
        (ViolationValidator.schema, "violations", [
            "violation_id", "plate_no", "plate_type", "occurred_at", "region_code", "violation_code", "points", "fine",
            "non_site", "status", "processed_at", "handler_id_type", "handler_id_no", "handler_name", "paid",
        ]),
        (VehicleUserValidator.schema, "vehicle_users", [
            "plate_no", "plate_type", "user_id_type", "user_id_no", "user_name", "registered_on", "revoked_on",
        ]),
    ]

    @Test func schemasFollowTheSpecTables() {
        for (schema, name, columns) in Self.specOrders {
            #expect(schema.name == name)
            #expect(schema.columnNames == columns, "\(name)")
        }
    }

    /// A case's raw value is its position: what the byte path, the string path and the row
    /// store index by.
    @Test func positionsAreTheCaseOrder() {
        func check<C: DatasetColumn>(_: C.Type) {
            #expect(C.allCases.map(\.rawValue) == Array(0..<C.allCases.count), "\(C.dataset)")
            #expect(C.schema.columnNames == C.allCases.map(\.name))
            for (k, column) in C.allCases.enumerated() { #expect(C.schema.index(of: column.name) == k) }
        }
        check(UnitValidator.Column.self)
        check(UnitAccountValidator.Column.self)
        check(ExamEnrollmentValidator.Column.self)
        check(VehicleValidator.Column.self)
        check(DriverLicenceValidator.Column.self)
        check(ViolationValidator.Column.self)
        check(VehicleUserValidator.Column.self)
    }

    /// The keys of SPEC §7 and §8 by name, as the duplicate check reads them by position.
    @Test func keyColumnsByName() {
        let licence = DriverLicenceValidator(), users = VehicleUserValidator(vehicles: VehicleDirectory())
        #expect(licence.keyColumns.map { DriverLicenceValidator.schema.columns[$0].name } == ["holder_id_type", "holder_id_no"])
        #expect(users.keyColumns.map { VehicleUserValidator.schema.columns[$0].name }
            == ["plate_no", "plate_type", "user_id_type", "user_id_no", "registered_on"])
    }

    /// The work lists' and the removal export's leading columns are the canonical names of the
    /// fields they copy.
    @Test func copiedColumnsKeepTheirNames() {
        #expect(VehicleStage.worklistColumns.prefix(7) == ["vin", "plate_no", "owner_name", "owner_phone", "region_code",
                                                           "scrap_region_code", "scrap_received_on"])
        #expect(LicenceStage.worklistColumns.prefix(7) == ["holder_id_type", "holder_id_no", "holder_name", "holder_phone",
                                                           "region_code", "classes", "valid_until"])
        #expect(RemovalExport.columns.prefix(8) == ["account_id", "unit_code", "unit_name", "holder_id_type", "holder_id_no",
                                                    "holder_name", "holder_phone", "registered_at"])
    }
}
