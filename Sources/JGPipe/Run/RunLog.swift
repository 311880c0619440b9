import Glibc
import Logging
import Synchronization

/// Where log lines go (standard error by default), one writer at a time. Remembers whether a
/// terminal progress line is showing, so the next line first clears it.
public final class LogSink: Sendable {
    private let write: @Sendable (String) -> Void
    private let progressShowing = Mutex(false)

    public init(write: @escaping @Sendable (String) -> Void = LogSink.standardError) {
        self.write = write
    }

    public static let standardError: @Sendable (String) -> Void = { text in
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = Glibc.write(2, bytes.baseAddress! + offset, bytes.count - offset)
                if n <= 0 { if errno == EINTR { continue }; return }
                offset += n
            }
        }
    }

    /// Writes `line` (which ends in a newline, or is a progress line that does not).
    func emit(_ line: String, progress: Bool = false) {
        progressShowing.withLock { showing in
            write((showing ? "\r\u{1B}[K" : "") + line)
            showing = progress
        }
    }
}

/// For cron and log files (no terminal): one `key=value` line per event, stage timings
/// included, e.g. `ts=2024-06-01T02:00:03+08:00 level=info msg="stage finished" stage=unit_accounts ms=812`.
public struct KeyValueLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public var logLevel: Logger.Level
    private let sink: LogSink
    private let clock: @Sendable () -> String

    public init(level: Logger.Level = .info, sink: LogSink = LogSink(), clock: @escaping @Sendable () -> String = wallClockNow) {
        logLevel = level
        self.sink = sink
        self.clock = clock
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        sink.emit(Self.line(time: clock(), level: event.level, message: event.message.description, metadata: merged))
    }

    /// `ts=… level=… msg=… key=value…` with keys sorted; values quoted when they need it.
    public static func line(time: String, level: Logger.Level, message: String, metadata: Logger.Metadata) -> String {
        var parts = ["ts=\(time)", "level=\(level.rawValue)", "msg=\(value(message))"]
        for key in metadata.keys.sorted() { parts.append("\(key)=\(value("\(metadata[key]!)"))") }
        return parts.joined(separator: " ") + "\n"
    }

    static func value(_ text: String) -> String {
        let plain = !text.isEmpty && text.unicodeScalars.allSatisfy { $0.value > 0x20 && $0 != "\"" && $0 != "=" && $0 != "\\" }
        if plain { return text }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

/// For a person at a terminal: a live progress line while a dataset is read (rows, rows/s,
/// elapsed), then one line per dataset and stage.
public struct TerminalLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public var logLevel: Logger.Level
    private let sink: LogSink

    public init(level: Logger.Level = .trace, sink: LogSink = LogSink()) {
        logLevel = level
        self.sink = sink
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let m = metadata.merging(event.metadata ?? [:]) { _, new in new }
        func field(_ key: String) -> String { m[key].map { "\($0)" } ?? "" }
        func count(_ key: String) -> String { RunReport.grouped(Int(field(key)) ?? 0) }
        func seconds() -> String { RunReport.fixed(Double(Int(field("ms")) ?? 0) / 1000) + " s" }
        switch event.message.description {
        case "reading" where event.level == .trace:
            sink.emit("jgpipe: \(field("dataset")): \(count("rows")) rows · \(count("rows_per_s")) rows/s · \(seconds())", progress: true)
        case "dataset read":
            sink.emit("jgpipe: \(field("dataset")): \(count("rows")) rows read, \(count("rejected")) rejected · \(count("rows_per_s")) rows/s · \(seconds())\n")
        case "stage finished":
            sink.emit("jgpipe: stage \(field("stage")) done: \(count("rows")) rows · \(count("rows_per_s")) rows/s · \(seconds())\n")
        case "run finished" where field("outcome") != "succeeded":
            // A refused or failed run wrote notices nowhere anyone will read them: no count here.
            sink.emit("jgpipe: run ended after \(seconds()) without publishing (\(field("outcome")))\n")
        case "run finished":
            sink.emit("jgpipe: run finished in \(seconds()): \(count("notices_written")) notices written, \(count("notices_suppressed")) left out as already published\n")
        default:
            // An info line says it all in words; a warning's or error's details may matter.
            let serious = event.level >= .warning
            let extra = serious ? m.keys.sorted().map { "\($0)=\(m[$0]!)" }.joined(separator: " ") : ""
            sink.emit("jgpipe: \(serious ? "\(event.level.rawValue): " : "")\(event.message)\(extra.isEmpty ? "" : " (\(extra))")\n")
        }
    }
}
