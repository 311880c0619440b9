import Glibc

/// How one dataset's rows become typed records (one conformance per dataset).
public protocol DatasetValidator: Sendable {
    associatedtype Record: Sendable
    var schema: DatasetSchema { get }
    /// The typed record and the row's canonical values: schema columns normalised, then
    /// pass-through as read; the first schema column is the dataset's key (SPEC §0
    /// "Duplicates"). Field checks run in schema column order, then cross-file checks; the first
    /// failure names the row's error (SPEC §0 "Error codes").
    func validateRow(_ row: SchemaRow) throws(FieldError) -> (record: Record, canonical: [String])
    /// The byte-level fast path for the common row: when every field is valid and already in its
    /// canonical form, appends the canonical fields to `store` as one row and returns the record;
    /// otherwise returns nil with `store` untouched and `validateRow` takes the row (and names its
    /// error). On the rows it accepts it must agree with `validateRow` exactly.
    func validateRaw(_ row: RawRow, map: HeaderMap, into store: RowStore) -> Record?
    /// Called a few rows before `validateRaw` sees `row`: a validator that looks rows up in big
    /// tables starts loading the entry here.
    func prefetch(_ row: RawRow, map: HeaderMap)
    /// The schema columns that make the key, when it is not the first column alone.
    var keyColumns: [Int] { get }
    /// The streamed path's first pass (`DatasetLoader.stream`): a hash of the row's key, read
    /// from its bytes before validation, that is equal for every two rows whose canonical keys
    /// are equal (unequal keys may share one: their rows are only looked at again). The default
    /// hashes the first key column as `Text.normalizeCode` makes it; a key whose canonical form
    /// converts more than that (a 15-digit identity number, a plate with separators) says how.
    func suspectKeyHash(_ row: RawRow, map: HeaderMap) -> UInt64
}

extension DatasetValidator {
    public var keyColumns: [Int] { [0] }
    public func suspectKeyHash(_ row: RawRow, map: HeaderMap) -> UInt64 {
        DatasetLoader.keyHash(row.column(keyColumns[0], map))
    }
    public func validateRaw(_ row: RawRow, map: HeaderMap, into store: RowStore) -> Record? { nil }
    public func prefetch(_ row: RawRow, map: HeaderMap) {}
}

/// A validator whose canonical values can be written from the record and the row.
public protocol RecordValidator: DatasetValidator {
    func validate(_ row: SchemaRow) throws(FieldError) -> Record
    func canonicalFields(_ record: Record, _ row: SchemaRow) -> [String]
}

extension RecordValidator {
    public func validateRow(_ row: SchemaRow) throws(FieldError) -> (record: Record, canonical: [String]) {
        let record = try validate(row)
        return (record, canonicalFields(record, row))
    }
}

/// A dataset after validation and duplicate handling.
public struct LoadedDataset<Record> {
    /// Valid records in input order.
    public var records: [Record]
    /// Physical input line of each record.
    public var lines: [Int]
    /// Canonical fields of each record: `store.fields(i)` for `records[i]`.
    public var store: RowStore
    public var rejected: [RejectedRow]
    public var counts: DatasetCounts
    public var header: HeaderMap
    /// CPU time of decoding and parsing alone (the benchmark's parse stage).
    public var parseCPUSeconds = 0.0
}

public enum DatasetLoader {
    public static func load<V: DatasetValidator>(path: String, validator: V, extraAliases: [String: [String]],
                                                 options: ReadOptions,
                                                 progress: (Int) throws -> Void = { _ in }) throws -> LoadedDataset<V.Record> {
        var records: [V.Record] = []
        var lines: [Int] = []
        var store = RowStore(width: 0)
        var rejected: [RejectedRow] = []
        var counts = DatasetCounts()

        // Rows are validated in slices on both cores (validation is pure), then kept in input order.
        var slices = SliceValidation(validator)
        // A read that stops early (an error, a stop request) must not leave a job running.
        defer { slices.waitForTheSliceInFlight() }
        var reserved = false
        func keep(_ validated: [ValidatedRows<V.Record>]) {
            for slice in validated {
                records.append(contentsOf: slice.records)
                lines.append(contentsOf: slice.lines)
                store.append(contentsOf: slice.store)
                rejected.append(contentsOf: slice.rejected)
            }
            if !reserved { reserveForWholeFile() }
        }

        /// After the first slice: the file's size over the bytes a row takes gives the row count.
        func reserveForWholeFile() {
            reserved = true
            var info = stat()
            guard stat(path, &info) == 0, store.count > 0 else { return }
            let bytesPerRow = max(16, store.byteCount / store.count)
            let rows = Int(info.st_size) / bytesPerRow * 5 / 4
            records.reserveCapacity(rows)
            lines.reserveCapacity(rows)
            store.reserve(rows: rows, bytes: Int(info.st_size) * 5 / 4)
        }

        let read = try DatasetFile.readBatches(path: path, schema: validator.schema, extraAliases: extraAliases,
                                               options: options) { map in
            slices.map = map
            store = RowStore(width: validator.schema.columns.count + map.passThrough.count)
        } batch: { batch, records in
            let before = counts.inputRecords
            counts.inputRecords += records.count
            // `progress` may throw to stop the read (a stop request, see `StopRequest`).
            if before >> 14 != counts.inputRecords >> 14 { try progress(counts.inputRecords) }
            try slices.add(batch, records, handOver: keep)
        }
        try slices.finish(handOver: keep)
        let header = read.header

        let resolution = DuplicateKeys.resolve(store: store, keyColumns: validator.keyColumns)
        if !resolution.conflicting.isEmpty {
            // Rejected rows carry the fields as read, which only the file still has.
            let keyNames = validator.keyColumns.map { header.columnName($0, in: validator.schema) }.joined(separator: "、")
            let wanted = Dictionary(uniqueKeysWithValues: resolution.conflicting.map { row in
                (lines[row], validator.keyColumns.map { store.field(row, $0) }.joined(separator: ", "))
            })
            try DatasetFile.read(path: path, schema: validator.schema, extraAliases: extraAliases, options: options) { row in
                if let key = wanted[row.line] {
                    rejected.append(.duplicateKey(line: row.line, keyNames: keyNames, key: key, fields: row.fields))
                }
            }
        }
        if resolution.keep.contains(false) {
            compact(&records, keeping: resolution.keep)
            compact(&lines, keeping: resolution.keep)
            store.removeRows(keeping: resolution.keep)
        }
        var kept = LoadedDataset(records: records, lines: lines, store: store, rejected: [],
                                 counts: counts, header: header, parseCPUSeconds: read.parseCPUSeconds)
        kept.rejected = rejected.sorted { $0.line < $1.line }
        kept.counts.cleaned = kept.records.count
        kept.counts.rejected = kept.rejected.count
        kept.counts.collapsedDuplicates = resolution.collapsed
        for row in kept.rejected { kept.counts.rejectedByCode[row.code, default: 0] += 1 }
        return kept
    }

    static let sliceRows = 8192
    /// How many rows ahead `DatasetValidator.prefetch` runs: enough for the misses to overlap.
    static let prefetchDistance = 8

    /// Keeps the elements where `keep` is true, in place (no second array of a dump's size).
    static func compact<T>(_ array: inout [T], keeping keep: [Bool]) {
        var kept = 0
        for i in array.indices where keep[i] {
            if kept != i { array.swapAt(kept, i) }
            kept += 1
        }
        array.removeLast(array.count - kept)
    }

    /// Part of a slice after validation: the valid rows in input order, and the rejected ones.
    struct ValidatedRows<Record> {
        var records: [Record] = []
        var lines: [Int] = []
        var store: RowStore
        var rejected: [RejectedRow] = []
    }

    /// Validates the records of `batches` in two halves at once, each on the thread that reads
    /// its records' bytes; the halves come back in input order.
    static func validateInParallel<V: DatasetValidator, Out>(_ batches: [(batch: RecordBatch, records: Range<Int>)],
                                                             map: HeaderMap, validator: V,
                                                             then: (ValidatedRows<V.Record>) -> Out) -> [Out] {
        let total = batches.reduce(0) { $0 + $1.records.count }
        let halves = total < 512 ? 1 : 2
        let size = (total + halves - 1) / halves
        let width = validator.schema.columns.count + map.passThrough.count
        return inHalves(halves) { half in
            var rows = ValidatedRows<V.Record>(store: RowStore(width: width))
            let mine = (half * size)..<min(total, (half + 1) * size)
            var offset = 0
            for (batch, records) in batches {
                let overlap = mine.clamped(to: offset..<(offset + records.count))
                if !overlap.isEmpty {
                    batch.withRawRows { raw in
                        let first = records.lowerBound - offset
                        for k in overlap {
                            if k + prefetchDistance < overlap.upperBound {
                                validator.prefetch(raw[first + k + prefetchDistance], map: map)
                            }
                            validate(raw[first + k], map: map, validator: validator, into: &rows)
                        }
                    }
                }
                offset += records.count
            }
            return then(rows)
        }
    }

    /// One record: the byte-level path first, the string path for whatever it hands over.
    static func validate<V: DatasetValidator>(_ raw: RawRow, map: HeaderMap, validator: V,
                                              into rows: inout ValidatedRows<V.Record>) {
        let line = raw.line
        if raw.fieldCount == map.header.count, let record = validator.validateRaw(raw, map: map, into: rows.store) {
            rows.records.append(record)
            rows.lines.append(line)
            return
        }
        let fields = raw.fields
        guard fields.count == map.header.count else {
            rows.rejected.append(RejectedRow(line: line, code: .fieldCount,
                                             message: "字段数应为 \(map.header.count)（与表头相同），实为 \(fields.count)",
                                             fields: fields))
            return
        }
        do throws(FieldError) {
            let (record, canonical) = try validator.validateRow(SchemaRow(row: InputRow(line: line, fields: fields), map: map,
                                                                          schema: validator.schema))
            rows.records.append(record)
            rows.lines.append(line)
            rows.store.append(canonical)
        } catch {
            rows.rejected.append(RejectedRow(line: line, code: error.code, message: error.message, fields: fields))
        }
    }
}

/// Batches gathered into slices of `DatasetLoader.sliceRows` records, each validated in the
/// background (two halves at once) while the slice before it is handed over, in input order:
/// the one slice pipeline of `DatasetLoader.load` and `DatasetLoader.stream`. `perHalf` runs on
/// each half's thread right after its validation (a streamed stage's per-row decisions, issue
/// #14 part 4), so it must only read what the other half and the hand-over may read too.
struct SliceValidation<V: DatasetValidator, Out> {
    let validator: V
    /// Set from the header, before the first batch.
    var map: HeaderMap?
    private let perHalf: (DatasetLoader.ValidatedRows<V.Record>) -> Out
    private var pending: [(batch: RecordBatch, records: Range<Int>)] = []
    private var pendingCount = 0
    private var inFlight: BackgroundJob<[Out]>?

    init(_ validator: V, perHalf: @escaping (DatasetLoader.ValidatedRows<V.Record>) -> Out) {
        self.validator = validator
        self.perHalf = perHalf
    }

    /// Adds a batch's records; once they fill a slice, starts validating it and hands over the
    /// slice before it.
    mutating func add(_ batch: RecordBatch, _ records: Range<Int>, handOver: ([Out]) throws -> Void) throws {
        pending.append((batch, records))
        pendingCount += records.count
        if pendingCount >= DatasetLoader.sliceRows { try validatePending(handOver) }
    }

    /// Hands over what is left: the last slice, after the one in flight.
    mutating func finish(handOver: ([Out]) throws -> Void) throws {
        try validatePending(handOver)
        if let last = inFlight {
            inFlight = nil
            try handOver(try last.wait())
        }
    }

    /// For a read that stops early (an error, a stop request): no job is left running.
    func waitForTheSliceInFlight() {
        _ = try? inFlight?.wait()
    }

    private mutating func validatePending(_ handOver: ([Out]) throws -> Void) throws {
        guard let map, pendingCount > 0 else { return }
        let batches = pending, validator = validator, perHalf = perHalf
        let job = BackgroundJob(.sharedPool) {
            DatasetLoader.validateInParallel(batches, map: map, validator: validator, then: perHalf)
        }
        pending.removeAll(keepingCapacity: true)
        pendingCount = 0
        let previous = inFlight
        inFlight = job
        if let previous { try handOver(try previous.wait()) }
    }
}

extension SliceValidation where Out == DatasetLoader.ValidatedRows<V.Record> {
    /// The validated rows themselves (`DatasetLoader.load`).
    init(_ validator: V) {
        self.init(validator) { $0 }
    }
}
