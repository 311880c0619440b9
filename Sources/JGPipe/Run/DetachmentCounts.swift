/// The `by_detachment` object of a stage's summary section: counts per detachment and key,
/// detachments in code order, each one's keys in name order. A key shows only where it was
/// added, with 0 when 0 was added.
struct DetachmentCounts {
    private var counts: [String: [String: Int]] = [:]

    mutating func add(_ key: String, in detachment: String, _ n: Int = 1) {
        counts[detachment, default: [:]][key, default: 0] += n
    }

    var json: JSONValue {
        .object(counts.sorted { $0.key < $1.key }.map { ($0.key, .counts($0.value)) })
    }
}
