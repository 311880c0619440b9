"""Writes the traffic-violation and registered-user samples (SPEC §8) byte for byte.

They join to the vehicles of the same set's vehicles.csv (build_utf8.py / build_gb.py) by plate
and plate type. The rows are hand-written here. The GB18030 set holds the same records in the
forms Chinese exports use (Chinese header and values, other date forms, full-width digits, CRLF,
a quoted CRLF in 备注). Usage, from samples/: python3 -B tools/build_violations.py
"""
import csv
import io

V_HEADER = ["violation_id", "plate_no", "plate_type", "occurred_at", "region_code", "violation_code", "points", "fine",
            "non_site", "status", "processed_at", "handler_id_type", "handler_id_no", "handler_name", "paid", "remark"]
V_GB_HEADER = ["违法编号", "号牌号码", "号牌种类", "违法时间", "违法地区划", "违法代码", "记分", "罚款金额", "非现场", "处理状态",
               "处理时间", "处理人证件类型", "处理人证件号码", "处理人", "缴款状态", "备注"]

# as-of 2024-08-01, cutover 2024-07-01. Vehicles: 粤A12345/02 张三; 粤B34567/02 李四; 粤A23456/01 and
# 沪A13131/01 units; 粤A10101/01 closed (M); 粤AD12345/52 赵六; 粤A18181/02 rejected (its VIN).
VIOLATIONS = [
    ["S01", "粤A12345", "02", "2024-07-05 08:30", "440106", "1625", "3", "200", "Y", "unprocessed", "", "", "", "", "", "W1"],
    ["S02", "粤A·12345", "02", "2024-06-10 14:00", "440106", "13450", "", "0", "", "", "", "", "", "", "", "W1 fine 0, oldest"],
    ["S03", "粤A12345", "02", "2024-07-02 09:00", "440106", "1625", "6", "150.50", "Y", "processed", "2024-07-20 10:00", "A", "440106198001010019", "张三", "N", "W2 by the owner"],
    ["S04", "粤B34567", "02", "2024-07-03 10:00", "440305", "1625", "3", "200", "Y", "processed", "2024-07-21 10:00", "", "31010119850310003X", "王五", "Y", "registered user, paid"],
    ["S05", "粤B34567", "02", "2024-06-25 10:00", "440305", "1625", "3", "200", "Y", "processed", "2024-07-22 10:00", "", "31010119850310003X", "王五", "Y", "W3 registered after"],
    ["S06", "粤A23456", "01", "2024-07-08 10:00", "440106", "1352", "1", "100", "Y", "processed", "2024-07-23 10:00", "", "11010519491231002X", "赵六", "N", "W3 revoked, W2"],
    ["S07", "粤A23456", "01", "2024-07-09 10:00", "440106", "1352", "2", "0", "N", "processed", "2024-07-10 10:00", "", "440305199002150020", "李四", "N", "on site"],
    ["S08", "粤A23456", "01", "2024-06-01 10:00", "440106", "1352", "0", "50", "Y", "processed", "2024-06-20 10:00", "", "440305199002150020", "李四", "N", "before the cutover, W2"],
    ["S09", "沪A13131", "01", "2024-07-15 10:00", "310101", "1352", "0", "0", "Y", "processed", "2024-07-16 10:00", "", "440305199002150020", "李四", "", "W3 not registered"],
    ["S10", "粤A10101", "01", "2024-07-15 10:00", "440106", "1625", "3", "200", "Y", "", "", "", "", "", "", "closed vehicle"],
    ["S11", "粤AD12345", "52", "2024-07-16 10:00", "440106", "1625", "0", "150.50", "Y", "", "", "", "", "", "", "W1 no phone"],
    ["S12", "粤A18181", "02", "2024-07-16 10:00", "440106", "1625", "0", "0", "Y", "", "", "", "", "", "", "UNKNOWN_VEHICLE"],
    ["S13", "粤A12345", "02", "2024-07-16 10:00", "440106", "1625", "13", "0", "Y", "", "", "", "", "", "", "INVALID_NUMBER points"],
    ["S14", "粤A12345", "02", "2024-07-16 10:00", "440106", "1625", "0", "1.234", "Y", "", "", "", "", "", "", "INVALID_NUMBER fine"],
    ["S15", "粤A12345", "02", "2024-07-16 10:00", "440106", "123", "0", "0", "Y", "", "", "", "", "", "", "INVALID_CODE"],
    ["S16", "粤A12345", "02", "2024-07-16 10:00", "440106", "1625", "0", "0", "Y", "processed", "", "", "440305199002150020", "李四", "", "MISSING_FIELD"],
    ["S17", "粤A1234", "02", "2024-07-16 10:00", "440106", "1625", "0", "0", "Y", "", "", "", "", "", "", "INVALID_PLATE"],
    ["S01", "粤A12345", "02", "2024-07-05 08:30", "440106", "1625", "3", "200", "Y", "unprocessed", "", "", "", "", "", "W1"],
    ["S18", "粤A12345", "02", "2024-07-17 10:00", "440106", "1625", "0", "0", "Y", "", "", "", "", "", "", "DUPLICATE_KEY"],
    ["S18", "粤A12345", "02", "2024-07-18 10:00", "440106", "1625", "0", "0", "Y", "", "", "", "", "", "", "DUPLICATE_KEY"],
]
V_GB_CHANGES = {
    0: {9: "未处理", 3: "2024年7月5日 08:30"},
    1: {1: "粤A-12345", 3: "2024/06/10 14:00"},
    2: {9: "已处理", 14: "未缴款", 7: "１５０.５０", 10: "2024年7月20日 10:00"},
    3: {8: "非现场", 9: "已处理", 14: "已缴款", 15: "备案用户\r\n已缴款"},   # a quoted CRLF
    4: {8: "是", 9: "已处理", 14: "已缴款"},
    6: {8: "现场", 9: "已处理", 14: "未缴款"},
    7: {9: "已处理"},
    10: {1: "粤AD·12345"},
    17: {9: "未处理", 3: "2024年7月5日 08:30"},                               # identical to row 0
}

U_HEADER = ["plate_no", "plate_type", "user_id_type", "user_id_no", "user_name", "registered_on", "revoked_on", "remark"]
U_GB_HEADER = ["号牌号码", "号牌种类", "证件类型", "身份证明号码", "姓名", "备案日期", "取消备案日期", "备注"]
USERS = [
    ["粤B34567", "02", "", "31010119850310003X", "王五", "2024-07-01 00:00:00", "", "in force from the cutover"],
    ["粤A23456", "01", "", "11010519491231002X", "赵六", "2024-01-01", "2024-07-01", "revoked"],
    ["粤A12345", "02", "", "440305900215002", "李四", "2024-03-01", "", "15-digit number"],
    ["粤A18181", "02", "", "440106198001010043", "张一", "2024-01-01", "", "UNKNOWN_VEHICLE"],
    ["粤B34567", "02", "", "31010119850310003X", "王五", "2024-07-01 00:00:00", "", "in force from the cutover"],
    ["粤B34567", "02", "", "310101198503100031", "王五", "2024-01-01", "", "INVALID_ID"],
]
U_GB_CHANGES = {
    0: {1: "０２", 5: "2024年7月1日 00:00:00"},
    1: {2: "居民身份证", 6: "2024年7月1日"},
    4: {5: "2024/07/01 00:00:00"},                                            # identical to row 0
}


def render(header, rows, newline):
    out = io.StringIO()
    csv.writer(out, lineterminator=newline).writerows([header] + rows)
    return out.getvalue()


def changed(rows, changes):
    result = []
    for i, row in enumerate(rows):
        row = list(row)
        for column, value in changes.get(i, {}).items():
            row[column] = value
        result.append(row)
    return result


with open("utf8/violations.csv", "w", encoding="utf-8", newline="") as f:
    f.write(render(V_HEADER, VIOLATIONS, "\n"))
with open("utf8/vehicle_users.csv", "w", encoding="utf-8", newline="") as f:
    f.write(render(U_HEADER, USERS, "\n"))
with open("gb18030/violations.csv", "w", encoding="gb18030", newline="") as f:
    f.write(render(V_GB_HEADER, changed(VIOLATIONS, V_GB_CHANGES), "\r\n"))
with open("gb18030/vehicle_users.csv", "w", encoding="gb18030", newline="") as f:
    f.write(render(U_GB_HEADER, changed(USERS, U_GB_CHANGES), "\r\n"))
