"""Writes the service-point samples (SPEC §9) byte for byte: service_points.csv and
service_point_feedback.csv, UTF-8 with English headers and GB18030 with Chinese headers, CRLF and
Chinese status values. The rows are hand-written here; the walk-through is
expectations/SERVICE_POINTS.md. Usage, from samples/: python3 -B tools/build_service_points.py
"""
import csv
import io

UTF8_HEADER = ["point_id", "point_name", "point_kind", "region_code", "address", "longitude", "latitude", "hours",
               "services", "window_guide", "phone", "verified_on", "status"]
GB_HEADER = ["网点编号", "网点名称", "网点类型", "所在区划", "地址", "经度", "纬度", "工作时间", "业务范围", "窗口指引", "咨询电话",
             "核查日期", "状态"]
WEEKDAYS = "周一至周五 08:30-12:00,14:00-17:30"
POINTS = [
    ["P01", "天河车管所", "车管所", "440106", "广州市天河区龙口西路1号", "113.33", "23.14", WEEKDAYS,
     "换证|体检|驾驶人考试|机动车登记", "1-5号窗口换证、体检；6号窗口考试", "020-87654321", "2024-06-20", ""],
    ["P02", "天河检验站", "检验机构", "440106", "广州市天河区中山大道100号", "113.38", "23.12", "周一至周日 08:00-18:00",
     "机动车检验|检验标志", "", "020-87650000", "2024-06-10", "open"],
    ["P03", "白云车管分所", "车管分所", "440111", "广州市白云区机场路2号", "113.27", "23.18", WEEKDAYS,
     "审验|换证", "", "13800138000", "2024-06-24", ""],
    ["P04", "越秀交警大队", "交警大队窗口", "440104", "广州市越秀区解放北路3号", "200.0", "23.13", WEEKDAYS,
     "违法处理|罚款缴纳|驾照", "一楼大厅", "020-83111111", "", ""],
    ["P05", "海珠自助服务区", "自助服务区", "440105", "广州市海珠区江南大道4号", "113.27", "23.10", "周一至周五 17:30-08:30",
     "牌证补换", "", "12345", "2024-05-20", ""],
    ["P06", "荔湾旧窗口", "交警大队窗口", "440103", "", "", "", "", "", "", "", "", "closed"],
    ["P07", "浦东邮政代办点", "邮政或银行代办点", "310115", "上海市浦东新区世纪大道5号", "121.52", "31.23", WEEKDAYS,
     "罚款缴纳|牌证补换", "", "021-58880000", "2024-06-01", ""],
    ["P08", "黄浦网吧", "网吧", "310101", "上海市黄浦区南京东路6号", "121.48", "31.24", WEEKDAYS,
     "换证", "", "021-63330000", "2024-06-15", ""],
    ["P09", "区划不明网点", "检验机构", "31010", "上海市某区7号", "121.40", "31.20", WEEKDAYS,
     "机动车检验", "", "021-60000000", "2024-06-15", ""],
    ["P10", "番禺车管分所", "车管分所", "440113", "广州市番禺区市桥路8号", "113.38", "22.94",
     "周一至周五 08:30-17:00;周六、周日 09:00-12:00;法定节假日 09:00-12:00", "换证|违法处理", "2号窗口", "020-84800000",
     "2024-08-01", ""],
    ["", "无编号网点", "检验机构", "440106", "广州市天河区9号", "113.30", "23.10", WEEKDAYS, "机动车检验", "", "020-80000000",
     "2024-06-15", ""],
    ["P11", "重复网点甲", "检验机构", "440106", "广州市天河区10号", "113.30", "23.10", WEEKDAYS, "机动车检验", "",
     "020-80000001", "2024-06-15", ""],
    ["P11", "重复网点乙", "检验机构", "440106", "广州市天河区11号", "113.30", "23.10", WEEKDAYS, "机动车检验", "",
     "020-80000002", "2024-06-15", ""],
]
FEEDBACK_UTF8 = ["feedback_id", "point_id", "field", "reported_value", "received_on", "resolved_on"]
FEEDBACK_GB = ["反馈编号", "网点编号", "纠错字段", "反馈内容", "收到日期", "处理日期"]
FEEDBACK = [
    ["F01", "P01", "hours", "周六也开放", "2024-07-20", ""],
    ["F02", "P02", "phone", "电话打不通", "2024-07-27", ""],
    ["F03", "P02", "address", "已搬迁", "2024-07-26", ""],
    ["F04", "P07", "hours", "午休时间不对", "2024-07-01", "2024-07-03"],
    ["F05", "P07", "services", "不能缴罚款", "2024-07-10", "2024-08-02"],
    ["F06", "P99", "address", "找不到", "2024-07-15", ""],
    ["F07", "P01", "phone", "号码错误", "", ""],
]


def render(header, rows, newline):
    out = io.StringIO()
    csv.writer(out, lineterminator=newline).writerows([header] + rows)
    return out.getvalue()


def gb(row):
    row = list(row)
    row[12] = {"": "正常", "open": "正常", "closed": "停用"}[row[12]]
    return row


with open("utf8/service_points.csv", "w", encoding="utf-8", newline="") as f:
    f.write(render(UTF8_HEADER, POINTS, "\n"))
with open("gb18030/service_points.csv", "w", encoding="gb18030", newline="") as f:
    f.write(render(GB_HEADER, [gb(r) for r in POINTS], "\r\n"))
with open("utf8/service_point_feedback.csv", "w", encoding="utf-8", newline="") as f:
    f.write(render(FEEDBACK_UTF8, FEEDBACK, "\n"))
with open("gb18030/service_point_feedback.csv", "w", encoding="gb18030", newline="") as f:
    f.write(render(FEEDBACK_GB, [r[:4] + [r[4].replace("-", "/"), r[5]] for r in FEEDBACK], "\r\n"))
