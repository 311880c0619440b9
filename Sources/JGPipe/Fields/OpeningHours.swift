/// SPEC §9 `hours` (工作时间): clauses joined by `;`, each days then spans, as
/// `周一至周五 08:30-12:00,14:00-17:30;周六 09:00-12:00`. Days are 周一…周日 or 法定节假日, one day, a
/// range `周一至周五` or a list `周六、周日`; spans are `hh:mm-hh:mm`, each opening before it closes.
public enum OpeningHours {
    static let days = ["周一", "周二", "周三", "周四", "周五", "周六", "周日", "法定节假日"]

    /// nil when `text` parses, else the problem in Chinese (P1).
    public static func problem(_ text: String) -> String? {
        for clause in text.split(separator: ";", omittingEmptySubsequences: false) {
            let parts = clause.split(separator: " ", omittingEmptySubsequences: true)
            guard parts.count == 2 else { return "\"\(clause)\" 不是“日期 时段”的写法（如 周一至周五 08:30-12:00,14:00-17:30）" }
            if let problem = daysProblem(String(parts[0])) { return problem }
            for span in parts[1].split(separator: ",", omittingEmptySubsequences: false) {
                if let problem = spanProblem(String(span)) { return problem }
            }
        }
        return nil
    }

    private static func daysProblem(_ text: String) -> String? {
        let range = text.components(separatedBy: "至")
        let names = range.count == 2 ? range : text.components(separatedBy: "、")
        guard names.allSatisfy(days.contains) else {
            return "\"\(text)\" 不是工作日（\(days.joined(separator: " "))，可写 周一至周五 或 周六、周日）"
        }
        if range.count == 2, let from = days.firstIndex(of: range[0]), let to = days.firstIndex(of: range[1]),
           from >= to || to > 6 {
            return "\"\(text)\" 的起止日期颠倒"
        }
        return nil
    }

    private static func spanProblem(_ text: String) -> String? {
        let ends = text.split(separator: "-", omittingEmptySubsequences: false).map { minutes(String($0)) }
        guard ends.count == 2, let open = ends[0], let close = ends[1] else {
            return "\"\(text)\" 不是 hh:mm-hh:mm 的时段"
        }
        return open < close ? nil : "时段 \"\(text)\" 的开始时间不早于结束时间"
    }

    /// Minutes after midnight of `hh:mm` (00:00–24:00), else nil.
    static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let h = Int(parts[0]), let m = Int(parts[1]), m < 60, h < 24 || (h == 24 && m == 0) else { return nil }
        return h * 60 + m
    }
}
