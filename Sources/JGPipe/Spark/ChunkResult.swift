/// What one stage task reports besides its row files: the counts, file names, summary
/// sections and rejections digest its `RunContext` collected. The driver merges the chunks'
/// results in chunk order into what one whole-file run collects.
struct ChunkResult {
    var chunk: Int
    var datasets: [(String, DatasetCounts)]
    var files: [String]
    var sections: [(String, JSONValue)]
    var rejections: [RejectionDigest]

    var json: JSONValue {
        .object([
            ("chunk", .int(chunk)),
            ("datasets", .object(datasets.map { ($0.0, $0.1.json) })),
            ("files", .array(files.map(JSONValue.string))),
            ("sections", .object(sections)),
            ("rejections", .array(rejections.map { digest in
                .object([
                    ("dataset", .string(digest.dataset)),
                    ("header", .array(digest.header.map(JSONValue.string))),
                    ("counts", .counts(Dictionary(uniqueKeysWithValues: digest.counts.map { ($0.key.rawValue, $0.value) }))),
                    ("samples", .array(digest.samples.sorted { $0.key < $1.key }.flatMap(\.value).map { row in
                        .array([.int(row.line), .string(row.code.rawValue), .string(row.message)]
                            + row.fields.map(JSONValue.string))
                    })),
                ])
            })),
        ])
    }

    init(chunk: Int, datasets: [(String, DatasetCounts)], files: [String], sections: [(String, JSONValue)],
         rejections: [RejectionDigest]) {
        self.chunk = chunk
        self.datasets = datasets
        self.files = files
        self.sections = sections
        self.rejections = rejections
    }

    init(json: JSONValue) throws {
        func bad(_ what: String) -> TaskError { TaskError("a task result without \(what)") }
        guard case let .int(chunk)? = json["chunk"], case let .object(datasets)? = json["datasets"],
              case let .array(files)? = json["files"], case let .object(sections)? = json["sections"],
              case let .array(rejections)? = json["rejections"] else { throw bad("its fields") }
        self.chunk = chunk
        self.datasets = try datasets.map { name, value in
            var counts = DatasetCounts()
            guard case let .int(input)? = value["input_records"], case let .int(cleaned)? = value["cleaned"],
                  case let .int(rejected)? = value["rejected"], case let .int(collapsed)? = value["collapsed_duplicates"],
                  case let .object(byCode)? = value["rejected_by_code"] else { throw bad("counts") }
            counts.inputRecords = input
            counts.cleaned = cleaned
            counts.rejected = rejected
            counts.collapsedDuplicates = collapsed
            for (code, n) in byCode {
                guard let code = ErrorCode(rawValue: code), case let .int(n) = n else { throw bad("error codes") }
                counts.rejectedByCode[code] = n
            }
            return (name, counts)
        }
        self.files = files.compactMap { if case let .string(s) = $0 { s } else { nil } }
        self.sections = sections
        self.rejections = try rejections.map { digest in
            guard case let .string(dataset)? = digest["dataset"], case let .array(header)? = digest["header"],
                  case let .object(counts)? = digest["counts"], case let .array(samples)? = digest["samples"]
            else { throw bad("a rejections digest") }
            var byCode: [ErrorCode: Int] = [:]
            for (code, n) in counts {
                guard let code = ErrorCode(rawValue: code), case let .int(n) = n else { throw bad("error codes") }
                byCode[code] = n
            }
            let rows = try samples.map { sample -> RejectedRow in
                guard case let .array(values) = sample, values.count >= 3, case let .int(line) = values[0],
                      case let .string(code) = values[1], let errorCode = ErrorCode(rawValue: code),
                      case let .string(message) = values[2] else { throw bad("a sample row") }
                return RejectedRow(line: line, code: errorCode, message: message,
                                   fields: values.dropFirst(3).map { if case let .string(s) = $0 { s } else { "" } })
            }
            return RejectionDigest(dataset: dataset, header: header.map { if case let .string(s) = $0 { s } else { "" } },
                                   counts: byCode, samples: Dictionary(grouping: rows, by: \.code))
        }
    }

    /// The results of all chunks, in chunk order, as one whole-file run would have collected.
    static func merged(_ results: [ChunkResult]) throws -> ChunkResult {
        guard var total = results.first else { throw TaskError("no task results") }
        for next in results.dropFirst() {
            guard next.files == total.files, next.datasets.map(\.0) == total.datasets.map(\.0),
                  next.sections.map(\.0) == total.sections.map(\.0), next.rejections.map(\.dataset) == total.rejections.map(\.dataset)
            else { throw TaskError("chunk \(next.chunk) wrote other outputs than chunk \(total.chunk)") }
            for k in total.datasets.indices {
                var counts = total.datasets[k].1
                let more = next.datasets[k].1
                counts.inputRecords += more.inputRecords
                counts.cleaned += more.cleaned
                counts.rejected += more.rejected
                counts.collapsedDuplicates += more.collapsedDuplicates
                counts.rejectedByCode.merge(more.rejectedByCode, uniquingKeysWith: +)
                total.datasets[k].1 = counts
            }
            for k in total.sections.indices {
                total.sections[k].1 = try mergedSection(total.sections[k].1, next.sections[k].1, path: total.sections[k].0)
            }
            for k in total.rejections.indices { total.rejections[k].merge(next.rejections[k]) }
        }
        return total
    }

    /// Two chunks' summary sections as one: counts add up, a `…_max` is the larger, an
    /// `oldest_…` date the earlier ("" when a chunk has none), C3's several-legal-person units
    /// one sorted list, any other value (dates, settings echoed such as the `max_…` caps) is the
    /// same in every chunk. Objects whose keys differ
    /// (by detachment, by type) are in key order, as `JSONValue.counts` and the stages write them.
    static func mergedSection(_ a: JSONValue, _ b: JSONValue, path: String) throws -> JSONValue {
        switch (a, b) {
        case let (.int(x), .int(y)) where !path.hasPrefix("max_"):
            return .int(path.hasSuffix("_max") ? max(x, y) : x + y)
        case let (.string(x), .string(y)) where path.hasPrefix("oldest_"):
            // ISO dates: text order is date order.
            return .string(x.isEmpty ? y : y.isEmpty ? x : min(x, y))
        case let (.object(x), .object(y)):
            let keysX = x.map(\.0), keysY = y.map(\.0)
            var keys = keysX
            if keysX != keysY {
                guard keysX == keysX.sorted(), keysY == keysY.sorted() else {
                    throw TaskError("summary \(path): the chunks' keys differ and are not in key order")
                }
                keys = Array(Set(keysX).union(keysY)).sorted()
            }
            return .object(try keys.map { key in
                let left = x.first { $0.0 == key }?.1, right = y.first { $0.0 == key }?.1
                guard let left else { return (key, right!) }
                guard let right else { return (key, left) }
                return (key, try mergedSection(left, right, path: key))
            })
        case let (.array(x), .array(y)) where path.hasSuffix("_several_legal_persons"):
            // C3's unit codes, one list in code order (`accountSummary`) from the ranges' lists.
            let codes = (x + y).compactMap { if case let .string(code) = $0 { code } else { nil } }
            return .array(codes.sorted().map(JSONValue.string))
        default:
            guard a == b else { throw TaskError("summary \(path): the chunks disagree (\(a.rendered()) and \(b.rendered()))") }
            return a
        }
    }
}
