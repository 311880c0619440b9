import Foundation
import Testing
@testable import JGPipe

/// Properties of whole runs over random dumps from `scripts/generate.py` (small sizes, a high
/// invalid rate so every rejection path and duplicates occur): nothing lost or invented,
/// byte-identical re-runs, input order changes no decision, R1–R3 hold in the output.
@Suite(.serialized) struct PropertyTests {
    struct Dump: Sendable, CustomTestStringConvertible {
        let seed: Int
        let encoding: String
        let crlf: Bool
        var testDescription: String { "seed \(seed), \(encoding)\(crlf ? ", CRLF" : "")" }
    }

    static let dumps = [Dump(seed: 11, encoding: "utf-8", crlf: false), Dump(seed: 12, encoding: "gb18030", crlf: true),
                        Dump(seed: 13, encoding: "utf-8", crlf: true)]

    static let datasets: [(name: String, key: String, isCode: Bool)] = [
        ("units", "unit_code", true), ("unit_accounts", "account_id", false),
        ("exam_enrollments", "enrollment_id", false), ("vehicles", "vin", true),
    ]

    static func generate(_ dump: Dump, units: Int = 300) throws -> String {
        let folder = RunHarness.temporaryFolder("jgpipe-generated")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", repositoryRoot + "/scripts/generate.py", "--out", folder, "--units", "\(units)",
                             "--seed", "\(dump.seed)", "--encoding", dump.encoding, "--invalid-rate", "0.03"]
            + (dump.crlf ? ["--crlf"] : [])
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "generate.py failed")
        // The generator's exact duplicates are rare at this size: append copies of two rows
        // (their raw bytes, so any encoding), which must collapse.
        for dataset in datasets {
            let path = folder + "/\(dataset.name).csv"
            var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
            for line in [lines[1], lines[4]] { bytes += line + [0x0A] }
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        }
        return folder
    }

    static func run(_ input: String) throws -> String {
        let (outcome, out) = try RunHarness.run(input: input, overrides: ["run.max_rejected_ratio=1"])
        try #require(outcome.exitCode == .ok, "\(outcome.message)")
        return out
    }

    static func inputRows(_ path: String) throws -> [InputRow] {
        var rows: [InputRow] = []
        try DatasetFile.read(path: path, schema: DatasetSchema(name: "any", columns: [])) { rows.append($0) }
        return rows
    }

    static func header(_ path: String) throws -> [String] {
        try DatasetFile.read(path: path, schema: DatasetSchema(name: "any", columns: [])) { _ in }.header
    }

    /// SPEC §0 "Conservation", read back from the output files: every input record is in the
    /// rejected file (with its line and fields as read), or its key is in the cleaned file,
    /// once; cleaned + rejected + collapsed = input.
    @Test(.timeLimit(.minutes(5)), arguments: dumps)
    func everyRecordEndsInExactlyOneOutput(_ dump: Dump) throws {
        let input = try Self.generate(dump)
        let out = try Self.run(input)
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json"))) as! [String: Any]
        let counts = summary["datasets"] as! [String: [String: Any]]
        var rejectedTotal = 0, collapsedTotal = 0
        for dataset in Self.datasets {
            let rows = try Self.inputRows(input + "/\(dataset.name).csv")
            let keyColumn = try #require(try Self.header(input + "/\(dataset.name).csv").firstIndex(of: dataset.key))
            let byLine = Dictionary(uniqueKeysWithValues: rows.map { ($0.line, $0) })
            let rejected = try RunHarness.readCSV(out + "/\(dataset.name).rejected.csv").rows
            var rejectedLines = Set<Int>()
            for row in rejected {
                let line = try #require(Int(row[0]))
                #expect(rejectedLines.insert(line).inserted, "\(dataset.name): line \(line) rejected twice")
                #expect(byLine[line]?.fields == Array(row[3...]), "\(dataset.name): rejected line \(line) differs from the input")
            }
            let cleaned = try RunHarness.readCSV(out + "/\(dataset.name).cleaned.csv").rows.map { $0[0] }
            #expect(Set(cleaned).count == cleaned.count, "\(dataset.name): a key twice in the cleaned file")
            let kept = rows.filter { !rejectedLines.contains($0.line) }
            let keptKeys = Set(kept.map { dataset.isCode ? Text.normalizeCode($0.fields[keyColumn]) : Text.normalize($0.fields[keyColumn]) })
            #expect(keptKeys == Set(cleaned), "\(dataset.name): cleaned keys are not the keys of the rows not rejected")
            let collapsed = try #require(counts[dataset.name]?["collapsed_duplicates"] as? Int)
            #expect(rows.count == cleaned.count + rejected.count + collapsed, "\(dataset.name)")
            #expect(kept.count - cleaned.count == collapsed, "\(dataset.name): collapsed rows")
            rejectedTotal += rejected.count
            collapsedTotal += collapsed
        }
        // The dump exercises rejection and collapsing, so the equations above could fail.
        #expect(rejectedTotal > 20)
        #expect(collapsedTotal >= 2 * Self.datasets.count)
    }

    /// SPEC §0 "Determinism": every output but manifest.json is byte-identical on a re-run.
    @Test(.timeLimit(.minutes(5)), arguments: dumps.prefix(2))
    func reRunningGivesByteIdenticalOutputs(_ dump: Dump) throws {
        let input = try Self.generate(dump)
        let first = try Self.run(input), second = try Self.run(input)
        let files = try RunHarness.outputFiles(first)
        #expect(files == (try RunHarness.outputFiles(second)))
        #expect(files.count >= 12)
        for file in files where file != "manifest.json" {
            let a = try Data(contentsOf: URL(fileURLWithPath: first + "/" + file))
            let b = try Data(contentsOf: URL(fileURLWithPath: second + "/" + file))
            #expect(a == b, "\(file) differs between two runs")
        }
    }

    /// Shuffling the input rows changes no decision: per key, the same cleaned row; the same
    /// rejected rows (error and fields); the same removed accounts, notices and work list.
    @Test(.timeLimit(.minutes(5)), arguments: dumps.prefix(2))
    func shufflingTheInputChangesNoDecision(_ dump: Dump) throws {
        let input = try Self.generate(dump)
        var generator = SplitMix(seed: UInt64(dump.seed))
        let ordered = RunHarness.temporaryFolder("jgpipe-ordered"), shuffled = RunHarness.temporaryFolder("jgpipe-shuffled")
        for dataset in Self.datasets {
            let path = input + "/\(dataset.name).csv"
            let header = try Self.header(path)
            let rows = try Self.inputRows(path).map(\.fields)
            // Both copies are written the same way (UTF-8, LF); only the order differs.
            try Self.writeCSV([header] + rows, to: ordered + "/\(dataset.name).csv")
            try Self.writeCSV([header] + rows.shuffled(using: &generator), to: shuffled + "/\(dataset.name).csv")
        }
        let a = try Self.run(ordered), b = try Self.run(shuffled)
        for dataset in Self.datasets {
            let cleanedA = try RunHarness.readCSV(a + "/\(dataset.name).cleaned.csv").rows
            let cleanedB = try RunHarness.readCSV(b + "/\(dataset.name).cleaned.csv").rows
            #expect(Dictionary(uniqueKeysWithValues: cleanedA.map { ($0[0], $0) }) == Dictionary(uniqueKeysWithValues: cleanedB.map { ($0[0], $0) }),
                    "\(dataset.name): cleaned rows differ")
            // Rejected rows without their line, which the shuffle changes.
            let rejectedA = try RunHarness.readCSV(a + "/\(dataset.name).rejected.csv").rows.map { Array($0.dropFirst()) }
            let rejectedB = try RunHarness.readCSV(b + "/\(dataset.name).rejected.csv").rows.map { Array($0.dropFirst()) }
            #expect(rejectedA.sorted(by: Self.lexicographic) == rejectedB.sorted(by: Self.lexicographic), "\(dataset.name): rejected rows differ")
            #expect(!cleanedA.isEmpty)
        }
        for file in ["unit_accounts.removed.csv", "notifications.csv", "vehicles.deregistration_worklist.csv", "summary.json"] {
            let rowsA = try String(contentsOfFile: a + "/" + file, encoding: .utf8).split(separator: "\n").sorted()
            let rowsB = try String(contentsOfFile: b + "/" + file, encoding: .utf8).split(separator: "\n").sorted()
            #expect(rowsA == rowsB, "\(file) differs")
        }
    }

    /// R1–R3 read back from unit_accounts.cleaned.csv: one active account per person per unit,
    /// at most 10 active accounts per unit, at most 3 active accounts per person that are not
    /// legal-person accounts (after C1 those have role legal_person).
    @Test(.timeLimit(.minutes(5)), arguments: dumps)
    func theCleanupRulesHoldInTheOutput(_ dump: Dump) throws {
        let out = try Self.run(try Self.generate(dump))
        let accounts = try RunHarness.records(out + "/unit_accounts.cleaned.csv")
        var perUnit: [String: Int] = [:], perPersonInUnit: [String: Int] = [:], perPerson: [String: Int] = [:]
        for account in accounts where account["status"] == "active" {
            let person = account["holder_id_type"]! + "|" + account["holder_id_no"]!
            perUnit[account["unit_code"]!, default: 0] += 1
            perPersonInUnit[account["unit_code"]! + "|" + person, default: 0] += 1
            if account["role"] != "legal_person" { perPerson[person, default: 0] += 1 }
        }
        #expect(perUnit.values.allSatisfy { $0 <= 10 }, "a unit with more than 10 active accounts")
        #expect(perPersonInUnit.values.allSatisfy { $0 <= 1 }, "a person with two active accounts in one unit")
        #expect(perPerson.values.allSatisfy { $0 <= 3 }, "a person with more than 3 active non-legal-person accounts")
        // Each rule removed accounts in this dump, so the checks above bite.
        let rules = Set(try RunHarness.records(out + "/unit_accounts.removed.csv").compactMap { $0["cleanup_rule"] })
        #expect(rules.isSuperset(of: ["R1", "R2", "R3"]), "rules that removed accounts: \(rules)")
        #expect(perUnit.values.contains(10))
    }

    static func lexicographic(_ a: [String], _ b: [String]) -> Bool { a.lexicographicallyPrecedes(b) }

    static func writeCSV(_ rows: [[String]], to path: String) throws {
        let text = rows.map { $0.map(ChunkBoundaryTests.quoted).joined(separator: ",") }.joined(separator: "\n") + "\n"
        try text.write(toFile: path, atomically: false, encoding: .utf8)
    }
}

