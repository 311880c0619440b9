import Glibc
import JGPipe

// libFuzzer entry point over jgpipe's input layer: decoder, CSV reader, header map, and the
// validation of every dataset through `DatasetLoader`.
//
// An input is two control bytes and a file:
//   byte 0, bits 0-1: encoding (0 auto, 1 utf-8, 2 gb18030, 3 auto)
//           bits 2-3: dataset (units, unit_accounts, exam_enrollments, vehicles)
//           bit 4:    a small field cap (300 bytes) instead of 1 MiB
//   byte 1:           read size for the chunked pass, 1…256 bytes
//   the rest:         the file's bytes
//
// Besides crashes (traps, AddressSanitizer), the harness aborts when an oracle fails:
// - reading in small pieces gives the same records (or the same error) as one read;
// - the loader reads the same number of records as the reader, every record ends cleaned,
//   rejected or collapsed (SPEC §0 "Conservation"), and the loader's result does not depend
//   on `ReadOptions.chunkBytes`;
// - the loader fails only for a file that is unusable as a whole (no header, a header that
//   does not map, or a reader error).

struct Record: Equatable {
    let line: Int
    let fields: [String]
}

enum Outcome: Equatable {
    case records([Record])
    case failed(String)
}

/// Decodes and parses `body` fed in pieces of `chunk` bytes; returns the encoding decided.
func parse(_ body: UnsafeRawBufferPointer, chunk: Int, encoding: InputEncoding,
           maxFieldBytes: Int) -> (Outcome, InputEncoding) {
    let decoder = StreamDecoder(encoding: encoding)
    let reader = CSVReader(maxFieldBytes: maxFieldBytes)
    var records: [Record] = []
    let take: (RecordBatch) -> Void = { batch in
        for r in 0..<batch.count { records.append(Record(line: batch.records[r].line, fields: batch.fields(r))) }
    }
    do {
        var offset = 0
        while offset < body.count {
            let end = min(offset + chunk, body.count)
            try decoder.decode(UnsafeRawBufferPointer(rebasing: body[offset..<end]), final: false) { try reader.parse($0, take) }
            offset = end
        }
        try decoder.decode(UnsafeRawBufferPointer(start: nil, count: 0), final: true) { try reader.parse($0, take) }
        try reader.finish(take)
    } catch let failure as StreamDecoder.Failure {
        return (.failed("decoder \(failure.line):\(failure.column) \(failure.message)"), decoder.encoding)
    } catch {
        return (.failed("reader \(error)"), decoder.encoding)
    }
    return (.records(records), decoder.encoding)
}

func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition {
        var text = "ORACLE FAILED: \(message())\n"
        text.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
        abort()
    }
}

/// The loader's result in a comparable form.
struct Loaded: Equatable {
    let counts: DatasetCounts
    let rejected: [String]
    let cleaned: [[String]]
    let lines: [Int]
}

func load(_ dataset: Int, path: String, options: ReadOptions) -> Result<Loaded, InputFileError> {
    func run<V: DatasetValidator>(_ validator: V) throws -> Loaded {
        let loaded = try DatasetLoader.load(path: path, validator: validator, extraAliases: [:], options: options)
        return Loaded(counts: loaded.counts,
                      rejected: loaded.rejected.map { "\($0.line) \($0.code.rawValue) \($0.message) \($0.fields)" },
                      cleaned: (0..<loaded.store.count).map { loaded.store.fields($0) }, lines: loaded.lines)
    }
    do {
        switch dataset {
        case 0: return .success(try run(UnitValidator()))
        case 1: return .success(try run(UnitAccountValidator(units: knownUnits)))
        case 2: return .success(try run(ExamEnrollmentValidator()))
        default: return .success(try run(VehicleValidator()))
        }
    } catch let error as InputFileError {
        return .failure(error)
    } catch {
        check(false, "the loader threw something other than InputFileError: \(error)")
        fatalError()
    }
}

func schema(_ dataset: Int) -> DatasetSchema {
    switch dataset {
    case 0: UnitValidator.schema
    case 1: UnitAccountValidator.schema
    case 2: ExamEnrollmentValidator().schema
    default: VehicleValidator().schema
    }
}

/// The unit codes of both sample sets, so account rows of the seed corpus can pass.
let knownUnits: UnitIndex = {
    let codes = ["91440106MA5UA00013", "91440305MA5UA00022", "91440106MA5UA0009U", "91310115MA5UA00037",
                 "91440106MA5UA0004C", "91440305MA5UA0005B", "91440106MA5UA00102", "91310115MA5UA0006G",
                 "91310104MA5UA0007M", "91440303MA5UA0008P", "91440106MA5UB0011U", "91440305MA5UB0012T",
                 "91310115MA5UB00130", "91440106MA5UB0017E", "91440111MA5UB0014C", "91440305MA5UB00154"]
    return UnitIndex(codes: codes)
}()

let scratchPath = "/dev/shm/jgpipe-fuzz-\(getpid()).csv"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size >= 2 else { return 0 }
    let control = data[0]
    let encoding: InputEncoding = [.auto, .utf8, .gb18030, .auto][Int(control & 3)]
    let dataset = Int(control >> 2 & 3)
    let maxFieldBytes = control & 0x10 != 0 ? 300 : 1 << 20
    let chunk = Int(data[1]) + 1
    let body = UnsafeRawBufferPointer(start: data + 2, count: size - 2)

    // 1. The same bytes read at once and in pieces.
    let (whole, decided) = parse(body, chunk: max(body.count, 1), encoding: encoding, maxFieldBytes: maxFieldBytes)
    let (pieces, _) = parse(body, chunk: chunk, encoding: encoding, maxFieldBytes: maxFieldBytes)
    if encoding == .auto {
        // `auto` decides at the first non-ASCII byte over what has been read so far, so small
        // reads may decide differently on a file that mixes encodings; with the encoding the
        // whole read decided, the pieces must agree, and two successes must agree anyway.
        let (explicit, _) = parse(body, chunk: chunk, encoding: decided == .auto ? .utf8 : decided, maxFieldBytes: maxFieldBytes)
        check(explicit == whole, "read size \(chunk) with \(decided): \(explicit) vs one read: \(whole)")
        if case .records = pieces, case .records = whole {
            check(pieces == whole, "auto, read size \(chunk): \(pieces) vs one read: \(whole)")
        }
    } else {
        check(pieces == whole, "read size \(chunk): \(pieces) vs one read: \(whole)")
    }

    // 2. The loader over a file holding the same bytes, with two read sizes.
    let fd = open(scratchPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    check(fd >= 0, "cannot create \(scratchPath)")
    check(write(fd, body.baseAddress, body.count) == body.count || body.count == 0, "cannot write \(scratchPath)")
    close(fd)
    var options = ReadOptions()
    options.encoding = decided == .auto ? .utf8 : decided
    options.maxFieldBytes = maxFieldBytes
    let big = load(dataset, path: scratchPath, options: options)
    options.chunkBytes = chunk
    let small = load(dataset, path: scratchPath, options: options)
    switch (big, small) {
    case let (.success(a), .success(b)):
        check(a == b, "loader, chunkBytes \(chunk) differs from 1 MiB")
    case let (.failure(a), .failure(b)):
        check(a.description == b.description, "loader errors differ: \(a) vs \(b)")
    default:
        check(false, "loader outcome depends on chunkBytes: \(big) vs \(small)")
    }
    switch (whole, big) {
    case let (.records(records), .success(loaded)):
        let counts = loaded.counts
        check(counts.inputRecords == records.count - 1, "loader read \(counts.inputRecords) records, reader \(records.count - 1)")
        check(counts.inputRecords == counts.cleaned + counts.rejected + counts.collapsedDuplicates, "conservation: \(counts)")
        check(loaded.cleaned.count == counts.cleaned, "cleaned rows \(loaded.cleaned.count) vs count \(counts.cleaned)")
        let recordLines = Set(records.dropFirst().map(\.line))
        check(loaded.lines.allSatisfy(recordLines.contains), "a cleaned row's line is not a record's line")
    case let (.records(records), .failure(error)):
        // Only a missing header or one that does not map may stop a file the reader accepts.
        if let header = records.first {
            var mapped = true
            do { _ = try HeaderMap(header: header.fields, schema: schema(dataset)) } catch { mapped = false }
            check(!mapped, "the reader accepts the file and its header maps, yet the loader failed: \(error)")
        }
    case (.failed, .success):
        check(false, "the reader fails on the file, yet the loader succeeded")
    case (.failed, .failure):
        break
    }
    return 0
}
