/// The tool version written into `manifest.json` and the run ledger.
public enum JGPipeVersion {
    public static let current = "0.1.0"
}
