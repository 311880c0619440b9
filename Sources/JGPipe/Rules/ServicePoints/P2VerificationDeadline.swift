/// P2 (SPEC §9; measure 七.一: 各支队6月25日前完成线下服务网点信息的采集核查): a point is verified when
/// verified_on is within [verify_from, A]; once A is after verify_by, an open point that is not
/// verified is a gap (`verified_on`, 逾期未核查).
func isVerified(_ verifiedOn: CalendarDate?, from: CalendarDate, asOf: CalendarDate) -> Bool {
    guard let verifiedOn else { return false }
    return verifiedOn >= from && verifiedOn <= asOf
}

func isVerificationOverdue(isOpen: Bool, verified: Bool, verifyBy: CalendarDate, asOf: CalendarDate) -> Bool {
    isOpen && !verified && asOf > verifyBy
}

extension RuleWording {
    static let P2 = RuleWording(label: "服务网点核查期限", section: "七.一")
}
