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

extension SettingsTable {
    /// `closed_statuses`: status letters that close a record (SPEC §3 vehicles, §7 licences).
    func closedStatuses(default fallback: ClosedStatusLetters) throws -> ClosedStatusLetters {
        let letters = try stringList("closed_statuses", default: fallback.letters).map(Text.normalizeCode)
        guard let closed = ClosedStatusLetters(letters) else {
            throw SettingsError("\(path).closed_statuses: each item must be one status letter A-Z, found \(letters)")
        }
        return closed
    }
}
