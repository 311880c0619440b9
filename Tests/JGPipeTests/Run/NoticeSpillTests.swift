import Foundation
import Testing
@testable import JGPipe

/// The notice collector's external merge (issue #14): notices spilled in sorted runs past the
/// collector's memory come back in the order and with the bytes of one sort in memory.
@Suite("notice spill and merge")
struct NoticeSpillTests {
    /// `count` notices with few distinct keys (detachment, type, recipient, record, due date), so
    /// that many are equal on the sort key and only the order they came in tells them apart.
    static func notices(_ count: Int, seed: UInt64) -> [Notice] {
        var random = SplitMix(seed: seed)
        let types: [NoticeType] = [.ecertAvailable, .inspectionDue, .scrapDueSoon, .unitNoLegalPerson]
        return (0..<count).map { k in
            let type = types[Int(random.next() % 4)]
            let day = CalendarDate(year: 2024, month: 7, day: 1 + Int(random.next() % 3))!
            return Notice(type: type, detachmentCode: ["440100", "310100", "440300"][Int(random.next() % 3)],
                          recipientType: type == .unitNoLegalPerson ? .unit : .person,
                          recipientID: "44010619800101\(1000 + random.next() % 7)", recipientName: "张三\(k)",
                          phone: k % 5 == 0 ? "020-1234567" : "1380013\(String(format: "%04d", k % 10_000))",
                          recordID: "LSVAB2BM9RA10000\(random.next() % 5)", dueOn: day, fact: day.iso,
                          message: "尊敬的\(k)号，您的车辆\(String(repeating: "甲", count: Int(random.next() % 40)))",
                          servicePoint: type == .inspectionDue
                              ? .init(id: "P\(k % 7)", name: "检验站\(k % 7)", address: "天河区\(k)号", hours: "周一至周五 08:30-17:30")
                              : nil)
        }
    }

    /// Every notice the collector gives back, as the rows `notifications.csv` would get.
    static func drained(_ collector: NoticeCollector) throws -> [[String]] {
        var rows: [[String]] = []
        try collector.drainInOutputOrder { notice in
            var row: [String] = []
            notice.forEachField { _, bytes in row.append(String(decoding: bytes, as: UTF8.self)) }
            rows.append(row)
        }
        return rows
    }

    static func row(_ notice: Notice) -> [String] {
        [notice.id, notice.type.rawValue, notice.detachmentCode, notice.recipientType.rawValue, notice.recipientID,
         notice.recipientName, notice.phone, notice.phoneKind.rawValue, notice.recordID, notice.dueOn.iso, notice.message,
         notice.servicePoint?.id ?? "", notice.servicePoint?.name ?? "", notice.servicePoint?.address ?? "",
         notice.servicePoint?.hours ?? ""]
    }

    /// 1 byte spills every notice: 3,000 runs, more than are read at once (`maxOpenRuns`).
    @Test("spilled runs merge to the order of one stable sort in memory", arguments: [1, 2_000, 20_000])
    func spilledEqualsInMemory(memoryBytes: Int) throws {
        let notices = Self.notices(3_000, seed: UInt64(memoryBytes))
        let folder = RunHarness.temporaryFolder() + "/spill"
        let spilling = NoticeCollector(spillFolder: folder, memoryBytes: memoryBytes)
        let inMemory = NoticeCollector(spillFolder: folder + "-unused", memoryBytes: .max)
        for notice in notices {
            try spilling.add(notice)
            try inMemory.add(notice)
        }
        // 3,000 records of more than 150 bytes: at least 450 kB against at most 20 kB.
        #expect(spilling.spilledRuns >= 20)
        #expect(inMemory.spilledRuns == 0)
        #expect(spilling.count == 3_000)
        let merged = try Self.drained(spilling)
        // By hand: the SPEC §4 key, then the input order (the index), as `Array.sorted` by tuples.
        let expected = notices.indices.sorted { a, b in
            let x = notices[a], y = notices[b]
            let kx = [x.detachmentCode, x.type.rawValue, x.recipientID, x.recordID, x.dueOn.iso]
            let ky = [y.detachmentCode, y.type.rawValue, y.recipientID, y.recordID, y.dueOn.iso]
            return kx != ky ? kx.lexicographicallyPrecedes(ky) : a < b
        }.map { Self.row(notices[$0]) }
        #expect(merged == expected)
        #expect(try Self.drained(inMemory) == expected)
        #expect(!FileManager.default.fileExists(atPath: folder), "the spilled runs are removed once merged")
    }

    /// 10,000 notices, past the count at which `PackedNotices.order` sorts two halves at once
    /// and merges them (in memory, and in two spilled runs of about 5,000: one spilled as the
    /// notices come, the rest when they are drained), added as `NoticeBatch`es of 777 as a
    /// stage's workers make them: the order of one stable sort, and the counts of adding each.
    @Test("batches and the two-half sort give the order of one stable sort", arguments: [2_200_000, Int.max])
    func batchesAndTheTwoHalfSort(memoryBytes: Int) throws {
        let notices = Self.notices(10_000, seed: 11)
        let folder = RunHarness.temporaryFolder() + "/spill"
        let single = NoticeCollector(spillFolder: folder + "-single", memoryBytes: .max)
        let batched = NoticeCollector(spillFolder: folder, memoryBytes: memoryBytes)
        for notice in notices { try single.add(notice) }
        for first in stride(from: 0, to: notices.count, by: 777) {
            var batch = NoticeBatch()
            for notice in notices[first..<min(first + 777, notices.count)] { batch.append(notice) }
            try batched.add(batch)
        }
        #expect(batched.count == 10_000)
        #expect(batched.spilledRuns == (memoryBytes == .max ? 0 : 1))
        #expect(batched.tally.byType == single.tally.byType && batched.tally.byDetachment == single.tally.byDetachment)
        #expect(batched.tally.byPhoneKind == single.tally.byPhoneKind && batched.tally.unreachable == single.tally.unreachable)
        let expected = notices.indices.sorted { a, b in
            let x = notices[a], y = notices[b]
            let kx = [x.detachmentCode, x.type.rawValue, x.recipientID, x.recordID, x.dueOn.iso]
            let ky = [y.detachmentCode, y.type.rawValue, y.recipientID, y.recordID, y.dueOn.iso]
            return kx != ky ? kx.lexicographicallyPrecedes(ky) : a < b
        }.map { Self.row(notices[$0]) }
        #expect(try Self.drained(single) == expected)
        #expect(try Self.drained(batched) == expected)
    }

    @Test("a record longer than the run reader's buffer is read whole")
    func recordLongerThanTheBuffer() throws {
        let folder = RunHarness.temporaryFolder()
        var packed = PackedNotices()
        let long = Self.notices(3, seed: 7).map { notice in
            Notice(type: notice.type, detachmentCode: notice.detachmentCode, recipientType: notice.recipientType,
                   recipientID: notice.recipientID, recipientName: notice.recipientName, phone: notice.phone,
                   recordID: notice.recordID, dueOn: notice.dueOn, fact: "", message: String(repeating: "长", count: 5_000))
        }
        for notice in long { packed.append(notice) }
        try NoticeRunFile.write(to: folder + "/run") { write in try packed.forEachRecord(in: [2, 0, 1], write) }
        let reader = try NoticeRunReader(path: folder + "/run", bufferBytes: 64)
        var ids: [String] = []
        while try reader.advance() {
            ids.append(reader.current.string(0))
            #expect(reader.current.string(10).count == 5_000)
        }
        #expect(ids == [long[2].id, long[0].id, long[1].id])
    }

    /// 3,000 vehicles of one owner in a pilot city make 3,000 ECERT_AVAILABLE notices, ≈ 1 MB packed: with
    /// `run.memory_budget_mb = 1` the collector keeps 128 KiB and spills about eight runs.
    @Test("a run within a small memory budget writes the same files as one within the default")
    func smallBudgetSameOutputs() throws {
        var csv = VehicleStageTests.header + "\n"
        for k in 0..<3_000 {
            csv += "LSVAB2BM9RA\(100000 + k),粤A\(10000 + k),K33,A,person,440106198001010019,张三\(k % 7),1380013\(String(format: "%04d", k)),440106,2019-05-05,2025-05-31,A,,,备注\(k)\n"
        }
        let input = RunHarness.inputFolder(["vehicles.csv": csv])
        let pilot = ["vehicles.ecert_pilot_regions=4401"]
        let (small, smallOut) = try RunHarness.run(input: input, overrides: pilot + ["run.memory_budget_mb=1"])
        let (plain, plainOut) = try RunHarness.run(input: input, overrides: pilot)
        #expect(small.exitCode == .ok && plain.exitCode == .ok, "\(small.message) \(plain.message)")
        #expect(small.notices == 3_000)
        let files = try RunHarness.outputFiles(smallOut)
        #expect(files == (try RunHarness.outputFiles(plainOut)))
        #expect(files.contains("notifications.csv") && !files.contains { $0.hasPrefix(NoticeCollector.spillFolderName) })
        for file in files where file != "manifest.json" {
            let a = try Data(contentsOf: URL(fileURLWithPath: smallOut + "/" + file))
            let b = try Data(contentsOf: URL(fileURLWithPath: plainOut + "/" + file))
            #expect(a == b, "\(file)")
        }
    }
}
