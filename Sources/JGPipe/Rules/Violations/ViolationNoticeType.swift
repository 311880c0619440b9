/// The violation notice types of SPEC §8 (rules W1, W2), in summary order.
public enum ViolationNoticeType: String, CaseIterable, Sendable {
    case violationsUnprocessed = "VIOLATIONS_UNPROCESSED"
    case fineUnpaid = "FINE_UNPAID"
}
