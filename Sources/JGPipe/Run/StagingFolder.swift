/// The write side of a run: the staging folder its outputs are written into before they are
/// published (`OutputFolder`), the writers that stage files there, and the files staged.
public final class StagingFolder {
    public let directory: String
    public let encoding: OutputEncoding
    /// Digests of the output files, taken as they were written, for the manifest.
    public let digests = OutputDigests()
    /// The files staged, in the order they were opened.
    public private(set) var files: [String] = []

    public init(directory: String, encoding: OutputEncoding) {
        self.directory = directory
        self.encoding = encoding
    }

    /// Files another engine wrote into the folder (`SparkEngine`), their digests recorded.
    func adopt(_ written: [String]) { files += written }

    /// Opens an output CSV in the staging folder and writes its header row. The writer records
    /// the file's digest in `digests` when it is closed.
    public func csv(_ fileName: String, header: [String], writeBehind: Bool = false) throws -> CSVWriter {
        let writer = try CSVWriter(path: directory + "/" + fileName, encoding: encoding, digests: digests,
                                   writeBehind: writeBehind)
        try writer.writeRow(header)
        files.append(fileName)
        return writer
    }

    /// `<dataset>.rejected.csv`: line, error_code, error, then the original fields as read.
    public func writeRejected(_ dataset: String, header: HeaderMap, rows: [RejectedRow]) throws -> RejectionDigest {
        let file = try openRejected(dataset, header: header)
        try file.write(rows)
        return try file.close()
    }

    /// `<dataset>.rejected.csv` written as rows come (a streamed stage); `close` it at the end.
    public func openRejected(_ dataset: String, header: HeaderMap) throws -> RejectedFile {
        RejectedFile(writer: try csv("\(dataset).rejected.csv", header: RejectedRow.leadingColumns + header.header),
                     digest: RejectionDigest(dataset: dataset, header: header.header))
    }

    /// `<dataset>.cleaned.csv`: schema columns, `added` columns, then pass-through. `row(i)`
    /// returns new values for the schema columns listed in `replacing`, then the added columns;
    /// every other field is copied from the store as bytes.
    public func writeCleaned<Record>(_ loaded: LoadedDataset<Record>, schema: DatasetSchema, added: [String],
                                     replacing: [Int] = [], row: (Int) -> [String]) throws {
        let writer = try openCleaned(header: loaded.header, schema: schema, added: added)
        try Self.writeCleanedRows(loaded.store, count: loaded.records.count, schemaWidth: schema.columns.count,
                                  replacing: replacing, added: added.count, to: writer, values: row) {
            values, k, first in writer.appendField(values[k], first: first)
        }
        try writer.close()
    }

    /// Opens `<dataset>.cleaned.csv` and writes its header, for `writeCleanedRows` (which may
    /// then run on another thread: it does not touch the folder). The largest outputs: hashed
    /// and written on a thread of their own while the rows are made.
    public func openCleaned(header: HeaderMap, schema: DatasetSchema, added: [String]) throws -> CSVWriter {
        try csv("\(schema.name).cleaned.csv", header: schema.columnNames + added + header.passThroughNames,
                writeBehind: true)
    }

    /// The rows of a cleaned file, SPEC column order: each store field copied as bytes, except
    /// the schema columns in `replacing`, whose values come from `values(i)`, as do the `added`
    /// columns after the schema columns; then the pass-through fields. `append(v, k, first)`
    /// writes the k-th of the row's new values `v` (the replaced columns in order, then the added).
    public static func writeCleanedRows<Values>(_ store: RowStore, count: Int, schemaWidth: Int, replacing: [Int],
                                                added: Int, to writer: CSVWriter, values: (Int) -> Values,
                                                append: (Values, Int, Bool) -> Void) throws {
        try store.withFields { fields in
            for i in 0..<count {
                let rowValues = values(i)
                var next = 0
                for column in 0..<schemaWidth {
                    if next < replacing.count && replacing[next] == column {
                        append(rowValues, next, column == 0)
                        next += 1
                    } else {
                        writer.appendField(bytes: fields.field(i, column), first: column == 0)
                    }
                }
                for k in replacing.count..<(replacing.count + added) { append(rowValues, k, false) }
                for column in schemaWidth..<store.width {
                    writer.appendField(bytes: fields.field(i, column), first: false)
                }
                try writer.endRow()
            }
        }
    }
}
