import Foundation
import Testing
@testable import JGPipe

/// One row of `corpus/expected.tsv`: a hostile file and what `jgpipe run` must make of it.
struct HostileCase: Sendable, CustomTestStringConvertible {
    let name: String
    let file: String
    let exit: Int32
    let messages: [String]
    let cleaned: Int?
    let rejected: [String]

    var testDescription: String { name }

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("corpus").path

    static let all: [HostileCase] = {
        let text = try! String(contentsOfFile: folder + "/expected.tsv", encoding: .utf8)
        return text.split(separator: "\n").dropFirst().compactMap { line in
            if line.hasPrefix("#") || line.hasPrefix("case\t") { return nil }
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            precondition(cells.count == 6, "expected.tsv: \(line)")
            return HostileCase(name: cells[0], file: cells[1], exit: Int32(cells[2])!,
                               messages: cells[3] == "-" ? [] : cells[3].components(separatedBy: " | "),
                               cleaned: Int(cells[4]),
                               rejected: cells[5] == "-" ? [] : cells[5].components(separatedBy: ";"))
        }
    }()

    /// The file's bytes: committed, or made here (the big ones).
    func bytes() throws -> [UInt8] {
        guard file.hasPrefix("gen:") else { return Array(try Data(contentsOf: URL(fileURLWithPath: HostileCase.folder + "/" + file))) }
        let header = HostileRows.header, r2 = HostileRows.r2, r3 = HostileRows.r3, r5 = HostileRows.r5
        let manyFields = String(repeating: ",v", count: 10_000 - 7)
        switch file.dropFirst(4) {
        case "big-quoted-field":
            return Array("\(header)\n\(r2)\n91440305MA5UA00022,\"\(String(repeating: "x", count: 10_000_000))\",,440305197802200234,林志强,440305,13800138002\n".utf8)
        case "big-unquoted-field":
            return Array("\(header)\n\(r2)\n91440305MA5UA00022,\(String(repeating: "x", count: 10_000_000)),,440305197802200234,林志强,440305,13800138002\n".utf8)
        case "runaway-quote":
            return Array("\(header)\n\(r2)\n91440305MA5UA00022,\"深南山,,440305197802200234,林志强,440305,13800138002\n\(String(repeating: r5 + "\n", count: 30_000))".utf8)
        case "fields-10000-every-line":
            let extra = (8...10_000).map { ",c\($0)" }.joined()
            return Array("\(header)\(extra)\n\(r2)\(manyFields)\n\(r3)\(manyFields)\n".utf8)
        case "fields-10000-one-line":
            return Array("\(header)\n\(r2)\n\(r3)\(manyFields)\n".utf8)
        case "nul-megabyte":
            return [UInt8](repeating: 0, count: 1_000_000)
        case "random-bytes":
            var state: UInt64 = 0x9E37_79B9_7F4A_7C15
            return [0xFF] + (0..<100_000).map { _ in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return UInt8(truncatingIfNeeded: state >> 33)
            }
        default:
            preconditionFailure("unknown generated file \(file)")
        }
    }
}

/// Valid rows of `samples/utf8/units.csv` (lines 2, 3, 5), as in `corpus/make.py`.
enum HostileRows {
    static let header = "unit_code,unit_name,legal_person_id_type,legal_person_id_no,legal_person_name,region_code,contact_phone"
    static let r2 = "91440106MA5UA00013,穗天河物流有限公司,A,440106197503120117,陈建国,440106,13800138001"
    static let r3 = "91440305MA5UA00022,深南山科技有限公司,,440305197802200234,林志强,440305,13800138002"
    static let r5 = "91310115MA5UA00037,沪浦东货运有限公司,A,31011519800515042X,王海燕,310115,13800138003"
}

/// SPEC §0, §5: a bad file gives a clear error (exit code, and a message naming the file, line
/// and column) and publishes nothing, or gives the right rejected rows; never a crash or a hang.
@Suite struct HostileCorpusTests {
    @Test func theTableCoversEveryFileInTheCorpus() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: HostileCase.folder)
            .filter { $0.hasSuffix(".csv") }
        #expect(Set(files) == Set(HostileCase.all.map(\.file).filter { !$0.hasPrefix("gen:") }))
        #expect(HostileCase.all.count >= 20)
    }

    @Test(.timeLimit(.minutes(5)), arguments: HostileCase.all)
    func hostileFile(_ hostile: HostileCase) throws {
        let base = RunHarness.temporaryFolder("jgpipe-hostile")
        let input = base + "/in", out = base + "/out"
        try FileManager.default.createDirectory(atPath: input, withIntermediateDirectories: true)
        try Data(hostile.bytes()).write(to: URL(fileURLWithPath: input + "/units.csv"))
        defer { try? FileManager.default.removeItem(atPath: base) }

        let started = Date()
        let result = try JGPipeBinary.run(["run", "--input-dir", input, "--out", out, "--state", base + "/state",
                                           "--as-of", "2024-06-01", "--set", "run.max_rejected_ratio=1"], timeout: 120)
        #expect(Date().timeIntervalSince(started) < 120)
        #expect(result.code == hostile.exit, "\(result.stderr)")
        for message in hostile.messages {
            #expect(result.stderr.contains(message), "expected «\(message)» in: \(result.stderr)")
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: base).filter { $0.hasPrefix("out.") }
        #expect(leftovers.isEmpty, "staging or held folders left: \(leftovers)")
        guard hostile.exit == 0 else {
            #expect(!fileExists(out), "a failed run published \(out)")
            return
        }
        let cleaned = try RunHarness.readCSV(out + "/units.cleaned.csv").rows
        #expect(cleaned.count == hostile.cleaned)
        let rejected = try RunHarness.records(out + "/units.rejected.csv").map { "\($0["line"]!):\($0["error_code"]!)" }
        #expect(rejected == hostile.rejected)
    }

    /// What the NUL case keeps: the name with its NUL byte, exactly as read.
    @Test func aNulByteInAFreeTextFieldIsKeptAsRead() throws {
        let input = RunHarness.inputFolder(["units.csv": HostileRows.header + "\n" + HostileRows.r2.replacingOccurrences(of: "穗天河", with: "穗天\u{0}河") + "\n"])
        let (outcome, out) = try RunHarness.run(input: input)
        #expect(outcome.exitCode == .ok, "\(outcome.message)")
        let rows = try RunHarness.records(out + "/units.cleaned.csv")
        #expect(rows.map { $0["unit_name"] } == ["穗天\u{0}河物流有限公司"])
    }
}
