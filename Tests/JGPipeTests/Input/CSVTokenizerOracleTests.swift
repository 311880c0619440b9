import CLibCSV
import Testing
@testable import JGPipe

/// What a consumer of a reader sees: the records handed over, then the error if any.
struct ReadOutcome: Equatable, CustomStringConvertible {
    struct Record: Equatable {
        let line: Int
        let fields: [[UInt8]]
    }
    var records: [Record] = []
    var failure: CSVReader.Failure?
    var description: String {
        records.map { "\($0.line):\($0.fields.map { String(decoding: $0, as: UTF8.self) })" }.joined(separator: " ")
            + (failure.map { " \($0)" } ?? "")
    }
}

/// The reader as it was over libcsv (`CSV_REPALL_NL`, no space trimming), with its callbacks
/// and checks: the oracle for the tokenizer that replaced it.
private final class LibCSVReader {
    struct State {
        var outcome = ReadOutcome()
        var fields: [[UInt8]] = []
        var newlines = 0
        var lastWasCR = false
        var recordLine = 0
        var recordOpen = false
        var maxFieldBytes: Int
        var overlongLine: Int?
    }

    private var parser = csv_parser()
    private var state: State

    init(delimiter: UInt8, maxFieldBytes: Int) {
        state = State(maxFieldBytes: maxFieldBytes)
        csv_init(&parser, UInt8(CSV_REPALL_NL))
        csv_set_delim(&parser, delimiter)
        csv_set_space_func(&parser) { _ in 0 }
    }

    deinit { csv_free(&parser) }

    /// Feeds `pieces` one by one, checking the cap after each as the reader did per slice.
    func read(_ pieces: [[UInt8]]) -> ReadOutcome {
        for piece in pieces {
            let consumed = piece.withUnsafeBytes { bytes in
                withUnsafeMutablePointer(to: &state) {
                    csv_parse(&parser, bytes.baseAddress, bytes.count, oracleField, oracleRecordEnd, $0)
                }
            }
            precondition(consumed == piece.count)
            if let line = state.overlongLine { return failed(.fieldTooLong(line: line, limit: state.maxFieldBytes)) }
            // The open field's length; a closing quote not yet confirmed is not counted (the old
            // reader counted it, so a field of exactly the cap could fail or not with the read size).
            let open = parser.entry_pos - (parser.pstate == 3 ? 1 : 0)
            if open > state.maxFieldBytes {
                return failed(.fieldTooLong(line: state.recordOpen ? state.recordLine : state.newlines + 1,
                                            limit: state.maxFieldBytes))
            }
        }
        if parser.pstate == 2 && parser.quoted != 0 {
            return failed(.unterminatedQuote(line: state.recordOpen ? state.recordLine : state.newlines + 1))
        }
        _ = withUnsafeMutablePointer(to: &state) { csv_fini(&parser, oracleField, oracleRecordEnd, $0) }
        if let line = state.overlongLine { return failed(.fieldTooLong(line: line, limit: state.maxFieldBytes)) }
        return state.outcome
    }

    private func failed(_ failure: CSVReader.Failure) -> ReadOutcome {
        var outcome = state.outcome
        if case let .fieldTooLong(line, _) = failure { outcome.records.removeAll { $0.line >= line } }
        outcome.failure = failure
        return outcome
    }
}

private func oracleField(_ pointer: UnsafeMutableRawPointer?, _ length: Int, _ data: UnsafeMutableRawPointer?) {
    let state = data!.assumingMemoryBound(to: LibCSVReader.State.self)
    if !state.pointee.recordOpen {
        state.pointee.recordLine = state.pointee.newlines + 1
        state.pointee.recordOpen = true
    }
    if length > state.pointee.maxFieldBytes && state.pointee.overlongLine == nil {
        state.pointee.overlongLine = state.pointee.recordLine
    }
    let bytes = length > 0 ? Array(UnsafeRawBufferPointer(start: pointer, count: length)) : []
    state.pointee.fields.append(bytes)
    state.pointee.lastWasCR = false
    var previous: UInt8 = 0
    for byte in bytes {
        if byte == 0x0A { if previous != 0x0D { state.pointee.newlines += 1 } }
        else if byte == 0x0D { state.pointee.newlines += 1 }
        previous = byte
    }
}

private func oracleRecordEnd(_ terminator: Int32, _ data: UnsafeMutableRawPointer?) {
    let state = data!.assumingMemoryBound(to: LibCSVReader.State.self)
    if state.pointee.recordOpen {
        state.pointee.outcome.records.append(.init(line: state.pointee.recordLine, fields: state.pointee.fields))
        state.pointee.fields.removeAll()
        state.pointee.recordOpen = false
    }
    switch terminator {
    case 0x0D:
        state.pointee.newlines += 1
        state.pointee.lastWasCR = true
    case 0x0A:
        if !state.pointee.lastWasCR { state.pointee.newlines += 1 }
        state.pointee.lastWasCR = false
    default:
        break
    }
}

private func read(_ pieces: [[UInt8]], delimiter: UInt8, maxFieldBytes: Int) -> ReadOutcome {
    let reader = CSVReader(delimiter: delimiter, maxFieldBytes: maxFieldBytes)
    var outcome = ReadOutcome()
    let take: (RecordBatch) -> Void = { batch in
        for r in batch.records.indices {
            let first = batch.records[r].firstField
            let fields = (first..<first + batch.records[r].fieldCount).map { f in
                Array(batch.bytes[(f == 0 ? 0 : batch.fieldEnds[f - 1])..<batch.fieldEnds[f]])
            }
            outcome.records.append(.init(line: batch.records[r].line, fields: fields))
        }
    }
    do {
        for piece in pieces { try piece.withUnsafeBytes { try reader.parse($0, take) } }
        try reader.finish(take)
    } catch let failure as CSVReader.Failure {
        outcome.failure = failure
    } catch {
        Issue.record("unexpected \(error)")
    }
    return outcome
}


@Suite struct CSVTokenizerOracleTests {
    /// Short texts over the bytes that matter (quotes, delimiters, CR, LF, spaces, UTF-8
    /// characters) and runs long enough for the word-at-a-time copy, cut into random pieces, with and without a tiny field cap: the same records,
    /// lines and errors as libcsv with the old reader's callbacks.
    @Test func sameOutcomeAsLibCSVOnRandomTexts() {
        var random = SplitMix(seed: 6)
        let alphabet: [[UInt8]] = ["a", "b", ",", ";", "\t", "\"", "\"", "\r", "\n", "\r\n", " ", "é", "0123456789abcdefg", "张三丰"].map { Array($0.utf8) }
        var mismatches = 0
        for _ in 0..<30_000 {
            var text: [UInt8] = []
            for _ in 0..<Int.random(in: 0...40, using: &random) {
                text += alphabet.randomElement(using: &random)!
            }
            var pieces: [[UInt8]] = []
            var offset = 0
            while offset < text.count {
                let n = Int.random(in: 1...max(1, text.count - offset), using: &random)
                pieces.append(Array(text[offset..<offset + n]))
                offset += n
            }
            let delimiter = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t")].randomElement(using: &random)!
            let cap = [1 << 20, 0, 1, 2, 3, 5].randomElement(using: &random)!
            let expected = LibCSVReader(delimiter: delimiter, maxFieldBytes: cap).read(pieces)
            let actual = read(pieces, delimiter: delimiter, maxFieldBytes: cap)
            if actual != expected {
                Issue.record("\(String(decoding: text, as: UTF8.self).debugDescription) in \(pieces.count) pieces, delimiter \(delimiter), cap \(cap):\n  libcsv \(expected)\n  reader \(actual)")
                mismatches += 1
                if mismatches > 5 { break }
            }
        }
    }
}
