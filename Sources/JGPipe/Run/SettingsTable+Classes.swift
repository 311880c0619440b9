extension SettingsTable {
    /// A list of licence classes (each item may itself be a class string such as "C1C6"); a code
    /// outside SPEC §2's list is a pipeline-file error (exit 78).
    func classes(_ key: String, default fallback: LicenceClasses) throws -> LicenceClasses {
        let codes = try stringList(key, default: fallback.codes)
        do throws(FieldError) {
            return try LicenceClasses(codes: codes)
        } catch {
            throw SettingsError("\(path).\(key): \(error.message)")
        }
    }
}
