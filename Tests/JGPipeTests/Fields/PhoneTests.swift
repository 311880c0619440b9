import Testing
@testable import JGPipe

@Suite struct PhoneTests {
    @Test func mobiles() {
        for ok in ["13800138000", "19912345678", "15000000000", "17712345678"] {
            #expect(Phone.isValid(ok), "\(ok)")
        }
        for bad in ["12800138000", "10800138000", "1380013800", "138001380000", "1380013800a", "+8613800138000",
                    "138-0013-8000", "138 0013 8000"] {
            #expect(!Phone.isValid(bad), "\(bad)")
        }
    }

    @Test func landlines() {
        for ok in ["010-12345678", "01012345678", "020-8765432", "0755-12345678", "075512345678", "0755-1234567",
                   "07551234567", "010-12345678-123", "0755-1234567-1", "010-12345678-123456", "0201234567"] {
            #expect(Phone.isValid(ok), "\(ok)")
        }
        for bad in ["", "0", "010-123456", "010-123456789", "1-12345678", "0-12345678", "07555-1234567",
                    "010-12345678-", "010-12345678-1234567", "010--12345678", "010-1234567a", "(010)12345678",
                    "010 12345678", "010-12345678-12a"] {
            #expect(!Phone.isValid(bad), "\(bad)")
        }
    }
}

@Suite struct PhoneKindTests {
    @Test func kinds() {
        #expect(PhoneKind("13800138000") == .mobile)
        #expect(PhoneKind(" １３８００１３８０００ ") == .mobile)  // full-width digits, spaces
        #expect(PhoneKind("020-87654321") == .landline)
        #expect(PhoneKind("0755-1234567-12") == .landline)
        #expect(PhoneKind("12800138000") == .invalid)
        #expect(PhoneKind("138-0013-8000") == .invalid)
        #expect(PhoneKind("") == .empty)
        #expect(PhoneKind("NULL") == .empty)
        #expect(PhoneKind("13800138000").isSMSReachable)
        #expect(!PhoneKind("020-87654321").isSMSReachable)
    }
}
