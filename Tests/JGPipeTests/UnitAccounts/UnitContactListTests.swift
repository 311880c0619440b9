import Foundation
import Testing
@testable import JGPipe

/// SPEC §1 `unit_contact_list.csv`, the call list of 八.一, against the hand-derived list of
/// `samples/expectations/utf8/unit_contact_list.csv` (REASONING.md, last section): a unit losing
/// its legal person (U3), one reachable by landline only (U8), one with two admins (U1).
@Suite struct UnitContactListTests {
    @Test func theSampleListIsTheHandDerivedOne() throws {
        let output = try RunHarness.publishedSample("utf8")
        let actual = try RunHarness.readCSV(output + "/" + UnitContactList.fileName)
        let expected = try RunHarness.readCSV(RunHarness.samples + "/expectations/utf8/unit_contact_list.csv")
        #expect(actual.header == UnitContactList.columns)
        #expect(expected.header == UnitContactList.columns)
        #expect(actual.rows == expected.rows)
    }

    /// The units of the list are the units notified (the same condition, SPEC §1 and §4).
    @Test(arguments: ["utf8", "gb18030"])
    func listsTheUnitsThatGetAUnitNotice(set: String) throws {
        let output = try RunHarness.publishedSample(set)
        let listed = try RunHarness.records(output + "/" + UnitContactList.fileName).map { $0["unit_code"]! }
        let notified = try RunHarness.records(output + "/notifications.csv")
            .filter { ["UNIT_ACCOUNTS_CLEANUP", "UNIT_NO_LEGAL_PERSON"].contains($0["notice_type"]) }
            .map { $0["recipient_id"]! }
        #expect(Set(listed) == Set(notified))
        #expect(listed.count == Set(listed).count)
    }

    /// gb18030 G4 (穗白云货运): R1 removes 401, its only 法人 account, and keeps 402 普通用户.
    @Test func aLegalPersonAccountRemovedByR1IsLost() throws {
        let output = try RunHarness.publishedSample("gb18030")
        let row = try #require(try RunHarness.records(output + "/" + UnitContactList.fileName)
            .first { $0["unit_code"] == "91440111MA5UB0014C" })
        #expect(row["loses_legal_person"] == "Y" && row["no_legal_person"] == "Y" && row["removed_R1"] == "2")
    }

    @Test func namedDetachmentsShowTheirName() throws {
        let output = try RunHarness.publishedSample("utf8", overrides: ["detachments.440300=深圳市公安局交通警察支队"])
        for row in try RunHarness.records(output + "/" + UnitContactList.fileName) {
            #expect(row["detachment_name"] == (row["detachment_code"] == "440300" ? "深圳市公安局交通警察支队" : ""))
        }
    }

    @Test func detachmentTableTellsNamesFromOverrides() throws {
        let detachments = try Detachments(overrides: ["4403": "440300", "440100": "广州市公安局交通警察支队", "440399": "440100"])
        #expect(detachments.code(for: try RegionCode("440305")) == "440300")
        #expect(detachments.code(for: try RegionCode("440399")) == "440100")
        #expect(detachments.name(of: "440100") == "广州市公安局交通警察支队")
        #expect(detachments.label(of: "440100") == "440100 广州市公安局交通警察支队")
        #expect(detachments.label(of: "440300") == "440300")
        // A name needs a 6-digit detachment code as its key.
        #expect(throws: SettingsError.self) { try Detachments(overrides: ["4401": "广州"]) }
    }
}
