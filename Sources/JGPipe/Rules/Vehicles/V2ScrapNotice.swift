/// V2 (SPEC §3; measure 三.二.2 "对临近报废期限的机动车加强告知"), judged on the as-of date A (SPEC §0):
/// an open vehicle whose scrap date lies in [A, A + noticeDays] is told it is due soon; one whose
/// scrap date is before A, that it is overdue. The notice's due_on is the scrap date.
func applyV2(scrapOn: CalendarDate?, asOf: CalendarDate, noticeDays: Int) -> NoticeType? {
    guard let scrapOn else { return nil }
    if scrapOn < asOf { return .scrapOverdue }
    return scrapOn <= asOf.adding(days: noticeDays) ? .scrapDueSoon : nil
}

extension RuleWording {
    static let V2 = RuleWording(label: "报废提醒", section: "三.二")
}

extension NoticeWording {
    /// What the vehicle stage fills in a vehicle notice (V2, V4, V5).
    static let vehiclePlaceholders = ["owner_name", "you", "plate_no", "vin", "due_on", "effective_on"]

    /// 三.二.2: owners of vehicles close to the scrapping age are told to deregister (V2).
    static let scrapDueSoon = NoticeWording(
        "【交管12123】{owner_name}：{you}名下号牌为{plate_no}的机动车将于{due_on}达到强制报废标准规定的使用年限，请及时交售报废机动车回收企业，并通过“交管12123”APP网上办理注销登记、下载机动车注销证明电子版。",
        placeholders: vehiclePlaceholders)

    /// 三.二.2: the vehicle is past its scrapping age (V2).
    static let scrapOverdue = NoticeWording(
        "【交管12123】{owner_name}：{you}名下号牌为{plate_no}的机动车已于{due_on}达到强制报废标准规定的使用年限，不得上道路行驶，请尽快交售报废机动车回收企业，并通过“交管12123”APP网上办理注销登记。",
        placeholders: vehiclePlaceholders)
}
