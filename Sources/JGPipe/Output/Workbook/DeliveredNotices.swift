import Dispatch

/// `notifications.csv`, handed from the thread that delivers the notices to the workbook writers,
/// which fill the sheets before 通知 meanwhile (`DetachmentWorkbooks.Writing`): where each
/// detachment's notices are, or the error that stopped the delivery, which stops the writers too.
///
/// Why `@unchecked Sendable` is sound: `outcome` is written once, before the semaphore is
/// signalled, and read only after a wait on it (each waiter signals it again for the next one),
/// as in `BackgroundJob`.
final class DeliveredNotices: @unchecked Sendable {
    private let handed = DispatchSemaphore(value: 0)
    private var outcome: Result<DetachmentRanges?, any Error>?
    private var sheetSource: DetachmentWorkbooks.SheetSource?

    /// Once, by the delivering thread.
    func hand(_ outcome: Result<DetachmentRanges?, any Error>) {
        self.outcome = outcome
        if case let .success(ranges?) = outcome { sheetSource = .init(sheet: WorkbookSheet.notices, ranges: ranges) }
        handed.signal()
    }

    /// The 通知 sheet's source (nil when the run wrote no notifications.csv), once handed.
    func source() throws -> DetachmentWorkbooks.SheetSource? {
        handed.wait()
        handed.signal()
        _ = try outcome!.get()
        return sheetSource
    }
}
