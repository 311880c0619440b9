import Testing
@testable import JGPipe

@Suite struct DuplicateKeysTests {
    @Test func radixSortOrdersLikeTheStandardSort() {
        var generator = SystemRandomNumberGenerator()
        let random = (0..<10_000).map { _ in UInt64.random(in: 0...UInt64.max, using: &generator) }
        // Values that differ only in one byte each, and the extremes.
        let bytes = (0..<64).map { UInt64(1) << $0 } + [0, .max, .max - 1, 0xFF00, 0xFF]
        let values = random + bytes + bytes
        #expect(DuplicateKeys.radixSorted(values) == values.sorted())
        #expect(DuplicateKeys.radixSorted([]) == [])
    }

    @Test func repeatedValuesAreThoseSeenMoreThanOnce() {
        #expect(DuplicateKeys.repeatedValues([5, 1, 5, 9, 1, 5, 0]) == [1, 5])
        #expect(DuplicateKeys.repeatedValues([3, 2, 1]).isEmpty)
        #expect(DuplicateKeys.repeatedValues([.max, 0, .max]) == [.max])
    }
}
