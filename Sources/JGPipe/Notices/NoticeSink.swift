/// Where stages put the notices they make (SPEC §4), a batch at a time (a streamed stage: one
/// batch per slice). The run reads them back once every stage has run, to order, suppress and
/// write them.
public protocol NoticeSink: AnyObject {
    func add(_ notices: [Notice])
    /// How many notices were added so far.
    var count: Int { get }
}

/// The run's notices, in the order the stages added them.
public final class NoticeCollector: NoticeSink {
    public private(set) var notices: [Notice] = []

    public init() {}

    public func add(_ notices: [Notice]) {
        // The first batch is taken as it is: appending would copy every notice.
        if self.notices.isEmpty { self.notices = notices } else { self.notices += notices }
    }

    public var count: Int { notices.count }
}
