#!/usr/bin/env python3
"""Synthetic, realistic dumps of the seven jgpipe datasets (SPEC §1-§3, §7, §8).

    python3 scripts/generate.py --out DIR --units N --seed S \
        [--encoding utf-8|gb18030] [--invalid-rate 0.002] [--crlf] \
        [--vehicles N] [--enrollments N] [--only units,unit_accounts,...] \
        [--removal-share F] [--mixed-dates] [--licences N] [--violations N]

Writes units.csv, unit_accounts.csv, exam_enrollments.csv, vehicles.csv,
driver_licences.csv, violations.csv and vehicle_users.csv with the SPEC's canonical
headers (accounts carry one extra pass-through column, `remark`).
Standard library only; output is a pure function of the arguments (one
random.Random(seed), no hash-order dependence).

Sizes: about 9 accounts, 0.5 enrollments and 2 vehicles per unit, so
--units 111000 gives ~1M accounts and --units 555000 ~5M. --vehicles and
--enrollments set those counts directly (the province-scale benchmark: 2M
vehicles over 111,000 units); --only writes just the listed files (the others
are still drawn in memory where later files need them, so a file's content does
not depend on which others are written).

--removal-share F (e.g. 0.5) gives that share of units many accounts (21-40, so
R2 removes the ones past the cap): about F of all accounts are removed.
--mixed-dates writes registered_at in every SPEC form with a time, equally often
(2019/08/16 07:47:41, 20190816 07:47:41, 2019-08-16 07:47, ...).

--licences N (default 9 per unit, about one per account) and --violations N
(default one per vehicle) size the SPEC §7 and §8 files; violations and registered
users (vehicle_users.csv, about 6% of person-owned vehicles) join to the vehicles
drawn before them (a pool of at most 4M of them). Licence dates are spread around
2024-06-01, violations dated up to 2024-07-31 and processed up to 2024-08-01 (the
benchmark runs them at as-of 2024-08-01, after the cutover, so W3 has cases).

Speed matters (5M accounts in well under 3 minutes), hence the style: pools of
pre-rendered strings, check characters from precomputed partial weighted sums,
rows formatted once and written in joined chunks.
"""
import argparse
import datetime as dt
import os
import random
import sys
import time

# ---------------------------------------------------------------- reference data
# (region prefix, city, plate prefix(es), weight). Weights roughly follow vehicle counts.
CITIES = [
    ("4401", "广州", "粤A", 9), ("4403", "深圳", "粤B", 9), ("4406", "佛山", "粤E", 4),
    ("4419", "东莞", "粤S", 4), ("3101", "上海", "沪A", 9), ("1101", "北京", "京A", 9),
    ("1201", "天津", "津A", 4), ("5001", "重庆", "渝A", 6), ("5101", "成都", "川A", 7),
    ("3301", "杭州", "浙A", 6), ("3302", "宁波", "浙B", 3), ("3201", "南京", "苏A", 4),
    ("3205", "苏州", "苏E", 5), ("3202", "无锡", "苏B", 2), ("4201", "武汉", "鄂A", 5),
    ("3701", "济南", "鲁A", 3), ("3702", "青岛", "鲁B", 3), ("4101", "郑州", "豫A", 5),
    ("6101", "西安", "陕A", 5), ("3502", "厦门", "闽D", 2), ("3501", "福州", "闽A", 2),
    ("4301", "长沙", "湘A", 3), ("3401", "合肥", "皖A", 3), ("2101", "沈阳", "辽A", 3),
    ("2102", "大连", "辽B", 2), ("2201", "长春", "吉A", 2), ("2301", "哈尔滨", "黑A", 2),
    ("4501", "南宁", "桂A", 2), ("5301", "昆明", "云A", 3), ("5201", "贵阳", "贵A", 2),
    ("3601", "南昌", "赣A", 2), ("1301", "石家庄", "冀A", 3), ("1401", "太原", "晋A", 2),
    ("6201", "兰州", "甘A", 1), ("6501", "乌鲁木齐", "新A", 1), ("4601", "海口", "琼A", 1),
    ("1501", "呼和浩特", "蒙A", 1),
]
DISTRICTS = ["02", "03", "04", "05", "06", "11", "12", "13", "14", "15"]

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
            "于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹"
            "薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
GIVEN = ("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华红玉兰飞鹏辉建国志强"
         "文斌宇浩然子轩梓涵欣怡一诺思远佳琪晨阳雨桐俊杰海燕春梅建华国庆丽萍晓东"
         "小红德明永康嘉豪雅婷心怡博文天佑锦程")
BRAND = ("华盛 鑫源 恒达 宏图 金鹏 瑞丰 顺通 安捷 远航 新世纪 众诚 长青 中联 东方 天成 "
         "汇通 海利 广源 永昌 德信 诚达 兴业 盛世 锦华 万通 嘉禾 润泽 腾飞 博瑞 信达").split()
# (kind, name suffix, weight)
UNIT_KINDS = [("company", "科技有限公司", 30), ("company", "贸易有限公司", 20),
              ("logistics", "物流有限公司", 14), ("logistics", "运输有限公司", 8),
              ("rental", "汽车租赁有限公司", 6), ("taxi", "出租汽车有限公司", 3),
              ("school", "机动车驾驶员培训有限公司", 4), ("company", "建筑工程有限公司", 8),
              ("public", "街道办事处", 2), ("company", "汽车销售服务有限公司", 5)]

ID_W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_CHECK = "10X98765432"
CC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CC_VAL = {c: i for i, c in enumerate(CC_CHARS)}
CC_W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
VIN_CHARS = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ"
VIN_TR = dict(zip("ABCDEFGHJKLMNPRSTUVWXYZ", [1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 7, 9, 2, 3, 4, 5, 6, 7, 8, 9]))
VIN_TR.update({str(d): d for d in range(10)})
VIN_W = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]
VIN_YEAR = "Y123456789ABCDEFGHJKLMNPRSTVWXY"  # 2000..2030
WMI = ["LSV", "LFV", "LGB", "LHG", "LVS", "LSG", "LBV", "LDC", "LGX", "LRW", "LVH", "LFM", "LZW", "LNB", "WDD", "LE4"]
PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # no I, O


def id_check(s17):
    return ID_CHECK[sum(int(c) * w for c, w in zip(s17, ID_W)) % 11]


def cc_check(s17):
    r = 31 - sum(CC_VAL[c] * w for c, w in zip(s17, CC_W)) % 31
    return CC_CHARS[0 if r == 31 else r]


def org_code(n):
    """GB 11714 organisation code (8 body chars + check), used in credit-code positions 9-17."""
    body = f"{n:08d}"
    r = 11 - sum(int(c) * w for c, w in zip(body, [3, 7, 9, 10, 5, 8, 4, 2])) % 11
    return body + ("X" if r == 10 else "0" if r == 11 else str(r))


def csvq(s):
    if any(c in s for c in ',"\n\r'):
        return '"' + s.replace('"', '""') + '"'
    return s


class Dates:
    """Pre-rendered date strings for a contiguous day range, in every accepted form."""

    def __init__(self, start, end):
        self.start = start
        days = [start + dt.timedelta(d) for d in range((end - start).days + 1)]
        self.n = len(days)
        self.days = days
        self.iso = [d.isoformat() for d in days]
        self.slash = [f"{d.year}/{d.month:02d}/{d.day:02d}" for d in days]
        self.slash_u = [f"{d.year}/{d.month}/{d.day}" for d in days]
        self.compact = [f"{d.year}{d.month:02d}{d.day:02d}" for d in days]
        self.cn = [f"{d.year}年{d.month}月{d.day}日" for d in days]

    def mixed(self, i, r):
        """A date in a mixed form; r in [0,1) picks the form."""
        if r < 0.70:
            return self.iso[i]
        if r < 0.82:
            return self.slash[i]
        if r < 0.86:
            return self.slash_u[i]
        if r < 0.94:
            return self.compact[i]
        return self.cn[i]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--units", type=int, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--encoding", choices=["utf-8", "gb18030"], default="utf-8")
    ap.add_argument("--invalid-rate", type=float, default=0.002)
    ap.add_argument("--crlf", action="store_true", help="CRLF line ends (Windows exports)")
    ap.add_argument("--vehicles", type=int, default=None, help="vehicle rows (default 2 per unit)")
    ap.add_argument("--enrollments", type=int, default=None, help="exam enrollments (default 1 per 2 units)")
    ap.add_argument("--only", default=None, help="comma-separated file stems to write, e.g. units,vehicles")
    ap.add_argument("--removal-share", type=float, default=None,
                    help="about this share of accounts removed by R1-R3 (units with 21-40 accounts)")
    ap.add_argument("--mixed-dates", action="store_true", help="registered_at in every dated-time form, equally often")
    ap.add_argument("--licences", type=int, default=None, help="driver licences (default 9 per unit)")
    ap.add_argument("--violations", type=int, default=None, help="violations (default one per vehicle)")
    a = ap.parse_args()
    stems = ["units", "unit_accounts", "exam_enrollments", "vehicles", "driver_licences", "violations", "vehicle_users",
             "service_points", "service_point_feedback"]
    wanted = set(stems if a.only is None else a.only.split(","))
    if not wanted <= set(stems):
        sys.exit(f"generate.py: --only takes {','.join(stems)}")
    t0 = time.time()
    os.makedirs(a.out, exist_ok=True)
    rng = random.Random(a.seed)
    rand, randrange = rng.random, rng.randrange
    NL = "\r\n" if a.crlf else "\n"
    BAD = a.invalid_rate
    N = a.units

    # ---------------------------------------------------------------- regions
    regions, region_city, city_w = [], [], []
    for ci, (pre, city, plate, w) in enumerate(CITIES):
        ds = ["01", "02", "05", "06", "07", "08"] if pre in ("1101", "3101", "1201", "5001") else DISTRICTS
        for d in ds:
            regions.append(pre + d)
            region_city.append(ci)
            city_w.append(w / len(ds))
    R = len(regions)
    region_table = [ri for ri in range(R) for _ in range(int(city_w[ri] * 20) or 1)]  # weighted picks
    reg_sum = [sum(int(c) * w for c, w in zip(r, ID_W[:6])) for r in regions]

    # ---------------------------------------------------------------- persons
    # Person p -> a unique 18-digit identity number via a bijection on
    # [0, R*D*1000): region, birth date, sequence. Check char from partial sums.
    bdates = Dates(dt.date(1958, 1, 1), dt.date(2003, 12, 31))
    D = bdates.n
    bd_sum = [sum(int(c) * w for c, w in zip(s, ID_W[6:14])) for s in bdates.compact]
    bd_15 = [s[2:] if s.startswith("19") else None for s in bdates.compact]
    seq_str = [f"{s:03d}" for s in range(1000)]
    seq_sum = [sum(int(c) * w for c, w in zip(s, ID_W[14:])) for s in seq_str]
    M = R * D * 1000
    MUL = 2654435761 % M
    while _gcd(MUL, M) != 1:
        MUL += 1
    names = []
    for _ in range(40000):
        n = SURNAMES[randrange(len(SURNAMES))] + GIVEN[randrange(len(GIVEN))]
        if rand() < 0.7:
            n += GIVEN[randrange(len(GIVEN))]
        names.append(n)
    NN = len(names)
    mobile_pre = ["130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155",
                  "156", "157", "158", "159", "166", "170", "176", "177", "180", "181", "182", "185", "186",
                  "187", "188", "189", "191", "198", "199"]

    def person(p, allow15=True):
        """(id_no, name, phone) of person p; ~1% of older people sometimes appear as a 15-digit number."""
        j = (p * MUL) % M
        ri = j % R
        j //= R
        di = j % D
        s = j // D
        if allow15 and p % 97 == 3 and bd_15[di] is not None and rand() < 0.6:
            idno = regions[ri] + bd_15[di] + seq_str[s]
        else:
            idno = regions[ri] + bdates.compact[di] + seq_str[s] + ID_CHECK[(reg_sum[ri] + bd_sum[di] + seq_sum[s]) % 11]
        h = (p * 40503 + 17) & 0xFFFFFFF
        return idno, names[h % NN], mobile_pre[h % 32] + f"{(p * 7919 + h) % 100000000:08d}"

    def bad_id(idno):
        if len(idno) == 18:  # wrong check character
            c = idno[17]
            return idno[:17] + ("0" if c != "0" else "1")
        return idno[:14]  # 14 digits: neither form

    # ---------------------------------------------------------------- units
    kinds_table = [k for k, (kind, suf, w) in enumerate(UNIT_KINDS) for _ in range(w)]
    # accounts per unit: body 1..10, long tail 11..20 (R2 fires); mean ~9
    k_weights = {1: 1.5, 2: 2, 3: 2.5, 4: 3, 5: 4, 6: 5, 7: 8, 8: 12, 9: 17, 10: 25,
                 11: 3, 12: 2.6, 13: 2.2, 14: 1.9, 15: 1.6, 16: 1.4, 17: 1.2, 18: 1.0, 19: 0.9, 20: 0.8}
    k_table = [k for k, w in k_weights.items() for _ in range(int(w * 10))]
    kt = len(k_table)

    org_base = 10000000
    unit_code, unit_region, unit_name, unit_kind, unit_lp = [], [], [], [], []
    unit_lines = ["unit_code,unit_name,legal_person_id_type,legal_person_id_no,legal_person_name,region_code,contact_phone" + NL]
    next_person = 0
    AGENTS = max(10, int(N * 9 * 0.025))  # people who hold accounts in many units
    next_person = AGENTS
    lp_recent = []
    for u in range(N):
        ri = region_table[randrange(len(region_table))]
        kind = kinds_table[randrange(len(kinds_table))]
        kname, suf, _ = UNIT_KINDS[kind]
        typ = "12" if kname == "public" else ("92" if rand() < 0.05 else "91")
        oc = org_code(org_base + (u * 7 + 3) % 89000000)
        s17 = typ + regions[ri] + oc
        code = s17 + cc_check(s17)
        if rand() < BAD:
            code = s17 + ("0" if code[17] != "0" else "1")  # bad check char -> unit rejected
        city = CITIES[region_city[ri]][1]
        name = f"{city}{BRAND[randrange(30)]}{BRAND[randrange(30)]}{suf}"
        if rand() < 0.002:
            name = csvq(f"{name}（{BRAND[randrange(30)]}分公司,第{randrange(1, 9)}门店）")
        # legal person: usually a new person; ~6% are legal person of several units
        if lp_recent and rand() < 0.06:
            lp = lp_recent[randrange(len(lp_recent))]
        else:
            lp = next_person
            next_person += 1
            lp_recent.append(lp)
            if len(lp_recent) > 5000:
                lp_recent.pop(0)
        lpid, lpname, lpphone = person(lp, allow15=False)
        r = rand()
        lptype = "A" if r < 0.85 else ""
        if r < 0.75:
            phone = lpphone
        elif r < 0.9:
            phone = f"0{20 + randrange(80)}-{randrange(60000000, 89999999)}"
        else:
            phone = f"{mobile_pre[randrange(32)]}{randrange(100000000):08d}"[:11] if rand() < 0.9 else "12345"
        unit_code.append(code)
        unit_region.append(ri)
        unit_name.append(name)
        unit_kind.append(kname)
        unit_lp.append(lp)
        unit_lines.append(f"{code},{name},{lptype},{lpid},{lpname},{regions[ri]},{phone}{NL}")
    write(a, "units.csv", unit_lines, wanted)
    del unit_lines
    t_units = time.time()

    # ---------------------------------------------------------------- unit accounts
    reg_dates = Dates(dt.date(2016, 1, 1), dt.date(2024, 12, 31))
    RD = reg_dates.n
    reg_legacy_cut = (dt.date(2019, 1, 1) - reg_dates.start).days
    times = [f"{h:02d}:{m:02d}:{s:02d}" for h in range(24) for m in range(60) for s in range(60)]
    times_hm = [f"{h:02d}:{m:02d}" for h in range(24) for m in range(60)]
    bad_dates = ["2021-02-30 10:00:00", "2023-13-05", "2022/00/10", "20210231", "2021年2月30日", "not a date"]

    mixed_forms = [
        lambda d: f"{reg_dates.iso[d]} {times[randrange(86400)]}",
        lambda d: f"{reg_dates.iso[d]} {times_hm[randrange(1440)]}",
        lambda d: f"{reg_dates.slash[d]} {times[randrange(86400)]}",
        lambda d: f"{reg_dates.slash[d]} {times_hm[randrange(1440)]}",
        lambda d: f"{reg_dates.compact[d]} {times[randrange(86400)]}",
        lambda d: f"{reg_dates.compact[d]} {times_hm[randrange(1440)]}",
        lambda d: f"{reg_dates.cn[d]} {times[randrange(86400)]}",
        lambda d: reg_dates.slash_u[d],
    ]

    def reg_at():
        d = randrange(RD)
        if a.mixed_dates:
            return d, mixed_forms[randrange(len(mixed_forms))](d)
        r = rand()
        if r < 0.55:
            return d, f"{reg_dates.iso[d]} {times[randrange(86400)]}"
        if r < 0.65:
            return d, reg_dates.iso[d]
        if r < 0.75:
            return d, f"{reg_dates.slash[d]} {times_hm[randrange(1440)]}"
        if r < 0.79:
            return d, reg_dates.slash_u[d]
        if r < 0.90:
            return d, reg_dates.compact[d]
        return d, reg_dates.cn[d]

    def status():
        r = rand()
        if r < 0.72:
            return "active"
        if r < 0.80:
            return "正常"
        if r < 0.93:
            return ""
        if r < 0.98:
            return "disabled"
        return "停用"

    def role():
        r = rand()
        if r < 0.74:
            return ""
        if r < 0.88:
            return "ordinary"
        if r < 0.96:
            return "admin"
        if r < 0.98:
            return "普通用户"
        return "管理员"

    # registration channel notes; a few need quoting (comma, quote, newline)
    remarks = ["交管12123注册", "交管12123注册", "互联网交通安全综合服务管理平台注册", "车管所窗口注册",
               "迁移自旧系统(2019)", "交管12123注册;已实名认证", "窗口注册;经办人核验原件",
               csvq("备注: 补录, 待核实"), csvq('代办人"张"经办'), csvq("原账号已注销\n重新注册")]
    ghost = []  # valid credit codes that are not in units.csv (UNKNOWN_UNIT)
    for g in range(50):
        s17 = "91" + regions[g % R] + org_code(99000000 + g)
        ghost.append(s17 + cc_check(s17))

    # --removal-share F: a share q of units gets 21-40 accounts; R2 removes about k - 10 of them
    # (0.9 of 20.5 on average), so removed / all = 18.5 q / (9 + 21.5 q) = F.
    big_share = None
    if a.removal_share is not None:
        big_share = min(1.0, max(0.0, 9 * a.removal_share / (18.5 - 21.5 * a.removal_share)))
    f = Sink(a, "unit_accounts.csv", wanted)
    f.write("account_id,unit_code,holder_id_type,holder_id_no,holder_name,holder_phone,registered_at,status,role,replace_permit,remark" + NL)
    n_acc = 0
    legacy_id, new_id = 0, 0
    BLOCK = 20000  # units per block; rows are shuffled within a block so a unit's accounts are not adjacent
    for b0 in range(0, N, BLOCK):
        rows = []  # (legacy?, row without account_id)
        for u in range(b0, min(N, b0 + BLOCK)):
            k = k_table[randrange(kt)]
            if big_share is not None and rand() < big_share:
                k = 21 + randrange(20)
            code = unit_code[u]
            lp = unit_lp[u]
            holders = []
            for slot in range(k):
                r = rand()
                rl = ""
                if slot == 0 and r < 0.85:
                    p = lp
                    rl = "legal_person" if rand() < 0.3 else ("法人" if rand() < 0.05 else "")
                elif holders and r < 0.012:
                    p = holders[randrange(len(holders))]  # same person twice in a unit (R1)
                    rl = role()
                elif r < 0.13:
                    p = randrange(AGENTS)  # 代办人 holding accounts in many units (R3)
                    rl = role()
                else:
                    p = next_person
                    next_person += 1
                    rl = role()
                holders.append(p)
                idno, name, phone = person(p)
                if rand() < 0.1:
                    phone = ""
                d, ra = reg_at()
                st = status()
                r = rand()
                rp = "" if r < 0.8 else ("Y" if r < 0.92 else "N")
                t = "A" if rand() < 0.9 else ""
                if p > 50 and p % 211 == 5:  # a few foreign holders (passport, type F)
                    t, idno = "F", f"E{p % 100000000:08d}"
                c = code
                if rand() < BAD:
                    r = rand()
                    if r < 0.4:
                        idno = bad_id(idno)
                    elif r < 0.7:
                        ra = bad_dates[randrange(len(bad_dates))]
                    else:
                        c = ghost[randrange(len(ghost))]
                r = rand()
                rem = remarks[randrange(7)] if r < 0.75 else ("" if r < 0.999 else remarks[randrange(7, 10)])
                legacy = d < reg_legacy_cut and rand() < 0.8
                rows.append((legacy, f",{c},{t},{idno},{name},{phone},{ra},{st},{rl},{rp},{rem}{NL}"))
        rng.shuffle(rows)
        out = []
        for legacy, row in rows:
            if legacy:  # 8-digit ids from the old system, 12-digit since
                legacy_id += 1
                aid = 10000000 + legacy_id * 3
            else:
                new_id += 1
                aid = 200000000000 + new_id * 7
            line = f"{aid}{row}"
            out.append(line)
            if rand() < 0.0002:
                out.append(line)  # exact duplicate line (export glitch; collapses)
        n_acc += len(rows)
        f.write("".join(out))
    f.close()
    t_acc = time.time()

    # ---------------------------------------------------------------- exam enrollments
    people_used = next_person
    exam_dates = Dates(dt.date(2005, 1, 1), dt.date(2024, 12, 31))
    d2023 = (dt.date(2023, 6, 1) - exam_dates.start).days
    d_exp_lo = (dt.date(2008, 1, 1) - exam_dates.start).days
    d_exp_hi = (dt.date(2023, 12, 31) - exam_dates.start).days
    orig_cls = [("C1", 35), ("C2", 10), ("C1C6", 5), ("C1,C6", 2), ("A2D", 3), ("A2、D", 1), ("B2", 8),
                ("A1", 3), ("B1", 3), ("C1E", 3), ("D", 3), ("C2C6", 2), ("A2", 3), ("B2D", 2), ("A3", 1),
                ("C3", 1), ("C1 C6", 1), ("A1A2", 1), ("C1/D", 1)]
    orig_table = [c for c, w in orig_cls for _ in range(w)]
    req_cls = [("C1", 45), ("C2", 8), ("C1C6", 6), ("C2C6", 2), (None, 20), ("B2", 5), ("D", 3), ("C1D", 2),
               ("C1，C6", 1), ("A2", 2)]
    req_table = [c for c, w in req_cls for _ in range(w)]
    reasons = ["overdue_renewal"] * 55 + ["逾期未换证"] * 15 + ["overdue_inspection"] * 12 + ["revoked"] * 8 + \
              ["voluntary"] * 6 + ["other"] * 4
    subj = ["passed"] * 30 + ["合格"] * 5 + ["not_taken"] * 15 + [""] * 15 + ["未考"] * 5 + ["booked"] * 12 + \
           ["已预约"] * 3 + ["failed"] * 12 + ["不合格"] * 3
    exclusions = ["注销后已重新取得驾驶证", "注销期间被吊销驾驶证", "无证期间有驾驶证被吊销情形"]
    lines = Sink(a, "exam_enrollments.csv", wanted)
    lines.append("enrollment_id,applicant_id_type,applicant_id_no,applicant_name,applicant_phone,region_code,"
             "original_classes,requested_classes,cancel_reason,license_expiry_date,enrolled_on,subject1,subject2,"
             "subject3_road,subject3_safety,subject2_booked_on,exclusion" + NL)
    n_exam = N // 2 if a.enrollments is None else a.enrollments
    for i in range(n_exam):
        p = randrange(people_used)
        idno, name, phone = person(p)
        ri = region_table[randrange(len(region_table))]
        o = orig_table[randrange(len(orig_table))]
        q = req_table[randrange(len(req_table))] or o
        reason = reasons[randrange(100)]
        exp = exam_dates.mixed(randrange(d_exp_lo, d_exp_hi), rand()) if reason in ("overdue_renewal", "逾期未换证") or rand() < 0.3 else ""
        enr = exam_dates.mixed(randrange(d2023, exam_dates.n), rand())
        s1, s2, s3r, s3s = subj[randrange(100)], subj[randrange(100)], subj[randrange(100)], subj[randrange(100)]
        booked = exam_dates.iso[randrange(d2023, exam_dates.n)] if (s2 in ("booked", "已预约") or rand() < 0.05) else ""
        exc = exclusions[randrange(3)] if rand() < 0.03 else ""
        if rand() < BAD:
            r = rand()
            if r < 0.3:
                idno = bad_id(idno)
            elif r < 0.6:
                enr = bad_dates[randrange(len(bad_dates))]
            else:
                o = "C9"
        lines.append(f"BM{44000000000 + i * 13},A,{idno},{name},{phone},{regions[ri]},{csvq(o)},{csvq(q)},"
                     f"{reason},{exp},{enr},{s1},{s2},{s3r},{s3s},{booked},{exc}{NL}")
    lines.close()
    t_exam = time.time()

    # ---------------------------------------------------------------- vehicles
    veh_dates = Dates(dt.date(2004, 1, 1), dt.date(2026, 12, 31))
    d_reg_hi = (dt.date(2024, 5, 31) - veh_dates.start).days
    d_ins_lo = (dt.date(2023, 9, 1) - veh_dates.start).days
    d_ins_hi = (dt.date(2026, 6, 30) - veh_dates.start).days
    d_scr_lo = (dt.date(2024, 3, 1) - veh_dates.start).days
    d_scr_hi = (dt.date(2024, 8, 31) - veh_dates.start).days
    vds = ["".join(VIN_CHARS[randrange(10, 33) if j % 2 == 0 else randrange(33)] for j in range(5)) for _ in range(400)]
    prefix_sum = [(w, v, sum(VIN_TR[c] * VIN_W[j] for j, c in enumerate(w + v))) for w in WMI for v in vds]
    plant = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
    ser_hi = [sum(int(c) * w for c, w in zip(f"{x:03d}", VIN_W[11:14])) for x in range(1000)]
    ser_lo = [sum(int(c) * w for c, w in zip(f"{x:03d}", VIN_W[14:17])) for x in range(1000)]
    # (vehicle_type, use_nature, plate_type, weight) per owner kind
    vt_person = [("K33", "A", 70), ("K31", "A", 6), ("K32", "A", 3), ("K43", "A", 2), ("M21", "A", 6),
                 ("M22", "A", 2), ("H31", "F", 4), ("K33", "T", 4), ("K33", "U", 1), ("N11", "A", 2)]
    vt_unit = {
        "company": [("K33", "A", 60), ("K31", "A", 10), ("K32", "A", 5), ("K11", "A", 4), ("H31", "F", 10),
                    ("H21", "F", 6), ("K33", "L", 5)],
        "logistics": [("H11", "F", 25), ("H21", "F", 20), ("H31", "F", 15), ("Q11", "F", 15), ("H41", "F", 5),
                      ("H11", "R", 8), ("K33", "A", 12)],
        "rental": [("K33", "G", 70), ("K32", "G", 15), ("K31", "G", 10), ("K33", "A", 5)],
        "taxi": [("K33", "D", 80), ("K33", "T", 10), ("K33", "M", 5), ("K33", "A", 5)],
        "school": [("K33", "N", 55), ("K21", "N", 5), ("H21", "N", 5), ("M21", "N", 10), ("K11", "S", 10),
                   ("K33", "A", 15)],
        "public": [("K33", "A", 60), ("K11", "C", 20), ("K21", "B", 10), ("K31", "E", 10)],
    }
    vt_tables = {k: [(t, n) for t, n, w in v for _ in range(w)] for k, v in vt_unit.items()}
    vt_ptable = [(t, n) for t, n, w in vt_person for _ in range(w)]
    statuses = [""] * 60 + ["A"] * 28 + ["E"] * 5 + ["M"] * 1 + ["G"] * 3 + ["D"] * 2 + ["K"] * 1
    lines = Sink(a, "vehicles.csv", wanted)
    lines.append("vin,plate_no,plate_type,vehicle_type,use_nature,owner_type,owner_id_type,owner_id_no,owner_name,"
             "owner_phone,region_code,registered_on,inspection_valid_until,status,scrap_received_on,scrap_region_code" + NL)
    n_veh = 2 * N if a.vehicles is None else a.vehicles
    # The vehicles violations and users join to: (canonical plate, plate type, owner person or -1, open).
    POOL_MAX = 4000000
    pool_every = -(-n_veh // POOL_MAX)
    pool_plate, pool_ptype, pool_owner, pool_open = [], [], [], []
    for i in range(n_veh):
        u = randrange(N)
        ri = unit_region[u]
        p_owner = -1
        if rand() < 0.4:
            otype, oidt, oid, oname = "unit", "B", unit_code[u], unit_name[u]
            ophone = person(unit_lp[u], False)[2]
            vt, un = vt_tables[unit_kind[u]][randrange(len(vt_tables[unit_kind[u]]))]
        else:
            otype, oidt = "person", "A"
            p_owner = randrange(people_used)
            oid, oname, ophone = person(p_owner)
            ri = region_table[randrange(len(region_table))]
            vt, un = vt_ptable[randrange(len(vt_ptable))]
        if rand() < 0.05:
            otype = "个人" if otype == "person" else "单位"
        regd = randrange(d_reg_hi)
        year = veh_dates.days[regd].year
        w, v, ps = prefix_sum[randrange(len(prefix_sum))]
        yc = VIN_YEAR[year - 2000] if year >= 2000 else "Y"
        pc = plant[randrange(33)]
        ser = randrange(1000000)
        sh, sl = divmod(ser, 1000)
        chk = (ps + VIN_TR[yc] * 9 + VIN_TR[pc] * 8 + ser_hi[sh] + ser_lo[sl]) % 11
        chk_c = "X" if chk == 10 else str(chk)
        if rand() < 0.03:  # imports / bad data: wrong position-9 check digit (warning only)
            chk_c = str((chk + 1) % 10)
        vin = f"{w}{v}{chk_c}{yc}{pc}{ser:06d}"
        # plate
        pre = CITIES[region_city[ri]][2]
        r = rand()
        ev = vt in ("K33", "K32", "K31") and year >= 2018 and r < 0.3
        if ev:
            if rand() < 0.9:
                plate, ptype = f"{pre}{'DF'[randrange(2)]}{(PLATE_LETTERS + '0123456789')[randrange(34)]}{randrange(10000):04d}", "52"
            else:
                plate, ptype = f"{pre}{randrange(100000):05d}{'DF'[randrange(2)]}", "51"
        else:
            big = vt[0] in "HQ" or vt in ("K11", "K21")
            ptype = "01" if big else ("07" if vt[0] == "M" else "02")
            if rand() < 0.5:
                j = randrange(5)
                tail = f"{randrange(10000):04d}"
                serial = tail[:j] + PLATE_LETTERS[randrange(24)] + tail[j:]
            else:
                serial = f"{randrange(100000):05d}"
            if un == "N":
                serial = serial[:4] + "学"
                ptype = "16"
            elif vt == "Q11" and rand() < 0.3:
                serial = serial[:4] + "挂"
                ptype = "15"
            plate = pre + serial
        canonical_plate = plate
        r = rand()
        if r < 0.03:
            plate = plate[:2] + "·" + plate[2:]
        elif r < 0.04:
            plate = plate[:2] + " " + plate[2:]
        st = statuses[randrange(100)]
        if st in ("E", "M") and rand() < 0.5:
            plate = ""
        ins = veh_dates.mixed(randrange(d_ins_lo, d_ins_hi), rand()) if st not in ("E", "M") else ""
        if rand() < 0.02:
            src = veh_dates.iso[randrange(d_scr_lo, d_scr_hi)]
            srg = regions[ri] if rand() < 0.8 else regions[region_table[randrange(len(region_table))]]
        else:
            src = srg = ""
        regs = veh_dates.mixed(regd, rand())
        bad = rand() < BAD
        if bad:
            r = rand()
            if r < 0.3:
                plate = plate[:2] + "I0O12"
            elif r < 0.6:
                regs = bad_dates[randrange(len(bad_dates))]
            else:
                vin = vin[:10] + "O" + vin[11:]
        lines.append(f"{vin},{plate},{ptype},{vt},{un},{otype},{oidt},{oid},{oname},{ophone},{regions[ri]},"
                     f"{regs},{ins},{st},{src},{srg}{NL}")
        if plate and not bad and i % pool_every == 0:
            pool_plate.append(canonical_plate)
            pool_ptype.append(ptype)
            pool_owner.append(p_owner)
            pool_open.append(st not in ("E", "M"))
    lines.close()
    t_veh = time.time()
    # Licences and violations draw from random streams of their own, so each is drawn only when
    # written without changing the other (and the first four files do not change for a seed).
    n_lic = n_viol = n_users = 0
    if "driver_licences" in wanted:
        n_lic = licences(a, wanted, random.Random(a.seed * 1000003 + 7), NL, BAD, 9 * N if a.licences is None else a.licences, person, people_used,
                         regions, region_table, reg_sum, bad_id, bad_dates, seq_str, seq_sum)
    t_lic = time.time()
    if "violations" in wanted or "vehicle_users" in wanted:
        n_viol, n_users = violations(a, wanted, random.Random(a.seed * 1000003 + 11), NL, BAD,
                                     n_veh if a.violations is None else a.violations, person, people_used, regions,
                                     region_table, pool_plate, pool_ptype, pool_owner, pool_open)
    n_points = 0
    if "service_points" in wanted or "service_point_feedback" in wanted:
        n_points = service_points(a, wanted, random.Random(a.seed * 1000003 + 13), NL, regions)
    t_end = time.time()
    sizes = {stem + ".csv": os.path.getsize(os.path.join(a.out, stem + ".csv")) for stem in stems if stem in wanted}
    print(f"generate: units={N} accounts={n_acc} enrollments={n_exam} vehicles={n_veh} seed={a.seed} "
          f"encoding={a.encoding} in {t_end - t0:.1f}s (units {t_units - t0:.1f}s, accounts {t_acc - t_units:.1f}s, "
          f"exams {t_exam - t_acc:.1f}s, vehicles {t_veh - t_exam:.1f}s, licences {t_lic - t_veh:.1f}s, "
          f"violations {t_end - t_lic:.1f}s); licences={n_lic} violations={n_viol} vehicle_users={n_users} "
          f"service_points={n_points}",
          file=sys.stderr)
    for fn, s in sizes.items():
        print(f"  {fn:24s} {s / 1e6:9.1f} MB", file=sys.stderr)


def legacy_form(idno, p, rand):
    """As `person` does with the main stream: about 1 % of people born in the 1900s sometimes
    written as their 15-digit number; here with the caller's own stream."""
    if p % 97 == 3 and idno[6:8] == "19" and rand() < 0.6:
        return idno[:6] + idno[8:17]
    return idno


# ---------------------------------------------------------------- driver licences (SPEC §7)
LICENCE_CLASSES = [("C1", 52), ("C2", 14), ("C1C6", 3), ("C1,C6", 1), ("C1E", 4), ("B2", 5), ("A2", 2), ("A1", 1),
                   ("B1", 1), ("A2D", 1), ("B2E", 1), ("A3", 1), ("D", 4), ("E", 2), ("C2、C6", 1), ("C3", 1),
                   ("c1", 1), ("C5", 1)]
LICENCE_STATUSES = [""] * 58 + ["A"] * 33 + ["G"] * 5 + ["注销"] * 1 + ["F"] * 2 + ["E"] * 1


def licences(a, wanted, rng, NL, BAD, n, person, people_used, regions, region_table, reg_sum, bad_id, bad_dates,
             seq_str, seq_sum):
    """driver_licences.csv: one licence per holder; the shares are set so that every rule of
    SPEC §7 fires on a run at 2024-06-01: ~1.5% renewal due (valid_until within 90 days), ~2%
    overdue by less than a year, ~1% open and more than a year past (the cancellation work
    list), 6% cancelled (G, most for an overdue renewal: D4 on both sides of three years), 8%
    large classes (D2 by their points), ~3% holders around 70 (D3 by age, D5 at 70, the work
    list without a certificate) and ~2% around 60 (D5 at 60); 0.3% with a legacy 15-digit number,
    some passports (most with a birth_date); 0.02% exact duplicate lines, 0.01% the same holder
    again with another expiry (DUPLICATE_KEY), one in ten of those written in the other identity
    form. The revision of 2026-12-07's columns: points and points_cycle_end for ~70% of large
    classes and ~40% of others (the cycle ending on C in 85% of those, the one before else; 60%
    zero points), review_flag Y for 0.3%."""
    rand, randrange = rng.random, rng.randrange
    dates = Dates(dt.date(1985, 1, 1), dt.date(2036, 12, 31))
    d_asof = (dt.date(2024, 6, 1) - dates.start).days
    elder_days = Dates(dt.date(1936, 1, 1), dt.date(1956, 12, 31))
    elder_sum = [sum(int(c) * w for c, w in zip(s, ID_W[6:14])) for s in elder_days.compact]
    sixty_days = Dates(dt.date(1962, 1, 1), dt.date(1966, 12, 31))
    sixty_sum = [sum(int(c) * w for c, w in zip(s, ID_W[6:14])) for s in sixty_days.compact]
    birth_days = Dates(dt.date(1940, 1, 1), dt.date(2000, 12, 31))
    horizon = dt.date(2024, 6, 1) + dt.timedelta(30)                # A + 30: C is on or before it

    def anniversary(first_day, y):
        """first_day in year y (29 February → 28 February, SPEC §0)."""
        try:
            return first_day.replace(year=y)
        except ValueError:
            return first_day.replace(year=y, day=28)

    def cycle_end(first_day):
        """SPEC §7 C for a licence first issued on `first_day`: the latest anniversary ≤ A + 30."""
        y = horizon.year if anniversary(first_day, horizon.year) <= horizon else horizon.year - 1
        return anniversary(first_day, y) if y > first_day.year else None
    cls_table = [c for c, w in LICENCE_CLASSES for _ in range(w)]
    lines = Sink(a, "driver_licences.csv", wanted)
    lines.append("holder_id_type,holder_id_no,holder_name,holder_phone,region_code,classes,first_issued_on,"
                 "valid_until,status,cancel_reason,last_medical_on,last_reviewed_on,points,points_cycle_end,"
                 "review_flag,birth_date" + NL)
    written = 0
    for i in range(n):
        # Holders beyond the people drawn so far are new people (the bijection covers them all).
        idno, name, phone = person(people_used + i, False)
        idno = legacy_form(idno, people_used + i, rand)
        g = rand()
        elder = g < 0.03
        if g < 0.05:
            group, sums = (elder_days, elder_sum) if elder else (sixty_days, sixty_sum)
            ri = region_table[randrange(len(region_table))]
            di = randrange(group.n)
            s = randrange(1000)
            idno = regions[ri] + group.compact[di] + seq_str[s] + ID_CHECK[(reg_sum[ri] + sums[di] + seq_sum[s]) % 11]
        t = "A" if rand() < 0.7 else ""
        birth = ""
        if i % 397 == 11:
            t, idno = "F", f"E{(i * 7) % 100000000:08d}"
            if rand() < 0.8:
                birth = birth_days.iso[randrange(birth_days.n)]
        ri = region_table[randrange(len(region_table))]
        cls = cls_table[randrange(len(cls_table))]
        large = any(c in cls for c in ("A1", "A2", "A3", "B1", "B2"))
        first = randrange((dt.date(1990, 1, 1) - dates.start).days, d_asof - 30)
        r = rand()
        if r < 0.015:
            until = d_asof + randrange(0, 91)                     # D1 renewal due
        elif r < 0.035:
            until = d_asof - randrange(1, 366)                    # D1 overdue, within the year
        elif r < 0.045:
            until = d_asof - randrange(366, 3000)                 # open and long past: the work list
        else:
            until = d_asof + randrange(91, (dt.date(2036, 12, 31) - dt.date(2024, 6, 1)).days)
        st = LICENCE_STATUSES[randrange(len(LICENCE_STATUSES))]
        reason = ""
        if st in ("G", "注销"):
            until = d_asof - randrange(30, 2600)                  # cancelled some time ago
            rr = rand()
            reason = "overdue_renewal" if rr < 0.6 else ("逾期未换证" if rr < 0.8 else ("voluntary" if rr < 0.9 else ""))
        first = min(first, until - 365)
        med = rev = ""
        if large or elder:
            if rand() < 0.8:
                med = dates.iso[d_asof - randrange(1, 500)]
            if large and rand() < 0.8:
                rev = dates.iso[d_asof - randrange(1, 500)]
        points = pce = flag = ""
        if rand() < (0.7 if large else 0.4):
            c = cycle_end(dates.days[first])
            if c is not None:
                if rand() >= 0.85 and c.year - 1 > dates.days[first].year:
                    c = anniversary(dates.days[first], c.year - 1)  # the cycle before C: D2 cannot tell
                points = "0" if rand() < 0.6 else str(randrange(1, 13))
                pce = c.isoformat()
        if rand() < 0.003:
            flag = "Y"
        fi, vu = dates.mixed(first, rand()), dates.mixed(until, rand())
        if rand() < BAD:
            r = rand()
            if r < 0.3:
                idno = bad_id(idno)
            elif r < 0.55:
                vu = bad_dates[randrange(len(bad_dates))]
            elif r < 0.8:
                cls = "C9"
            else:
                regions_bad = regions[ri][:4]
                ri = -1
        region = regions[ri] if ri >= 0 else regions_bad
        extra = f"{points},{pce},{flag},{birth}"
        line = f"{t},{idno},{name},{phone},{region},{csvq(cls)},{fi},{vu},{st},{reason},{med},{rev},{extra}{NL}"
        lines.append(line)
        written += 1
        r = rand()
        if r < 0.0002:
            lines.append(line)                                    # exact duplicate (collapses)
            written += 1
        elif r < 0.0003:
            if len(idno) == 18 and idno[6:8] == "19" and rand() < 0.5:
                idno = idno[:6] + idno[8:17]                      # the same holder, legacy form
            lines.append(f"{t},{idno},{name},{phone},{region},{csvq(cls)},{fi},{dates.iso[min(until + 3650, dates.n - 1)]},{st},"
                         f"{reason},{med},{rev},{extra}{NL}")     # another expiry: DUPLICATE_KEY
            written += 1
    lines.close()
    return written


# ---------------------------------------------------------------- service points (SPEC §9)
POINT_KINDS = ["车管所", "车管分所", "交警大队窗口", "检验机构", "邮政或银行代办点", "自助服务区"]
POINT_SERVICES = {"车管所": ["换证", "审验", "体检", "驾驶人考试", "机动车登记", "注销登记", "牌证补换"],
                  "车管分所": ["换证", "审验", "体检", "机动车登记", "牌证补换"],
                  "交警大队窗口": ["违法处理", "罚款缴纳"], "检验机构": ["机动车检验", "检验标志"],
                  "邮政或银行代办点": ["罚款缴纳", "牌证补换", "报废"], "自助服务区": ["换证", "违法处理", "罚款缴纳"]}


def service_points(a, wanted, rng, NL, regions):
    """service_points.csv: three to five points per region, kinds by turn, most complete and
    verified in June 2024 (P1, P2 on both sides of 25 June), ~8% with a gap (no window guide,
    hours that do not parse, a coordinate outside China, an unknown service), 3% closed; and
    service_point_feedback.csv: one correction per two points, received in July 2024, a third
    resolved (P5). Returns the number of points."""
    rand, randrange = rng.random, rng.randrange
    points = Sink(a, "service_points.csv", wanted)
    points.append("point_id,point_name,point_kind,region_code,address,longitude,latitude,hours,services,"
                  "window_guide,phone,verified_on,status" + NL)
    feedback = Sink(a, "service_point_feedback.csv", wanted)
    feedback.append("feedback_id,point_id,field,reported_value,received_on,resolved_on" + NL)
    n = f = 0
    for ri, region in enumerate(regions):
        for k in range(3 + randrange(3)):
            n += 1
            kind = POINT_KINDS[(ri + k) % len(POINT_KINDS)]
            services = [s for s in POINT_SERVICES[kind] if rand() < 0.85] or POINT_SERVICES[kind][:1]
            hours = "周一至周五 08:30-12:00,14:00-17:30" if rand() < 0.7 else "周一至周日 09:00-17:00"
            guide = "1-3号窗口" if kind in ("车管所", "车管分所", "交警大队窗口") else ""
            lon, lat = f"{100 + randrange(3000) / 100:.2f}", f"{22 + randrange(2000) / 100:.2f}"
            r = rand()
            if r < 0.02:
                guide = ""
            elif r < 0.04:
                hours = "周一至周五 17:30-08:30"
            elif r < 0.06:
                lon = "200.00"
            elif r < 0.08:
                services.append("驾照")
            day = 1 + randrange(30)
            verified = "" if rand() < 0.05 else f"2024-06-{day:02d}"
            status = "closed" if rand() < 0.03 else ""
            pid = f"SP{region}{k:02d}"
            points.append(f"{pid},{region}网点{k},{kind},{region},{region}区某路{k + 1}号,{lon},{lat},\"{hours}\","
                          f"{'|'.join(services)},{guide},020-{80000000 + n},{verified},{status}{NL}")
            if rand() < 0.5:
                f += 1
                received = f"2024-07-{1 + randrange(31):02d}"
                resolved = f"2024-07-{min(31, int(received[-2:]) + randrange(5)):02d}" if rand() < 0.33 else ""
                feedback.append(f"FB{f:07d},{pid},hours,时间有误,{received},{resolved}{NL}")
    points.close()
    feedback.close()
    return n


# ---------------------------------------------------------------- violations, registered users (SPEC §8)
VIOLATION_CODES = [("1625", 3, "200", 20), ("1352", 6, "200", 8), ("13450", 0, "150", 10), ("1345", 3, "200", 8),
                   ("1017", 1, "50", 6), ("1039", 0, "100", 14), ("6046", 0, "0", 4), ("10391", 0, "150.50", 2),
                   ("1301", 12, "2000", 1), ("1042", 2, "100", 8), ("1211", 1, "20", 6), ("1230", 3, "150", 5),
                   ("7040", 0, "0", 8)]


def violations(a, wanted, rng, NL, BAD, n, person, people_used, regions, region_table, pool_plate, pool_ptype,
               pool_owner, pool_open):
    """vehicle_users.csv and violations.csv over the pooled vehicles. ~6% of person-owned vehicles
    have registered users (a fifth of them revoked, some registered only after violations); a
    vehicle's violations come in clusters (a few vehicles have many); 35% unprocessed (W1); of the
    processed, 85% paid (W2 for the rest); 80% non-site; handlers are the owner (person-owned
    vehicles, 70%), a registered user or someone else (W3's three findings after the cutover);
    forms mixed (Y/是/非现场, 已处理, 2024/7/5 8:30); 0.02% exact duplicate lines; at the invalid
    rate: unknown plates, 13 points, a fine with three places, a 3-digit code, a bad date."""
    rand, randrange = rng.random, rng.randrange
    P = len(pool_plate)
    start = dt.datetime(2023, 1, 1)
    span = int((dt.datetime(2024, 7, 31, 23, 59) - start).total_seconds() // 60)
    cutover = dt.datetime(2024, 7, 1)
    last_processed = dt.datetime(2024, 8, 1, 20, 0)
    code_table = [c for c in VIOLATION_CODES for _ in range(c[3])]
    users = Sink(a, "vehicle_users.csv", wanted)
    users.append("plate_no,plate_type,user_id_type,user_id_no,user_name,registered_on,revoked_on" + NL)
    registered = {}  # pool index -> [(person, registered_on, revoked_on)]
    n_users = 0
    for k in range(P):
        if pool_owner[k] < 0 or rand() >= 0.06:
            continue
        for _ in range(1 + (rand() < 0.3)):
            p = randrange(people_used)
            reg = start + dt.timedelta(minutes=randrange(span))
            rev = reg + dt.timedelta(days=randrange(10, 300)) if rand() < 0.2 else None
            registered.setdefault(k, []).append((p, reg, rev))
            uid, uname, _ = person(p, False)
            uid = legacy_form(uid, p, rand)
            users.append(f"{pool_plate[k]},{pool_ptype[k]},A,{uid},{uname},{reg:%Y-%m-%d %H:%M:%S},"
                         f"{'' if rev is None else f'{rev:%Y-%m-%d}'}{NL}")
            n_users += 1
    users.close()

    lines = Sink(a, "violations.csv", wanted)
    lines.append("violation_id,plate_no,plate_type,occurred_at,region_code,violation_code,points,fine,non_site,"
                 "status,processed_at,handler_id_type,handler_id_no,handler_name,paid" + NL)
    written = 0
    k = 0
    for i in range(n):
        if P == 0:
            break
        if rand() < 0.55:  # the next violation of the same vehicle, or a new one (clusters)
            k = randrange(P)
        plate, ptype = pool_plate[k], pool_ptype[k]
        occurred = start + dt.timedelta(minutes=randrange(span))
        code, points, fine, _ = code_table[randrange(len(code_table))]
        r = rand()
        non_site = "Y" if r < 0.55 else ("" if r < 0.7 else ("是" if r < 0.75 else ("非现场" if r < 0.8 else
                                                                                    ("N" if r < 0.95 else "现场"))))
        site = r >= 0.8
        status = processed_at = htype = hid = hname = paid = ""
        if rand() < 0.65:
            status = "processed" if rand() < 0.85 else "已处理"
            done = occurred + dt.timedelta(minutes=randrange(60, 90 * 1440))
            if done > last_processed:
                done = last_processed - dt.timedelta(minutes=randrange(1, 600))
            if done < occurred:
                done = occurred + dt.timedelta(minutes=30)
            processed_at = f"{done:%Y-%m-%d %H:%M:%S}" if rand() < 0.8 else f"{done.year}/{done.month}/{done.day} {done:%H:%M}"
            owner = pool_owner[k]
            r = rand()
            regs = registered.get(k)
            if owner >= 0 and r < 0.7:
                hp = owner
            elif regs and r < 0.9:
                hp = regs[randrange(len(regs))][0]
            else:
                hp = randrange(people_used)
            hid, hname, _ = person(hp, False)
            hid = legacy_form(hid, hp, rand)
            htype = "A" if rand() < 0.6 else ""
            paid = "Y" if rand() < 0.85 else ("N" if rand() < 0.7 else "")
            if rand() < 0.05:
                paid = "已缴款" if paid == "Y" else "未缴款"
        elif rand() < 0.1:
            status = "未处理" if rand() < 0.5 else "unprocessed"
        elif rand() < 0.5:
            status = "unprocessed"
        if rand() < 0.1:
            points_text, fine_text = ("" if points == 0 else str(points)), ("" if fine == "0" else fine)
        else:
            points_text, fine_text = str(points), fine
        if rand() < 0.02:
            plate = plate[:2] + "·" + plate[2:]
        occ = f"{occurred:%Y-%m-%d %H:%M}" if rand() < 0.85 else f"{occurred.year}/{occurred.month}/{occurred.day} {occurred:%H:%M:%S}"
        if rand() < BAD:
            r = rand()
            if r < 0.35:
                plate = plate[:2] + "I0O12"      # no such vehicle (and not a valid plate)
            elif r < 0.5:
                plate = pool_plate[randrange(P)]
                ptype = "99"                      # a plate of another type: UNKNOWN_VEHICLE
            elif r < 0.65:
                points_text = "13"
            elif r < 0.8:
                fine_text = "1.234"
            elif r < 0.9:
                code = "162"
            else:
                occ = "2024-02-30 10:00"
        region = regions[region_table[randrange(len(region_table))]]
        line = (f"VL{440000000000 + i * 7},{plate},{ptype},{occ},{region},{code},{points_text},{fine_text},"
                f"{non_site},{status},{processed_at},{htype},{hid},{hname},{paid}{NL}")
        lines.append(line)
        written += 1
        if rand() < 0.0002:
            lines.append(line)
            written += 1
    lines.close()
    return written, n_users


def _gcd(x, y):
    while y:
        x, y = y, x % y
    return x


def write(a, name, lines, wanted, chunk=200000):
    if name[:-4] not in wanted:
        return
    with open(os.path.join(a.out, name), "w", encoding=a.encoding, newline="") as f:
        for i in range(0, len(lines), chunk):
            f.write("".join(lines[i:i + chunk]))


class Sink:
    """Lines of one output file, written in chunks as they come (30M vehicles do not fit in
    memory as a list); a file not in --only is drawn but not written."""

    def __init__(self, a, name, wanted, chunk=200000):
        self.f = open(os.path.join(a.out, name), "w", encoding=a.encoding, newline="") if name[:-4] in wanted else None
        self.buf, self.chunk = [], chunk

    def append(self, line):
        self.buf.append(line)
        if len(self.buf) >= self.chunk:
            self.flush()

    def write(self, text):
        self.append(text)

    def flush(self):
        if self.f is not None:
            self.f.write("".join(self.buf))
        self.buf = []

    def close(self):
        self.flush()
        if self.f is not None:
            self.f.close()


if __name__ == "__main__":
    main()
