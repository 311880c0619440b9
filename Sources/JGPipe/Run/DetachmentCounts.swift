/// The `by_detachment` object of a stage's summary section: counts per detachment and key,
/// detachments in code order, each one's keys in name order. A key shows only where it was
/// added, with 0 when 0 was added.
///
/// A stage counts each part of a slice where it decides it and merges the parts' counts in
/// (`merge`), so that the counting leaves the thread that hands the slices over (issue #14
/// part 4). A detachment's keys are the stage's few names, found by comparing (`String ==` on
/// short ASCII compares their bytes at once), so an add costs one hash, the detachment's.
struct DetachmentCounts {
    private var counts: [String: KeyCounts] = [:]

    /// One detachment's keys, in the order they were first added.
    private struct KeyCounts {
        var keys: [String] = []
        var values: [Int] = []

        mutating func add(_ key: String, _ n: Int) {
            if let k = keys.firstIndex(of: key) {
                values[k] += n
            } else {
                keys.append(key)
                values.append(n)
            }
        }
    }

    mutating func add(_ key: String, in detachment: String, _ n: Int = 1) {
        counts[detachment, default: KeyCounts()].add(key, n)
    }

    /// Adds `other`'s counts to these: the counts of the two together.
    mutating func merge(_ other: DetachmentCounts) {
        for (detachment, theirs) in other.counts {
            if counts[detachment] == nil {
                counts[detachment] = theirs
                continue
            }
            for (key, n) in zip(theirs.keys, theirs.values) { counts[detachment]!.add(key, n) }
        }
    }

    var json: JSONValue {
        .object(counts.sorted { $0.key < $1.key }.map { detachment, keys in
            (detachment, .counts(Dictionary(uniqueKeysWithValues: zip(keys.keys, keys.values))))
        })
    }
}
