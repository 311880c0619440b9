/// Validated rows of a dataset read slice by slice (`DatasetLoader.stream`), in input order.
public struct ValidatedSlice<Record> {
    /// Valid records of the slice, duplicates resolved.
    public var records: [Record]
    /// Physical input line of each record.
    public var lines: [Int]
    /// Canonical fields of each record: `store.fields(i)` for `records[i]`.
    public var store: RowStore
    /// The slice's rejected rows, in line order (DUPLICATE_KEY ones at their own line).
    public var rejected: [RejectedRow]
}

/// What a streamed read reports once every slice has been handed over.
public struct StreamedDataset {
    public var header: HeaderMap
    public var counts: DatasetCounts
    public var parseCPUSeconds: Double
}

extension DatasetLoader {
    /// `load` in bounded memory, for row-local stages: the same validation and the same SPEC §0
    /// duplicate handling, but the valid rows are handed to `slice` a slice at a time (input
    /// order) and not kept. Duplicates are found before any row is handed over, without holding
    /// rows: a first pass hashes every record's key (8 bytes a record, while they are sorted);
    /// only when some hash repeats, a second pass validates just those records and decides
    /// which collapse and which conflict. The third pass validates on both cores and hands over.
    public static func stream<V: DatasetValidator>(path: String, validator: V, extraAliases: [String: [String]],
                                                   options: ReadOptions, progress: (Int) throws -> Void = { _ in },
                                                   header onHeader: (HeaderMap) throws -> Void = { _ in },
                                                   slice: (ValidatedSlice<V.Record>) throws -> Void) throws -> StreamedDataset {
        try stream(path: path, validator: validator, extraAliases: extraAliases, options: options, progress: progress,
                   header: onHeader, prepare: { _ in () }, slice: { part, _ in try slice(part) })
    }

    /// `stream` with a stage's per-row work split in two (issue #14 part 4): `prepare` runs on
    /// the thread that validated the part, both halves of a slice at once and beside `slice` for
    /// the part before (so it must only read: settings, the slice's own rows, tables built
    /// before the read); `slice` gets each part with what `prepare` made of it, in input order,
    /// on the calling thread (for what writes or counts in order).
    public static func stream<V: DatasetValidator, Prepared>(path: String, validator: V, extraAliases: [String: [String]],
                                                             options: ReadOptions, progress: (Int) throws -> Void = { _ in },
                                                             header onHeader: (HeaderMap) throws -> Void = { _ in },
                                                             prepare: @escaping (ValidatedSlice<V.Record>) -> Prepared,
                                                             slice: (ValidatedSlice<V.Record>, Prepared) throws -> Void)
        throws -> StreamedDataset {
        let suspects = try suspectRecords(path: path, validator: validator, extraAliases: extraAliases, options: options)
        let found = try suspects.isEmpty ? DuplicateDecisions()
            : decideDuplicates(path: path, suspects: suspects, validator: validator, extraAliases: extraAliases,
                               options: options)
        // A constant: both halves of every slice read it at once.
        let decisions = options.crossTaskDuplicates.map { found.replacing($0) } ?? found
        var counts = DatasetCounts()
        // Duplicates are resolved on the part's own thread too, before `prepare` sees the rows.
        var slices = SliceValidation(validator) { rows in
            var part = ValidatedSlice(records: rows.records, lines: rows.lines, store: rows.store, rejected: rows.rejected)
            let collapsed = decisions.isEmpty ? 0 : decisions.apply(to: &part)
            return (part: part, collapsed: collapsed, prepared: prepare(part))
        }
        // A read that stops early (an error, a stop request) must not leave a job running.
        defer { slices.waitForTheSliceInFlight() }
        func handOver(_ parts: [(part: ValidatedSlice<V.Record>, collapsed: Int, prepared: Prepared)]) throws {
            for (part, collapsed, prepared) in parts {
                counts.collapsedDuplicates += collapsed
                counts.cleaned += part.records.count
                counts.rejected += part.rejected.count
                for row in part.rejected { counts.rejectedByCode[row.code, default: 0] += 1 }
                try slice(part, prepared)
            }
        }
        let read = try DatasetFile.readBatches(path: path, schema: validator.schema, extraAliases: extraAliases,
                                               options: options) { map in
            slices.map = map
            try onHeader(map)
        } batch: { batch, records in
            let before = counts.inputRecords
            counts.inputRecords += records.count
            if before >> 14 != counts.inputRecords >> 14 { try progress(counts.inputRecords) }
            try slices.add(batch, records, handOver: handOver)
        }
        try slices.finish(handOver: handOver)
        return StreamedDataset(header: read.header, counts: counts, parseCPUSeconds: read.parseCPUSeconds)
    }

    /// The ordinals of the records whose key could repeat: those whose `suspectKeyHash`
    /// (equal for rows with equal canonical keys) occurs more than once.
    static func suspectRecords<V: DatasetValidator>(path: String, validator: V, extraAliases: [String: [String]],
                                                    options: ReadOptions) throws -> [Int] {
        let hashes = try keyHashes(path: path, validator: validator, extraAliases: extraAliases, options: options)
        let repeated = DuplicateKeys.repeatedValues(hashes)
        guard !repeated.isEmpty else { return [] }
        return hashes.indices.filter { repeated.contains(hashes[$0]) }
    }

    /// Every record's `suspectKeyHash`, in input order: the suspect pass, and a Spark task's
    /// part of the check for duplicates across tasks.
    static func keyHashes<V: DatasetValidator>(path: String, validator: V, extraAliases: [String: [String]],
                                               options: ReadOptions) throws -> [UInt64] {
        var hashes: [UInt64] = []
        var map: HeaderMap?
        _ = try DatasetFile.readBatches(path: path, schema: validator.schema, extraAliases: extraAliases,
                                        options: options) { header in
            map = header
        } batch: { batch, records in
            guard let map else { return }
            batch.withRawRows { raw in
                for r in records { hashes.append(validator.suspectKeyHash(raw[r], map: map)) }
            }
        }
        return hashes
    }

    /// FNV-1a of the key as `Text.normalizeCode` makes it, without a `String` for plain keys.
    static func keyHash(_ field: UnsafeBufferPointer<UInt8>) -> UInt64 {
        if Text.isNormalized(field, upper: false) {
            return FNV1a.hash(field.lazy.map { ASCII.isLower($0) ? $0 - 0x20 : $0 })
        }
        var key = Text.normalizeCode(String(decoding: field, as: UTF8.self))
        return key.withUTF8 { FNV1a.hash($0) }
    }

    /// The records `selected` picks (by ordinal among the file's records, and the raw row),
    /// validated as `load` validates them (a row rejected for itself is among `rows.rejected`),
    /// with each picked row's fields as read by line: the one pass of the duplicate checks that
    /// reads rows by key (`decideDuplicates`, the Spark engine's `task suspects`).
    static func validateSelected<V: DatasetValidator>(path: String, validator: V, extraAliases: [String: [String]],
                                                      options: ReadOptions,
                                                      selected: (Int, RawRow, HeaderMap) -> Bool) throws -> SelectedRows<V.Record>? {
        var picked: SelectedRows<V.Record>?
        var ordinal = 0
        _ = try DatasetFile.readBatches(path: path, schema: validator.schema, extraAliases: extraAliases,
                                        options: options) { header in
            picked = SelectedRows(map: header, rows: ValidatedRows(
                store: RowStore(width: validator.schema.columns.count + header.passThrough.count)))
        } batch: { batch, records in
            guard let map = picked?.map else { return }
            batch.withRawRows { raw in
                for r in records {
                    defer { ordinal += 1 }
                    let row = raw[r]
                    guard selected(ordinal, row, map) else { continue }
                    validate(row, map: map, validator: validator, into: &picked!.rows)
                    picked!.fieldsByLine[row.line] = row.fields
                }
            }
        }
        return picked
    }

    struct SelectedRows<Record> {
        let map: HeaderMap
        var rows: ValidatedRows<Record>
        var fieldsByLine: [Int: [String]] = [:]
    }

    /// Validates the suspect records (and only them) and resolves their duplicates as `load` does.
    static func decideDuplicates<V: DatasetValidator>(path: String, suspects: [Int], validator: V,
                                                      extraAliases: [String: [String]],
                                                      options: ReadOptions) throws -> DuplicateDecisions {
        var next = 0
        let picked = try validateSelected(path: path, validator: validator, extraAliases: extraAliases,
                                          options: options) { ordinal, _, _ in
            guard next < suspects.count, suspects[next] == ordinal else { return false }
            next += 1
            return true
        }
        let map = picked?.map, fieldsByLine = picked?.fieldsByLine ?? [:]
        let rows = picked?.rows
        guard let rows else { return DuplicateDecisions() }
        let resolution = DuplicateKeys.resolve(store: rows.store, keyColumns: validator.keyColumns)
        let keyNames = validator.keyColumns.map { column in
            map?.columnName(column, in: validator.schema) ?? validator.schema.columns[column].name
        }.joined(separator: "、")
        var decisions = DuplicateDecisions()
        for i in 0..<rows.store.count where !resolution.keep[i] { decisions.collapsedLines.insert(rows.lines[i]) }
        for i in resolution.conflicting {
            let line = rows.lines[i]
            decisions.collapsedLines.remove(line)
            decisions.conflicting[line] = .duplicateKey(
                line: line, keyNames: keyNames, key: validator.keyColumns.map { rows.store.field(i, $0) }.joined(separator: ", "),
                fields: fieldsByLine[line] ?? [])
        }
        return decisions
    }
}

/// The duplicate records of a streamed dataset, by input line: copies that collapse into an
/// earlier identical row, and rows of a key whose rows differ (all rejected).
struct DuplicateDecisions {
    var collapsedLines: Set<Int> = []
    var conflicting: [Int: RejectedRow] = [:]

    var isEmpty: Bool { collapsedLines.isEmpty && conflicting.isEmpty }

    /// Drops the slice's collapsing copies and turns its conflicting rows into DUPLICATE_KEY
    /// rejections; returns how many rows collapsed.
    func apply<Record>(to part: inout ValidatedSlice<Record>) -> Int {
        var keep = [Bool](repeating: true, count: part.records.count)
        var collapsed = 0
        for (k, line) in part.lines.enumerated() {
            if collapsedLines.contains(line) {
                keep[k] = false
                collapsed += 1
            } else if let rejected = conflicting[line] {
                keep[k] = false
                part.rejected.append(rejected)
            }
        }
        guard keep.contains(false) else { return 0 }
        DatasetLoader.compact(&part.records, keeping: keep)
        DatasetLoader.compact(&part.lines, keeping: keep)
        part.store.removeRows(keeping: keep)
        part.rejected.sort { $0.line < $1.line }
        return collapsed
    }
}
