import Testing
@testable import JGPipe

/// The unit-account worker steps on account lines, without Spark: `accounts-by-unit` on two
/// partitions of units, then `accounts-by-person` on partitions of persons, with the caps of
/// SPEC §1 (1 a person a unit, 10 a unit, 3 units a person). Expectations worked out by hand.
@Suite("Unit-account tasks, worker mode")
struct UnitAccountTasksTests {
    struct Account {
        let id: String
        let unit: Int32
        let holder: UInt64
        let registeredAt: Int64
        var legal = false
    }

    static func line(_ a: Account, line: Int) -> String {
        AccountLine(unitKey: "440100\u{1}U\(a.unit)", chunk: line % 3, line: line,
                    record: UnitAccount(unit: a.unit, holder: a.holder, registeredAt: a.registeredAt, idKey: 0,
                                        status: .active, role: .legacy, permit: .unset),
                    legal: a.legal, decision: nil,
                    fields: [a.id, "U\(a.unit)", "A", "ID\(a.holder)", "", "", "", "active", "", ""]).text
    }

    /// Each account's decision by id: by-unit over `unitPartitions` (each a set of whole
    /// units), by-person over the persons split by `personPartition`.
    static func decide(_ accounts: [Account], unitPartitions: [Set<Int32>],
                       personPartition: (UInt64) -> Int) throws -> [String: AccountDecision] {
        let settings = try PipelineSettings(values: [:])
        var afterUnits: [String] = []
        for units in unitPartitions {
            let part = accounts.enumerated().filter { units.contains($0.element.unit) }.map { Substring(line($0.element, line: $0.offset + 2)) }
            try UnitAccountTasks.byUnit(part, settings: settings) { afterUnits.append($0) }
        }
        #expect(afterUnits.count == accounts.count, "every account of the partitions comes out")
        var decided: [String: AccountDecision] = [:]
        let lines = try afterUnits.map { try AccountLine(text: Substring($0)) }
        for p in Set(lines.map { personPartition($0.record.holder) }).sorted() {
            let part = afterUnits.enumerated().filter { personPartition(lines[$0.offset].record.holder) == p }.map { Substring($0.element) }
            try UnitAccountTasks.byPerson(part, settings: settings) { text in
                let account = try! AccountLine(text: Substring(text))
                decided[account.fields[0]] = account.decision
            }
        }
        return decided
    }

    /// P is in exactly 3 units, each in another by-unit partition: all kept. Q is in 4 (and
    /// holds a legal-person account in a fifth): R3 removes the oldest of the 4, never the
    /// legal-person account, which C1 makes `legal_person`.
    @Test func threeUnitsAreKeptAFourthIsRemovedALegalPersonAccountIsExcepted() throws {
        let accounts = [
            Account(id: "1", unit: 0, holder: 0xA, registeredAt: 100),
            Account(id: "2", unit: 1, holder: 0xA, registeredAt: 50),
            Account(id: "3", unit: 2, holder: 0xA, registeredAt: 10),
            Account(id: "4", unit: 0, holder: 0xB, registeredAt: 40),
            Account(id: "5", unit: 1, holder: 0xB, registeredAt: 30),
            Account(id: "6", unit: 2, holder: 0xB, registeredAt: 20),
            Account(id: "7", unit: 3, holder: 0xB, registeredAt: 5),
            Account(id: "8", unit: 4, holder: 0xB, registeredAt: 1, legal: true),
        ]
        let decided = try Self.decide(accounts, unitPartitions: [[0, 3], [1, 4], [2]]) { $0 == 0xA ? 0 : 1 }
        for id in ["1", "2", "3", "4", "5", "6", "8"] {
            #expect(decided[id]?.status == .active, "account \(id) is kept")
            #expect(decided[id]?.removedBy == nil)
        }
        #expect(decided["7"]?.removedBy == .r3, "Q's oldest of 4 units")
        #expect(decided["7"]?.status == .disabled)
        #expect(decided["8"]?.role == .legalPerson, "C1 on the kept legal-person account")
        #expect(decided["1"]?.role == .ordinary)
        #expect(decided["1"]?.permit == .yes, "C2: registered before the cutover")
    }

    /// A unit of exactly 10 accounts keeps them all; one of 11 loses its oldest (R2); two
    /// accounts of one person in a unit registered at the same time (a tie): R1 keeps the
    /// larger id, numerically (100 over 99, which is larger as text).
    @Test func tenAccountsAreKeptAnEleventhIsRemovedATieGoesToTheLargerID() throws {
        var accounts: [Account] = []
        for k in 0..<10 { accounts.append(Account(id: "50\(k)", unit: 0, holder: UInt64(0x100 + k), registeredAt: Int64(10 + k))) }
        for k in 0..<11 { accounts.append(Account(id: "60\(k)", unit: 1, holder: UInt64(0x200 + k), registeredAt: Int64(10 + k))) }
        accounts.append(Account(id: "100", unit: 2, holder: 0x300, registeredAt: 7))
        accounts.append(Account(id: "99", unit: 2, holder: 0x300, registeredAt: 7))
        let decided = try Self.decide(accounts, unitPartitions: [[0, 2], [1]]) { Int($0 % 2) }
        #expect((0..<10).allSatisfy { decided["50\($0)"]?.status == .active }, "10 accounts: all kept")
        #expect(decided["600"]?.removedBy == .r2, "11 accounts: the oldest goes")
        #expect((1..<11).allSatisfy { decided["60\($0)"]?.status == .active })
        #expect(decided["100"]?.status == .active)
        #expect(decided["99"]?.removedBy == .r1)
    }

    /// An account line survives its text form, decision and escapes included.
    @Test func accountLinesRoundTrip() throws {
        let decision = AccountDecision(status: .disabled, role: .ordinary, permit: .no, removedBy: .r3)
        let line = AccountLine(unitKey: "4401\u{1}91440101MA5CXXXX0X", chunk: 3, line: 1234,
                               record: UnitAccount(unit: 7, holder: 0xDEAD_BEEF, registeredAt: -5, idKey: 42, status: .active,
                                                   role: .admin, permit: .yes),
                               legal: true, decision: decision,
                               fields: ["42", "91440101MA5CXXXX0X", "A", "110", "张\t三", "1\\2", "2024-01-01 00:00:00",
                                        "active", "admin", "Y"])
        let back = try AccountLine(text: Substring(line.text))
        #expect(back.text == line.text)
        #expect(back.decision == decision)
        #expect(back.record == line.record)
        #expect(back.fields == line.fields)
        #expect(throws: TaskError.self) { try AccountLine(text: "not\tan\taccount") }
    }
}
