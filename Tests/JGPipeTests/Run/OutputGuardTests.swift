import Foundation
import Glibc
import Testing
@testable import JGPipe

/// SPEC §5 "Nothing of the user's is ever deleted" (issue #11): one test per place `--out` can
/// stand, each hashing the user's folder before and after, not only reading the exit code.
@Suite(.serialized) struct OutputGuardTests {
    let base = RunHarness.temporaryFolder("jgpipe-guard")

    /// Every entry below `path` (or `path` itself when it is a file) with its bytes' SHA-256;
    /// folders as `name/`, symbolic links by their target.
    func fingerprint(_ path: String) throws -> [String: String] {
        var status = stat()
        guard lstat(path, &status) == 0 else { return [:] }
        if status.st_mode & S_IFMT == S_IFLNK {
            return [".": "link → " + (try FileManager.default.destinationOfSymbolicLink(atPath: path))]
        }
        if status.st_mode & S_IFMT != S_IFDIR { return [".": try systemSHA256(path)] }
        var result: [String: String] = [".": "folder"]
        for name in try FileManager.default.contentsOfDirectory(atPath: path) {
            for (inner, digest) in try fingerprint(path + "/" + name) {
                result[inner == "." ? name : name + "/" + inner] = digest
            }
        }
        return result
    }

    /// A real copy of the unit samples (not links), as a user's dump folder.
    func userDump(_ name: String) throws -> String {
        let folder = base + "/" + name
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for file in ["units.csv", "unit_accounts.csv"] {
            try FileManager.default.copyItem(atPath: repositoryRoot + "/samples/utf8/" + file, toPath: folder + "/" + file)
        }
        try "the operator's notes\n".write(toFile: folder + "/notes.txt", atomically: false, encoding: .utf8)
        return folder
    }

    func run(input: String, out: String, state: String? = nil, asOf: String = "2024-06-01") throws -> RunOutcome {
        var values: [String: SettingValue] = [:]
        try PipelineFile.apply(override: "run.max_rejected_ratio=0.5", to: &values)
        let request = RunRequest(settings: try PipelineSettings(values: values), inputDirectory: input, outputDirectory: out,
                                 asOf: try CalendarDate(parsing: asOf), stateDirectory: state)
        return Pipeline.run(request)
    }

    /// Runs into `out` and checks the exit code, the message and that `protected` (the user's
    /// folders) hold exactly the bytes they held before.
    func expectRefused(input: String, out: String, state: String? = nil, code: JGPipe.ExitCode,
                       naming words: [String], protecting protected: [String]) throws {
        let before = try protected.map(fingerprint)
        let outcome = try run(input: input, out: out, state: state)
        #expect(outcome.exitCode == code, "\(outcome.message)")
        for word in words { #expect(outcome.message.contains(word), "\(outcome.message) should name \(word)") }
        for (path, fingerprint) in zip(protected, before) {
            #expect(try self.fingerprint(path) == fingerprint, "\(path) changed")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: base).allSatisfy { !$0.contains(".staging-") })
    }

    @Test func outEqualToTheInputFolderIs64() throws {
        let dump = try userDump("dump")
        try expectRefused(input: dump, out: dump, code: .usage, naming: ["--out", "--input-dir", dump, "same folder"],
                          protecting: [dump])
        // Spelt another way: a trailing slash, `..`, a symbolic link to it.
        try expectRefused(input: dump, out: dump + "/", code: .usage, naming: ["same folder"], protecting: [dump])
        try expectRefused(input: dump, out: dump + "/../dump", code: .usage, naming: ["same folder"], protecting: [dump])
        try FileManager.default.createSymbolicLink(atPath: base + "/link-to-dump", withDestinationPath: dump)
        try expectRefused(input: dump, out: base + "/link-to-dump", code: .usage, naming: ["same folder"], protecting: [dump])
        try expectRefused(input: base + "/link-to-dump", out: dump, code: .usage, naming: ["same folder"], protecting: [dump])
    }

    @Test func outContainingTheInputFolderIs64() throws {
        let dump = try userDump("parent/dump")
        try expectRefused(input: dump, out: base + "/parent", code: .usage, naming: ["contains", dump],
                          protecting: [base + "/parent"])
    }

    @Test func outInsideTheInputFolderIs64() throws {
        let dump = try userDump("dump-child")
        try expectRefused(input: dump, out: dump + "/out", code: .usage, naming: ["lies inside", dump], protecting: [dump])
        // Not even the folder is created.
        #expect(!fileExists(dump + "/out"))
    }

    @Test func stateInsideOutOrOutInsideStateIs64() throws {
        let dump = try userDump("dump-state")
        let out = base + "/out-with-state"
        try expectRefused(input: dump, out: out, state: out + "/state", code: .usage, naming: ["--state", "contains"],
                          protecting: [dump])
        #expect(!fileExists(out))
        let state = base + "/state"
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        try "a ledger\n".write(toFile: state + "/jgpipe-ledger.sqlite", atomically: false, encoding: .utf8)
        try expectRefused(input: dump, out: state, state: state, code: .usage, naming: ["--state", "same folder"],
                          protecting: [dump, state])
        try expectRefused(input: dump, out: state + "/out", state: state, code: .usage, naming: ["--state", "lies inside"],
                          protecting: [dump, state])
    }

    @Test func theHeldFolderBesideOutMayNotBeTheInputFolder() throws {
        let dump = try userDump("night.held")
        try expectRefused(input: dump, out: base + "/night", code: .usage, naming: ["held", dump], protecting: [dump])
    }

    @Test func aFolderOfTheUsersIs73() throws {
        let dump = try userDump("dump-user")
        let folder = base + "/mine"
        try FileManager.default.createDirectory(atPath: folder + "/sub", withIntermediateDirectories: true)
        try "keep me\n".write(toFile: folder + "/notes.txt", atomically: false, encoding: .utf8)
        try "and me\n".write(toFile: folder + "/sub/more.txt", atomically: false, encoding: .utf8)
        try expectRefused(input: dump, out: folder, code: .cannotCreate, naming: [folder, "no manifest.json written by jgpipe"],
                          protecting: [dump, folder])
        // A manifest.json that is not jgpipe's does not make it one.
        try #"{"tool": "other", "outputs": [{"file": "notes.txt"}]}"#.write(toFile: folder + "/manifest.json", atomically: false, encoding: .utf8)
        try expectRefused(input: dump, out: folder, code: .cannotCreate, naming: [folder], protecting: [dump, folder])
    }

    @Test func aRegularFileIs73() throws {
        let dump = try userDump("dump-file")
        let file = base + "/report.xlsx"
        try "a spreadsheet\n".write(toFile: file, atomically: false, encoding: .utf8)
        try expectRefused(input: dump, out: file, code: .cannotCreate, naming: [file, "is a file"], protecting: [dump, file])
    }

    @Test func aSymbolicLinkToAFolderIs73() throws {
        let dump = try userDump("dump-link")
        let folder = base + "/linked"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try "keep me\n".write(toFile: folder + "/notes.txt", atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: base + "/out-link", withDestinationPath: folder)
        try expectRefused(input: dump, out: base + "/out-link", code: .cannotCreate, naming: ["symbolic link"],
                          protecting: [dump, folder, base + "/out-link"])
    }

    @Test func anEarlierOutputIsReplaced() throws {
        let dump = try userDump("dump-prev")
        let out = base + "/prev"
        #expect(try run(input: dump, out: out).exitCode == .ok)
        let first = try fingerprint(out)
        try "stale\n".write(toFile: out + "/units.cleaned.csv", atomically: false, encoding: .utf8)
        let before = try fingerprint(dump)
        #expect(try run(input: dump, out: out).exitCode == .ok)
        #expect(try fingerprint(dump) == before)
        // The same outputs again (the manifest holds the run's times).
        var again = try fingerprint(out)
        var expected = first
        again["manifest.json"] = nil
        expected["manifest.json"] = nil
        #expect(again == expected)
        // The earlier output is gone: no staging folder left beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: base).filter { $0.hasPrefix("prev") } == ["prev"])
    }

    @Test func anEarlierOutputWithAFileOfTheUsersIs73() throws {
        let dump = try userDump("dump-added")
        let out = base + "/added"
        #expect(try run(input: dump, out: out).exitCode == .ok)
        try "my analysis\n".write(toFile: out + "/analysis.txt", atomically: false, encoding: .utf8)
        try expectRefused(input: dump, out: out, code: .cannotCreate, naming: ["analysis.txt", "did not write"],
                          protecting: [dump, out])
    }

    @Test func anEmptyFolderIsUsed() throws {
        let dump = try userDump("dump-empty")
        let out = base + "/empty"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        #expect(try run(input: dump, out: out).exitCode == .ok)
        #expect(fileExists(out + "/manifest.json"))
        #expect(!fileExists(out + "/" + OutputFolder.stagingMarker))
    }

    /// A refused run holds its outputs in `<out>.held`; a `.held` folder of the user's is left
    /// as it was and the outputs stay in the (unmarked) staging folder, which no run removes.
    @Test func aHeldFolderOfTheUsersIsLeftAlone() throws {
        let dump = try userDump("dump-held")
        let out = base + "/refused"
        let held = out + ".held"
        try FileManager.default.createDirectory(atPath: held, withIntermediateDirectories: true)
        try "keep me\n".write(toFile: held + "/notes.txt", atomically: false, encoding: .utf8)
        let before = try fingerprint(held)
        let request = RunRequest(settings: try PipelineSettings(), inputDirectory: dump, outputDirectory: out,
                                 asOf: try CalendarDate(parsing: "2024-06-01"))
        let outcome = Pipeline.run(request)
        #expect(outcome.exitCode == .dataError)
        #expect(try fingerprint(held) == before)
        let kept = OutputFolder(target: out).staging
        #expect(outcome.message.contains(kept))
        #expect(fileExists(kept + "/report.html"))
        #expect(!OutputFolder.isMarkedStaging(kept))
        OutputFolder(target: out).removeStaleStaging(logger: .silent)
        #expect(fileExists(kept + "/report.html"))
        try FileManager.default.removeItem(atPath: kept)
        // A held folder jgpipe wrote is replaced by the next refused run.
        try FileManager.default.removeItem(atPath: held)
        #expect(Pipeline.run(request).exitCode == .dataError)
        let firstHeld = try fingerprint(held + "/report.html")
        #expect(Pipeline.run(request).exitCode == .dataError)
        #expect(try fingerprint(held + "/report.html") == firstHeld)
        #expect(!fileExists(kept))
    }

    /// Stale-staging clean-up removes only folders jgpipe marked: a folder of the user's that
    /// happens to be named like a dead run's staging folder stays.
    @Test func staleStagingCleanupRemovesOnlyMarkedFolders() throws {
        let out = base + "/night"
        let deadPid: Int32 = 4_000_000 // above the kernel's pid_max (4,194,304 at most), never running
        #expect(kill(deadPid, 0) != 0)
        let users = out + ".staging-\(deadPid)"
        try FileManager.default.createDirectory(atPath: users, withIntermediateDirectories: true)
        try "keep me\n".write(toFile: users + "/notes.txt", atomically: false, encoding: .utf8)
        let marked = out + ".staging-\(deadPid + 1)"
        try FileManager.default.createDirectory(atPath: marked, withIntermediateDirectories: true)
        try "\(deadPid + 1)\n".write(toFile: marked + "/" + OutputFolder.stagingMarker, atomically: false, encoding: .utf8)
        try "half written\n".write(toFile: marked + "/units.cleaned.csv", atomically: false, encoding: .utf8)
        let before = try fingerprint(users)
        OutputFolder(target: out).removeStaleStaging(logger: .silent)
        #expect(try fingerprint(users) == before)
        #expect(!fileExists(marked))
    }

    /// `prepare` meets a folder at its own staging path (an earlier process with this pid): a
    /// marked one is replaced, one of the user's is exit 73 and stays.
    @Test func aStagingPathHoldingAFolderOfTheUsersIs73() throws {
        let dump = try userDump("dump-staging")
        let out = base + "/own"
        let staging = OutputFolder(target: out).staging
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        try "keep me\n".write(toFile: staging + "/notes.txt", atomically: false, encoding: .utf8)
        let before = try fingerprint(staging)
        let outcome = try run(input: dump, out: out)
        #expect(outcome.exitCode == .cannotCreate)
        #expect(outcome.message.contains("not a staging folder of jgpipe"))
        #expect(try fingerprint(staging) == before)
        try FileManager.default.removeItem(atPath: staging + "/notes.txt")
        try "".write(toFile: staging + "/" + OutputFolder.stagingMarker, atomically: false, encoding: .utf8)
        #expect(try run(input: dump, out: out).exitCode == .ok)
        #expect(!fileExists(staging))
    }

    /// A run that stops inside `publish`, after the last checks and before the swap: `--out`
    /// still holds the earlier complete output (every file its manifest lists, with its bytes),
    /// and the new one is discarded. Replacing by "remove the old folder, then rename" fails here.
    @Test func aFaultInsidePublishLeavesTheEarlierOutputWhole() throws {
        let dump = try userDump("dump-fault")
        let out = base + "/faulted"
        #expect(try run(input: dump, out: out).exitCode == .ok)
        let before = try fingerprint(out)
        struct Fault: Error {}
        OutputFolder.faultBeforeSwap.withLock { $0 = { if $0 == out { throw Fault() } } }
        defer { OutputFolder.faultBeforeSwap.withLock { $0 = nil } }
        // Another date, so the new output differs from the earlier one.
        let outcome = try run(input: dump, out: out, asOf: "2024-08-01")
        #expect(outcome.exitCode != .ok)
        #expect(try fingerprint(out) == before)
        #expect(!fileExists(OutputFolder(target: out).staging))
    }
}

/// SPEC §5 "complete or not at all", watched from outside: while a large earlier output is
/// replaced again and again, another thread reading `--out` always finds a manifest, and it is
/// the manifest of one whole generation. "Remove the old folder, then rename the new one"
/// leaves `--out` without a manifest while the 400 old files are removed.
@Suite struct AtomicPublishTests {
    @Test func aWatcherNeverSeesOutWithoutACompleteOutput() throws {
        let base = RunHarness.temporaryFolder("jgpipe-atomic")
        let out = base + "/out"
        let files = (0..<400).map { "part-\($0).csv" }
        func publish(generation: Int) throws {
            let folder = OutputFolder(target: out)
            try folder.prepare()
            for file in files {
                try Pipeline.writeText("generation \(generation)\n", to: folder.staging + "/" + file)
            }
            let listed = files.map { #"{"file": "\#($0)"}"# }.joined(separator: ", ")
            try Pipeline.writeText(#"{"tool": "jgpipe", "generation": \#(generation), "outputs": [\#(listed)]}"#,
                                   to: folder.staging + "/manifest.json")
            try folder.publish()
        }
        try publish(generation: 0)
        final class Watch: @unchecked Sendable {
            let lock = NSLock()
            var stop = false, seen: [Int] = [], missing = 0
            func withLock<T>(_ body: (Watch) -> T) -> T { lock.lock(); defer { lock.unlock() }; return body(self) }
        }
        let watch = Watch()
        let watcher = Thread {
            while !watch.withLock({ $0.stop }) {
                guard let data = FileManager.default.contents(atPath: out + "/manifest.json"),
                      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                      let generation = object["generation"] as? Int,
                      (object["outputs"] as? [Any])?.count == files.count
                else {
                    watch.withLock { $0.missing += 1 }
                    continue
                }
                watch.withLock { $0.seen.append(generation) }
            }
        }
        watcher.start()
        for generation in 1...25 { try publish(generation: generation) }
        watch.withLock { $0.stop = true }
        while !watcher.isFinished { usleep(1000) }
        #expect(watch.withLock { $0.missing } == 0)
        let generations = watch.withLock { $0.seen }
        #expect(generations.count > 25)
        // Generations only go forward: never an older manifest after a newer one.
        #expect(zip(generations, generations.dropFirst()).allSatisfy { $0 <= $1 })
        // The last one is whole: every file of generation 25, nothing else.
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).count == files.count + 1)
        #expect(try String(contentsOfFile: out + "/part-399.csv", encoding: .utf8) == "generation 25\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: base) == ["out"])
    }
}
