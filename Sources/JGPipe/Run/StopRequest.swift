import Glibc
private import CPosix

/// SIGTERM, SIGINT and SIGHUP ask a run to stop: the signal is recorded, and the run checks
/// between stages, every few thousand rows while reading and writing, and just before it
/// publishes. A stopped run discards its staging folder, publishes nothing, records itself as
/// failed in the ledger and exits 128 + the signal (143, 130, 129). A signal that comes after
/// the outputs were moved in is too late to stop anything: the run finishes normally. A second
/// signal ends the process at once, like a kill; the next run cleans up after it.
public enum StopRequest {
    /// Installs the handlers (the command line does, for `run` and `validate`).
    public static func install() { jg_install_stop_handlers() }

    /// The signal received, or nil.
    public static var signal: Int32? {
        let received = jg_stop_signal()
        return received == 0 ? nil : received
    }

    /// Throws when a stop was asked for.
    public static func check() throws(RunError) {
        guard let signal else { return }
        let name = switch signal {
        case SIGTERM: "SIGTERM"
        case SIGINT: "SIGINT"
        case SIGHUP: "SIGHUP"
        default: "signal \(signal)"
        }
        let code: ExitCode = switch signal {
        case SIGINT: .interrupted
        case SIGHUP: .hangUp
        default: .terminated
        }
        throw RunError(code, "stopped by \(name): nothing was published")
    }
}
