import Glibc

/// A dataset cut into Spark tasks, with its stage's validator: what the key passes
/// (`CrossTaskDuplicates`) read with the same validation and key as the stage.
struct TaskDataset {
    let keyHashes: (String, ReadOptions) throws -> [UInt64]
    let suspectRows: (String, ReadOptions, Set<UInt64>) throws -> [SuspectRow]
    let keyColumns: [Int]

    struct SuspectRow {
        var hash: UInt64
        var line: Int
        var keyNames: String
        var raw: [String]
        var canonical: [String]
    }

    init(_ dataset: String, settings: PipelineSettings, inputDirectory: String) throws {
        switch dataset {
        case "vehicles":
            let closed = try VehicleSettings(settings.root.table("vehicles")).closedStatuses
            try self.init(VehicleValidator(closedStatuses: closed), settings: settings)
        case "exam_enrollments": try self.init(ExamEnrollmentValidator(), settings: settings)
        case "driver_licences": try self.init(DriverLicenceValidator(), settings: settings)
        // Accounts are checked against the units: a row of an unknown unit is rejected for
        // itself, no copy (SPEC §1).
        case "unit_accounts":
            let units = try UnitAccountTasks.Units(settings: settings, inputDirectory: inputDirectory)
            try self.init(UnitAccountValidator(units: units.index), settings: settings)
        default: throw TaskError("the Spark engine does not cut \(dataset) into tasks")
        }
    }

    init<V: DatasetValidator>(_ validator: V, settings: PipelineSettings) throws {
        let aliases = try settings.extraAliases(for: validator.schema)
        keyColumns = validator.keyColumns
        keyHashes = { path, options in
            try DatasetLoader.keyHashes(path: path, validator: validator, extraAliases: aliases, options: options)
        }
        suspectRows = { path, options, suspects in
            var hashByLine: [Int: UInt64] = [:]
            guard let picked = try DatasetLoader.validateSelected(path: path, validator: validator, extraAliases: aliases,
                                                                  options: options, selected: { _, row, map in
                let hash = validator.suspectKeyHash(row, map: map)
                guard suspects.contains(hash) else { return false }
                hashByLine[row.line] = hash
                return true
            }) else { return [] }
            let keyNames = validator.keyColumns.map { picked.map.columnName($0, in: validator.schema) }.joined(separator: "、")
            // A row rejected for itself is no copy: only the valid ones.
            return picked.rows.lines.enumerated().map { i, line in
                SuspectRow(hash: hashByLine[line]!, line: line, keyNames: keyNames, raw: picked.fieldsByLine[line] ?? [],
                           canonical: picked.rows.store.fields(i))
            }
        }
    }

    /// The task's file and how to read its part of it: the task's byte ranges (after the
    /// header) and the file's encoding, decided once for the whole file.
    static func reading(_ task: ChunkTask, settings: PipelineSettings,
                        inputDirectory: String) throws -> (String, ReadOptions) {
        let path = inputDirectory + "/" + settings.inputFile(for: task.dataset)
        var options = settings.read
        guard !StageTask.wholeFileDatasets.contains(task.dataset) else { return (path, options) }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw TaskError("\(path): cannot open: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var info = stat()
        fstat(fd, &info)
        options.encoding = task.encoding
        options.segments = try task.segments(fd: fd, fileSize: Int(info.st_size), delimiter: settings.read.delimiter)
        return (path, options)
    }
}
