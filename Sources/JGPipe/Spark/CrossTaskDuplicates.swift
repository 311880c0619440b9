/// SPEC §0 duplicates whose copies fall into different Spark tasks, decided as a whole-file
/// read decides them (`DatasetLoader.stream`), in three worker steps around two shuffles:
///
///     task keys      (a task a chunk)  → <key hash> <chunk>          every distinct hash
///         Spark: GROUP BY hash HAVING count(DISTINCT chunk) > 1 → the suspect hashes (a folder)
///     task suspects  (a task a chunk)  → <hash> <line> <chunk> <row>  its valid rows of those hashes
///         Spark: a shuffle by hash (repartition), so each hash's rows meet in one task
///     task resolve   (a task a group of hashes) → D lines: each row's fate (a folder)
///
/// `DuplicateKeys.resolve` decides over all copies of a key in input order, as the embedded
/// read does over its suspects; each stage task then applies the fates of its own lines
/// (`ReadOptions.crossTaskDuplicates`) in place of what it decided over its copies alone.
public enum CrossTaskDuplicates {
    /// The fate of one row of a key found in several tasks.
    public enum Fate: Sendable {
        case keep
        /// An identical copy of an earlier row.
        case collapse
        /// A row of a key whose rows differ: rejected as DUPLICATE_KEY.
        case conflict(RejectedRow)
    }

    /// `task keys`: the chunk's distinct key hashes (a record without a key is rejected whatever
    /// else shares it: never a duplicate).
    public static func keys(_ task: ChunkTask, settings: PipelineSettings, inputDirectory: String) throws -> [String] {
        let (path, options) = try TaskDataset.reading(task, settings: settings, inputDirectory: inputDirectory)
        var last: UInt64? = DatasetLoader.keyHash(UnsafeBufferPointer(start: nil, count: 0))
        var lines: [String] = []
        for hash in try TaskDataset(task.dataset, settings: settings, inputDirectory: inputDirectory).keyHashes(path, options).sorted()
            where hash != last && hash != 0 {
            lines.append("\(hexHash(hash))\t\(task.chunk)")
            last = hash
        }
        return lines
    }

    /// `task suspects`: the chunk's valid records whose key hash is a suspect, with what
    /// `resolve` needs: their canonical fields (compared), the key's column names and the
    /// fields as read (for a DUPLICATE_KEY rejection).
    public static func suspects(_ task: ChunkTask, suspects: Set<UInt64>, settings: PipelineSettings,
                                inputDirectory: String) throws -> [String] {
        let (path, options) = try TaskDataset.reading(task, settings: settings, inputDirectory: inputDirectory)
        return try TaskDataset(task.dataset, settings: settings, inputDirectory: inputDirectory).suspectRows(path, options, suspects).map { row in
            [hexHash(row.hash), TaskLine.padded(row.line, width: 12), String(task.chunk),
             TaskLine.payload([row.keyNames, String(row.raw.count)] + row.raw + row.canonical)].joined(separator: "\t")
        }
    }

    /// `task resolve`: suspect rows of any number of hashes, each hash's rows all there
    /// → `D <chunk> <line> <k|c|x> <key names, key, fields as read>` for each.
    public static func resolve(_ lines: [Substring], dataset: String, settings: PipelineSettings,
                               inputDirectory: String) throws -> [String] {
        let keyColumns = try TaskDataset(dataset, settings: settings, inputDirectory: inputDirectory).keyColumns
        var out: [String] = []
        var group: [(line: Int, chunk: String, keyNames: String, raw: [String], canonical: [String])] = []
        func flush() {
            guard let width = group.first?.canonical.count else { return }
            let store = RowStore(width: width)
            for row in group { store.append(row.canonical) }
            let resolution = DuplicateKeys.resolve(store: store, keyColumns: keyColumns)
            let conflicting = Set(resolution.conflicting)
            for (i, row) in group.enumerated() {
                var fate = resolution.keep[i] ? "k" : "c"
                var values = [String]()
                if conflicting.contains(i) {
                    fate = "x"
                    values = [row.keyNames, keyColumns.map { store.field(i, $0) as String }.joined(separator: ", ")] + row.raw
                }
                out.append(["D", row.chunk, String(row.line), fate, TaskLine.payload(values)].joined(separator: "\t"))
            }
            group.removeAll()
        }
        var hash: Substring = ""
        // Spark's shuffle brings a hash's rows together; their order is set here, by hash and
        // line (both fixed width): the embedded read's input order.
        let sorted = lines.filter { !$0.isEmpty }.sorted { a, b in
            a.prefix(29).utf8.lexicographicallyPrecedes(b.prefix(29).utf8)
        }
        for line in sorted {
            let f = TaskLine.fields(line)
            guard f.count == 4, let number = Int(f[1]) else { throw TaskError("not a suspect row: \(line.prefix(200))") }
            let values = TaskLine.values(ofPayload: f[3])
            guard values.count >= 2, let rawCount = Int(values[1]), values.count >= 2 + rawCount else {
                throw TaskError("not a suspect row: \(line.prefix(200))")
            }
            if f[0] != hash { flush(); hash = f[0] }
            group.append((number, String(f[2]), values[0], Array(values[2..<(2 + rawCount)]), Array(values[(2 + rawCount)...])))
        }
        flush()
        return out
    }

    /// The fates of one chunk's lines from the `D` lines of a decisions folder.
    public static func fates(inFolder folder: String, chunk: Int) throws -> [Int: Fate] {
        var fates: [Int: Fate] = [:]
        let wanted = String(chunk)
        try SparkEngine.forEachLine(inParts: folder) { line in
            let f = TaskLine.fields(line)
            guard f.count == 5, f[0] == "D", let number = Int(f[2]) else { throw TaskError("not a decision: \(line.prefix(200))") }
            guard f[1] == wanted else { return }
            switch f[3] {
            case "k": fates[number] = .keep
            case "c": fates[number] = .collapse
            default:
                let values = TaskLine.values(ofPayload: f[4])
                guard values.count >= 2 else { throw TaskError("not a decision: \(line.prefix(200))") }
                fates[number] = .conflict(.duplicateKey(line: number, keyNames: values[0], key: values[1],
                                                        fields: Array(values[2...])))
            }
        }
        return fates
    }

    /// The suspect hashes a folder holds (one a line).
    public static func hashes(inFolder folder: String) throws -> Set<UInt64> {
        var hashes = Set<UInt64>()
        try SparkEngine.forEachLine(inParts: folder) { line in
            guard let hash = UInt64(line, radix: 16) else { throw TaskError("not a key hash: \(line.prefix(40))") }
            hashes.insert(hash)
        }
        return hashes
    }

    static func hexHash(_ hash: UInt64) -> String {
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

extension DuplicateDecisions {
    /// A task's own decisions, with the lines of keys found in other tasks too decided as
    /// `fates` says (those lines' local decisions saw only some of their key's copies).
    func replacing(_ fates: [Int: CrossTaskDuplicates.Fate]) -> DuplicateDecisions {
        var decisions = self
        for (line, fate) in fates {
            decisions.collapsedLines.remove(line)
            decisions.conflicting[line] = nil
            switch fate {
            case .keep: break
            case .collapse: decisions.collapsedLines.insert(line)
            case let .conflict(row): decisions.conflicting[line] = row
            }
        }
        return decisions
    }
}
