/// The vehicle notice types of SPEC §4 (rules V2, V4, V5), in summary order.
public enum VehicleNoticeType: String, CaseIterable, Sendable {
    case scrapDueSoon = "SCRAP_DUE_SOON"
    case scrapOverdue = "SCRAP_OVERDUE"
    case inspectionDue = "INSPECTION_DUE"
    case inspectionOverdue = "INSPECTION_OVERDUE"
    case exemptStickerDue = "EXEMPT_STICKER_DUE"
    case exemptStickerOverdue = "EXEMPT_STICKER_OVERDUE"
    case ecertAvailable = "ECERT_AVAILABLE"
}
