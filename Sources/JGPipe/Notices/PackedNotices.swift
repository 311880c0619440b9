import Glibc

/// Notices as bytes while they wait to be sorted: one buffer, a record per notice, instead of a
/// `Notice` with eleven `String`s (≈ 690 bytes a notice with their allocations; ≈ 350 here).
///
/// A record is `varint(body length)`, then its sort key (`varint(length)`, bytes: SPEC §4 order,
/// see `appendKey`; both lengths in four bytes), then the `Notice.columns` in order, each `varint(length)` and
/// the field's UTF-8 bytes as `notifications.csv` shows them. Records are written to spilled runs
/// as they are, so a run file is the same records one after another.
struct PackedNotices {
    private(set) var bytes: [UInt8] = []
    /// Where each record begins in `bytes`.
    private var starts: [Int] = []

    var count: Int { starts.count }
    /// The memory the records hold (bytes and offsets), against the collector's budget.
    var byteCount: Int { bytes.count + starts.count * MemoryLayout<Int>.stride }

    /// Room for `count` bytes of records, so that the buffer does not grow by doubling (a copy
    /// that would hold the old and the new buffer at once).
    mutating func reserve(bytes count: Int) {
        bytes.reserveCapacity(count)
    }

    mutating func append(_ notice: Notice) {
        let start = bytes.count
        starts.append(start)
        // The body's and the key's lengths are written in four varint bytes each once known,
        // so the record is built in place.
        bytes.append(contentsOf: [0, 0, 0, 0, 0, 0, 0, 0])
        Self.appendKey(of: notice, to: &bytes)
        Self.putVarint4(bytes.count - start - 8, at: start + 4, in: &bytes)
        for field in notice.fields {
            Self.appendVarint(field.utf8.count, to: &bytes)
            bytes.append(contentsOf: field.utf8)
        }
        Self.putVarint4(bytes.count - start - 4, at: start, in: &bytes)
    }

    /// Record `k`'s bytes, length prefix included (for `append(record:)`).
    func record(_ k: Int) -> ArraySlice<UInt8> {
        bytes[starts[k]..<(k + 1 < starts.count ? starts[k + 1] : bytes.count)]
    }

    /// A record another `PackedNotices` made (`NoticeBatch`), as it is.
    mutating func append(record: ArraySlice<UInt8>) {
        starts.append(bytes.count)
        bytes.append(contentsOf: record)
    }

    /// A varint of exactly four bytes (values below 2^28; a record is far smaller).
    private static func putVarint4(_ value: Int, at offset: Int, in bytes: inout [UInt8]) {
        precondition(value < 1 << 28, "a notice of more than 256 MiB")
        bytes[offset] = UInt8(truncatingIfNeeded: value) | 0x80
        bytes[offset + 1] = UInt8(truncatingIfNeeded: value >> 7) | 0x80
        bytes[offset + 2] = UInt8(truncatingIfNeeded: value >> 14) | 0x80
        bytes[offset + 3] = UInt8(truncatingIfNeeded: value >> 21)
    }

    /// SPEC §4 order: detachment_code, notice_type, recipient_id, record_id, then due_on; the
    /// fields joined by U+0001, which sorts below every character they hold, so that the joined
    /// key orders as the fields do one after another, compared with `memcmp`.
    private static func appendKey(of notice: Notice, to key: inout [UInt8]) {
        key.append(contentsOf: notice.detachmentCode.utf8)
        for field in [notice.type.rawValue, notice.recipientID, notice.recordID, notice.dueOn.iso] {
            key.append(0x01)
            key.append(contentsOf: field.utf8)
        }
    }

    static func appendVarint(_ value: Int, to bytes: inout [UInt8]) {
        var value = UInt(value)
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    /// The records' indices in SPEC §4 order; equal keys in the order they were added. The two
    /// halves of the records are sorted at once, one on each core, then merged (the finish of a
    /// run waits for this sort): keys and then indices order every two records, so the merge,
    /// which takes the first half's record on equal keys, gives the one order a single sort gives.
    func order() -> [Int] {
        bytes.withUnsafeBufferPointer { bytes in
            starts.withUnsafeBufferPointer { starts in
                // Each key found once, not twice a comparison.
                let keys = starts.map { PackedNotice(record: UnsafeBufferPointer(rebasing: bytes[$0...])).key }
                func key(_ i: Int) -> UnsafeBufferPointer<UInt8> { keys[i] }
                let n = starts.count, middle = n / 2
                let halves = inHalves(n < 4096 ? 1 : 2) { half in
                    var order = Array(n < 4096 ? 0..<n : half == 0 ? 0..<middle : middle..<n)
                    order.sort { a, b in
                        let c = PackedNotice.compare(key(a), key(b))
                        return c != 0 ? c < 0 : a < b
                    }
                    return order
                }
                guard halves.count == 2 else { return halves[0] }
                let first = halves[0], second = halves[1]
                var order: [Int] = []
                order.reserveCapacity(n)
                var i = 0, j = 0
                while i < first.count && j < second.count {
                    if PackedNotice.compare(key(second[j]), key(first[i])) < 0 {
                        order.append(second[j])
                        j += 1
                    } else {
                        order.append(first[i])
                        i += 1
                    }
                }
                order.append(contentsOf: first[i...])
                order.append(contentsOf: second[j...])
                return order
            }
        }
    }

    /// Calls `body` with record `i`'s bytes (length prefix included), for each `i` of `order`.
    func forEachRecord(in order: [Int], _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        try bytes.withUnsafeBufferPointer { bytes in
            for i in order {
                let end = i + 1 < starts.count ? starts[i + 1] : bytes.count
                try body(UnsafeBufferPointer(rebasing: bytes[starts[i]..<end]))
            }
        }
    }

    mutating func removeAll(keepingCapacity: Bool = false) {
        bytes.removeAll(keepingCapacity: keepingCapacity)
        starts.removeAll(keepingCapacity: keepingCapacity)
    }
}

/// One packed record (`PackedNotices`), read in place.
struct PackedNotice {
    /// The record from its length prefix; may run on past the record's end.
    let record: UnsafeBufferPointer<UInt8>

    /// The length of the whole record, prefix included, or nil when `record` holds only part of it.
    static func recordLength(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var offset = 0
        guard let body = readVarint(bytes, &offset), offset + body <= bytes.count else { return nil }
        return offset + body
    }

    var key: UnsafeBufferPointer<UInt8> { fieldAfter(skipping: 0) }

    /// Column `k` of `Notice.columns`.
    func field(_ k: Int) -> UnsafeBufferPointer<UInt8> { fieldAfter(skipping: k + 1) }

    /// The `Notice.columns` in order, each with its index.
    func forEachField(_ body: (Int, UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        var offset = 0
        _ = Self.readVarint(record, &offset)
        offset += Self.readVarint(record, &offset)!
        for k in Notice.columns.indices {
            let length = Self.readVarint(record, &offset)!
            try body(k, UnsafeBufferPointer(rebasing: record[offset..<(offset + length)]))
            offset += length
        }
    }

    func string(_ k: Int) -> String { String(decoding: field(k), as: UTF8.self) }

    private func fieldAfter(skipping fields: Int) -> UnsafeBufferPointer<UInt8> {
        var offset = 0
        _ = Self.readVarint(record, &offset)
        for _ in 0..<fields {
            let length = Self.readVarint(record, &offset)!
            offset += length
        }
        let length = Self.readVarint(record, &offset)!
        return UnsafeBufferPointer(rebasing: record[offset..<(offset + length)])
    }

    private static func readVarint(_ bytes: UnsafeBufferPointer<UInt8>, _ offset: inout Int) -> Int? {
        var value = 0, shift = 0
        while offset < bytes.count {
            let byte = bytes[offset]
            offset += 1
            value |= Int(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
            if shift > 56 { return nil }
        }
        return nil
    }

    /// `memcmp` order, a key before the longer keys it begins.
    static func compare(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Int {
        let common = min(x.count, y.count)
        let c = common == 0 ? 0 : Int(memcmp(x.baseAddress!, y.baseAddress!, common))
        return c != 0 ? c : x.count - y.count
    }
}

extension Notice {
    /// The notice a packed record holds, for the few uses that need one whole (`LegacyNoticeIDs`).
    init(_ packed: PackedNotice) {
        type = NoticeType(rawValue: packed.string(1))!
        detachmentCode = packed.string(2)
        recipientType = RecipientType(rawValue: packed.string(3))!
        recipientID = packed.string(4)
        recipientName = packed.string(5)
        phone = packed.string(6)
        phoneKind = PhoneKind(rawValue: packed.string(7))!
        recordID = packed.string(8)
        dueOn = try! CalendarDate(parsing: packed.string(9))
        message = packed.string(10)
        servicePoint = ServicePointGuide.Point(fields: packed.string(11), packed.string(12), packed.string(13),
                                               packed.string(14))
        id = packed.string(0)
    }
}
