/// Exit codes (SPEC §5, sysexits): what cron and an operator see.
public enum ExitCode: Int32, Sendable {
    case ok = 0
    case usage = 64
    /// An input's data is unusable: a required column missing, undecodable bytes, too many rejected rows.
    case dataError = 65
    /// An input file is missing or unreadable.
    case noInput = 66
    /// The output folder cannot be created or written (sysexits EX_CANTCREAT).
    case cannotCreate = 73
    /// What was asked cannot be done by this engine yet (sysexits EX_UNAVAILABLE): the Spark
    /// engine refuses a stage or an input it does not run; nothing is published.
    case unavailable = 69
    /// Another run holds the lock.
    case tempFail = 75
    /// The pipeline file is wrong.
    case config = 78
    /// Stopped by a signal before publishing (128 + SIGHUP, SIGINT, SIGTERM); see `StopRequest`.
    case hangUp = 129
    case interrupted = 130
    case terminated = 143
}

/// A run-level failure: nothing is published.
public struct RunError: Error, CustomStringConvertible {
    public let exitCode: ExitCode
    public let message: String

    public init(_ exitCode: ExitCode, _ message: String) {
        self.exitCode = exitCode
        self.message = message
    }

    public var description: String { message }
}
