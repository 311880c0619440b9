/// The 拒绝记录 rows of each detachment (SPEC §6): rows of the run's `*.rejected.csv` files whose
/// region names the detachment, when the region was readable — a dataset's own `region_code`,
/// or for a unit account the region of its unit. Rows are few (the run refuses a dump with more
/// than `max_rejected_ratio` of them), so they are gathered in memory before the workbooks.
enum RejectedRowsByDetachment {
    /// Datasets whose rows carry a region; a new dataset with a region column adds its schema here.
    /// A violation is placed by where it occurred (违法地区划): its plate may name no vehicle.
    static let regionSchemas: [DatasetSchema] = [UnitValidator.schema, ExamEnrollmentValidator.schema, VehicleValidator.schema,
                                                 DriverLicenceValidator.schema, ViolationValidator.schema]

    /// Per detachment code, rows of (行号, 文件, 错误代码, 错误说明) in file, then line order, from
    /// the `*.rejected.csv` among `files` (the files staged, in order).
    static func collect(_ context: RunContext, files: [String]) throws -> [String: [[String]]] {
        var byDetachment: [String: [[String]]] = [:]
        var unitDetachments: [String: String]?
        for file in files where file.hasSuffix(".rejected.csv") {
            let dataset = String(file.dropLast(".rejected.csv".count))
            guard let rows = try CSVRowSource(path: context.stagingDirectory + "/" + file),
                  try rows.peekRow({ _ in true }) != nil else { continue }
            let leading = RejectedRow.leadingColumns.count
            let original = Array(rows.header.dropFirst(leading))
            let detachmentOf: (RawRow) -> String?
            if let schema = regionSchemas.first(where: { $0.name == dataset }),
               let column = regionColumn(original, schema, context) {
                detachmentOf = { row in
                    guard leading + column < row.fieldCount,
                          let region = try? RegionCode(Text.normalize(String(decoding: row[leading + column], as: UTF8.self)))
                    else { return nil }
                    return context.settings.detachments.code(for: region)
                }
            } else if dataset == UnitAccountValidator.schema.name,
                      let column = unitCodeColumn(original, context) {
                if unitDetachments == nil { unitDetachments = try self.unitDetachments(context) }
                let units = unitDetachments ?? [:]
                detachmentOf = { row in
                    guard leading + column < row.fieldCount else { return nil }
                    return units[Text.normalize(String(decoding: row[leading + column], as: UTF8.self)).uppercased()]
                }
            } else {
                continue
            }
            let inputFile = context.settings.inputFile(for: dataset)
            while try rows.withNextRow({ row in
                guard row.fieldCount >= leading, let code = detachmentOf(row) else { return }
                byDetachment[code, default: []].append([
                    String(decoding: row[0], as: UTF8.self), inputFile,
                    String(decoding: row[1], as: UTF8.self), String(decoding: row[2], as: UTF8.self),
                ])
            }) {}
        }
        return byDetachment
    }

    private static func regionColumn(_ header: [String], _ schema: DatasetSchema, _ context: RunContext) -> Int? {
        guard let map = try? HeaderMap(header: header, schema: schema, extraAliases: (try? context.settings.extraAliases(for: schema)) ?? [:]),
              let region = schema.columnNames.firstIndex(of: "region_code") else { return nil }
        return map.sources[region]
    }

    private static func unitCodeColumn(_ header: [String], _ context: RunContext) -> Int? {
        let schema = UnitAccountValidator.schema
        guard let map = try? HeaderMap(header: header, schema: schema, extraAliases: (try? context.settings.extraAliases(for: schema)) ?? [:]),
              let unit = schema.columnNames.firstIndex(of: "unit_code") else { return nil }
        return map.sources[unit]
    }

    /// unit_code → detachment_code of the cleaned units (`units.cleaned.csv`).
    private static func unitDetachments(_ context: RunContext) throws -> [String: String] {
        guard let rows = try CSVRowSource(path: context.stagingDirectory + "/units.cleaned.csv"),
              let codeColumn = rows.header.firstIndex(of: "unit_code"),
              let detachmentColumn = rows.header.firstIndex(of: "detachment_code") else { return [:] }
        var units: [String: String] = [:]
        while try rows.withNextRow({ row in
            guard row.fieldCount > max(codeColumn, detachmentColumn) else { return }
            units[String(decoding: row[codeColumn], as: UTF8.self)] = String(decoding: row[detachmentColumn], as: UTF8.self)
        }) {}
        return units
    }
}
