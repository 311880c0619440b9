import Glibc

/// Where the stages put the run's notices (the sink of every stage), and where the run takes
/// them back in SPEC §4 order to write `notifications.csv`.
///
/// Notices wait packed (`PackedNotices`). When they hold more than `memoryBytes`, they are sorted
/// and spilled as a run file into `spillFolder` (inside the staging folder, so it lies on the
/// output's file system and goes with the staging folder whatever happens), and the runs are
/// merged when the notices are taken back: memory stays bounded however many notices a run
/// makes, and the order and bytes are those of one sort in memory (issue #14).
public final class NoticeCollector {
    /// The folder of the spilled runs inside the staging folder; removed once they are merged.
    static let spillFolderName = "notices.spill"
    /// The share of `run.memory_budget_mb` the waiting notices may take (1/8): the rest is for
    /// the stage's slices, key hashes and work lists, the write buffers, and the merge.
    static let budgetShare = 8

    private let spillFolder: String
    private let memoryBytes: Int
    private var waiting = PackedNotices()
    private var runs: [String] = []
    public private(set) var count = 0
    /// The summary's counts, taken as notices come.
    private(set) var tally = NoticeTally()
    /// Every notice's id and type as it came, so that the ledger can sort and record them while
    /// the notices are delivered (`RunRecord.deliver`), not after.
    private(set) var ids = PublishedIDs()

    /// `memoryBytes`: the packed notices held before a sorted run is spilled.
    init(spillFolder: String, memoryBytes: Int) {
        self.spillFolder = spillFolder
        self.memoryBytes = memoryBytes
    }

    /// Runs spilled so far (for the log and the tests).
    var spilledRuns: Int { runs.count }

    public func add(_ notice: Notice) throws {
        // The whole share at once (address space only until it is written): growing by
        // doubling would hold two buffers while the second is filled from the first.
        if count == 0 && memoryBytes <= Self.reservedAtMost { waiting.reserve(bytes: memoryBytes + (1 << 20)) }
        waiting.append(notice)
        count += 1
        tally.add(notice)
        ids.append(id: notice.id.utf8, type: notice.type.rawValue.utf8)
        if waiting.byteCount > memoryBytes { try spill() }
    }

    public func add(_ notices: [Notice]) throws {
        for notice in notices { try add(notice) }
    }

    /// The notices of a batch packed elsewhere, in its order: the same records, counts and
    /// spills as adding each notice.
    func add(_ batch: NoticeBatch) throws {
        for k in 0..<batch.count {
            if count == 0 && memoryBytes <= Self.reservedAtMost { waiting.reserve(bytes: memoryBytes + (1 << 20)) }
            let record = batch.packed.record(k)
            waiting.append(record: record)
            count += 1
            let type = batch.kinds[k].type
            record.withUnsafeBufferPointer { ids.append(id: PackedNotice(record: $0).field(0), type: type.rawValue.utf8) }
            if waiting.byteCount > memoryBytes { try spill() }
        }
        tally.merge(batch.tally)
    }

    private func spill() throws {
        if runs.isEmpty {
            guard mkdir(spillFolder, 0o700) == 0 || errno == EEXIST else {
                throw NoticeRunFile.failure(spillFolder, "cannot create the folder")
            }
        }
        let path = spillFolder + "/run-\(runs.count)"
        let order = waiting.order()
        try NoticeRunFile.write(to: path) { write in try waiting.forEachRecord(in: order, write) }
        runs.append(path)
        waiting.removeAll(keepingCapacity: true)
    }

    /// Calls `body` with every notice in SPEC §4 order (detachment, type, recipient, record, due
    /// date, then the order they came in), then forgets them and removes the spilled runs. The
    /// notice is valid only inside `body`.
    func drainInOutputOrder(_ body: (PackedNotice) throws -> Void) throws {
        defer { discard() }
        guard !runs.isEmpty else {
            let order = waiting.order()
            try waiting.forEachRecord(in: order) { try body(PackedNotice(record: $0)) }
            return
        }
        if waiting.count > 0 { try spill() }
        // A small budget and many notices make many runs: merged a group at a time into one
        // run that takes the group's place, so that no more files are open at once.
        var pass = 0
        while runs.count > Self.maxOpenRuns {
            pass += 1
            runs = try stride(from: 0, to: runs.count, by: Self.maxOpenRuns).map { first in
                let group = runs[first..<min(first + Self.maxOpenRuns, runs.count)]
                let path = spillFolder + "/pass-\(pass)-run-\(first / Self.maxOpenRuns)"
                try NoticeRunFile.write(to: path) { write in
                    try Self.merge(try group.map { try NoticeRunReader(path: $0) }) { try write($0.record) }
                }
                for merged in group { unlink(merged) }
                return path
            }
        }
        try Self.merge(try runs.map { try NoticeRunReader(path: $0) }, body)
    }

    /// A larger share (a test's `.max`) is not reserved ahead.
    static let reservedAtMost = 1 << 36

    /// Runs read at once by the merge (each through a buffer of 1 MiB).
    static let maxOpenRuns = 64

    /// A k-way merge through a binary heap of the readers; on equal keys the earlier run, which
    /// holds the notices that came earlier, goes first.
    private static func merge(_ readers: [NoticeRunReader], _ body: (PackedNotice) throws -> Void) throws {
        var heap: [Int] = []
        for (k, reader) in readers.enumerated() where try reader.advance() { heap.append(k) }
        func precedes(_ a: Int, _ b: Int) -> Bool {
            let c = PackedNotice.compare(readers[a].current.key, readers[b].current.key)
            return c != 0 ? c < 0 : a < b
        }
        func siftDown(_ from: Int) {
            var i = from
            while true {
                let left = 2 * i + 1, right = left + 1
                var smallest = i
                if left < heap.count && precedes(heap[left], heap[smallest]) { smallest = left }
                if right < heap.count && precedes(heap[right], heap[smallest]) { smallest = right }
                if smallest == i { return }
                heap.swapAt(i, smallest)
                i = smallest
            }
        }
        for i in stride(from: heap.count / 2 - 1, through: 0, by: -1) { siftDown(i) }
        while let top = heap.first {
            try body(readers[top].current)
            if try !readers[top].advance() {
                heap[0] = heap[heap.count - 1]
                heap.removeLast()
            }
            siftDown(0)
        }
    }

    /// Forgets the notices and removes the spilled runs (a run that stops early, `jgpipe validate`).
    func discard() {
        waiting.removeAll()
        ids = PublishedIDs()
        if !runs.isEmpty {
            try? removeTree(spillFolder)
            runs = []
        }
    }
}

/// The `notifications` counts of the summary, on every notice the rules made.
struct NoticeTally {
    private(set) var byType: [String: Int] = [:]
    private(set) var byDetachment: [String: Int] = [:]
    // SPEC §4: notices whose phone is not a mobile still get their row, and are counted.
    private(set) var unreachable = 0
    private(set) var unreachableByType: [String: Int] = [:]
    private(set) var unreachableByDetachment: [String: Int] = [:]
    private(set) var byPhoneKind = Dictionary(uniqueKeysWithValues: PhoneKind.allCases.map { ($0.rawValue, 0) })
    /// The notice types each detachment's notices have (SPEC §9 P3: the services they send people to).
    private(set) var typesByDetachment: [String: Set<NoticeType>] = [:]

    mutating func add(_ notice: Notice) {
        add(type: notice.type, detachmentCode: notice.detachmentCode, phoneKind: notice.phoneKind)
    }

    /// Adds another tally's counts (a batch's, counted where it was made).
    mutating func merge(_ other: NoticeTally) {
        byType.merge(other.byType, uniquingKeysWith: +)
        byDetachment.merge(other.byDetachment, uniquingKeysWith: +)
        unreachable += other.unreachable
        unreachableByType.merge(other.unreachableByType, uniquingKeysWith: +)
        unreachableByDetachment.merge(other.unreachableByDetachment, uniquingKeysWith: +)
        byPhoneKind.merge(other.byPhoneKind, uniquingKeysWith: +)
        typesByDetachment.merge(other.typesByDetachment) { $0.union($1) }
    }

    mutating func add(type: NoticeType, detachmentCode: String, phoneKind: PhoneKind) {
        byType[type.rawValue, default: 0] += 1
        byDetachment[detachmentCode, default: 0] += 1
        typesByDetachment[detachmentCode, default: []].insert(type)
        byPhoneKind[phoneKind.rawValue, default: 0] += 1
        if !phoneKind.isSMSReachable {
            unreachable += 1
            unreachableByType[type.rawValue, default: 0] += 1
            unreachableByDetachment[detachmentCode, default: 0] += 1
        }
    }
}
