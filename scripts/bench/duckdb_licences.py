#!/usr/bin/env python3
"""The DuckDB peer of jgpipe's licence stage (SPEC §7): validation, the scoring-cycle date C,
D1-D5 as 公安部令第162号 writes them (SPEC §7, revision of 2026-12-07), the cleaned file, the
cancellation work list with its three reasons (第七十九条第一款第八/九/十项) and the holder notices
(SPEC §4).

    python3 scripts/bench/duckdb_licences.py --input-dir DIR --out OUTDIR
        [--as-of 2024-06-01] [--pipeline pipelines/default.toml] [--threads 2]

Reads driver_licences.csv (UTF-8; all columns VARCHAR) and writes OUTDIR/
driver_licences.cleaned.csv (every valid licence in input order, normalised, with cycle_end and
effective_on), driver_licences.rejected.csv, driver_licences.cancellation_worklist.csv and
notifications.csv. Closed statuses, notice days, review/medical classes, the medical age and C5
cycles, the classes lapsing at 60 and 70, the class sets S and L, the cutover and the templates
come from the pipeline file. Prints its wall time.

Written as an analyst would: DuckDB's parallel reader, validation as SQL (GB 11643 check as
arithmetic, 15 -> 18 digits, try_strptime for dates, a regexp for class strings), class sets as
bit masks, C by interval arithmetic from the first issue, the rules as CASE expressions, COPY for
the outputs. No Python per row.
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from duckdb_exams import CLASS_RE, CODES, class_bits_sql, class_text_sql, mask  # noqa: E402
from duckdb_peer import columns, connect, copy_notifications, message_sql, report, start  # noqa: E402
from duckdb_rules import (CSV_READ, classes_sql, date_sql, id_final, id_parts, iso_sql as iso,  # noqa: E402
                         norm, ts_sql)

STATUS_NAMES = {"正常": "A", "撤销": "E", "吊销": "F", "注销": "G"}
ARTICLES = {"overdue_renewal": "第七十九条第一款第八项", "no_medical_certificate": "第七十九条第一款第九项",
            "age_only_classes": "第七十九条第一款第十项"}


def class_list_sql(bits):
    """The codes of a class mask joined by 、 (D5's {new_classes})."""
    parts = ", ".join(f"CASE WHEN ({bits}) & {1 << k} <> 0 THEN '{c}' END" for k, c in enumerate(CODES))
    return f"array_to_string(list_filter([{parts}], lambda x: x IS NOT NULL), '、')"


def first_cycle_sql(on_or_after, strict):
    """The index n ≥ 1 of the first anniversary of first_issued on or after (strict: after) a date."""
    cmp = "<=" if strict else "<"
    n = f"(year({on_or_after}) - year(first_issued))"
    return (f"greatest(1, {n} + CASE WHEN CAST(first_issued + to_years(CAST({n} AS INTEGER)) AS DATE) {cmp} {on_or_after} "
            f"THEN 1 ELSE 0 END)")


def main():
    a, pipeline, t0 = start()
    run, ex, lic = pipeline.get("run", {}), pipeline.get("exams", {}), pipeline.get("licences", {})
    templates = pipeline.get("templates", {})
    cutover = run.get("cutover_date", "2024-07-01")
    A = a.as_of
    closed = lic.get("closed_statuses", ["E", "F", "G"])
    notice_days = lic.get("renewal_notice_days", 90)
    review = mask(lic.get("review_classes", ["A1", "A2", "A3", "B1", "B2"]))
    medical = mask(lic.get("medical_classes", []))
    medical_age = lic.get("medical_age", 70)
    c5_cycles = lic.get("c5_medical_cycles", 3)
    at60 = mask(lic.get("classes_lapsing_at_60", ["A1", "A2", "A3", "B1", "B2", "M", "N", "P"]))
    at70 = mask(lic.get("classes_lapsing_at_70", ["C3", "C4", "C6", "D", "E"]))
    large, c5, c6, a2 = mask(["A1", "A2", "A3", "B1", "B2"]), mask(["C5"]), mask(["C6"]), mask(["A2"])
    small, de, f_bit = mask(["C1", "C2"]), mask(["D", "E"]), mask(["F"])
    S = mask(ex.get("small_car_classes", ["C1", "C2"]))
    L = mask(ex.get("large_classes", ["A1", "A2", "A3", "B1", "B2"]))
    restorable = S | L | mask(["C6"])
    csv = os.path.join(a.input_dir, "driver_licences.csv")

    con = connect(a)
    rd = CSV_READ
    schema = ["holder_id_type", "holder_id_no", "holder_name", "holder_phone", "region_code", "classes",
              "first_issued_on", "valid_until", "status", "cancel_reason", "last_medical_on", "last_reviewed_on",
              "points", "points_cycle_end", "review_flag", "birth_date"]
    all_cols, extra_sel = columns(con, csv, rd, schema, "driver_licences.csv")

    classes = classes_sql
    d = date_sql
    status_names = " ".join(f"WHEN '{k}' THEN '{v}'" for k, v in STATUS_NAMES.items())
    closed_sql = " OR ".join(f"contains(st, '{c}')" for c in closed) or "false"
    con.execute(f"CREATE TEMP TABLE raw AS SELECT * FROM read_csv('{csv}', {rd})")
    con.execute(f"""
    CREATE TEMP TABLE lic AS
    WITH n AS (
      SELECT rowid AS rn, {all_cols}, {id_parts('h', 'holder_id_type', 'holder_id_no')},
             {norm('holder_name')} AS hname, {norm('holder_phone')} AS hphone, {norm('region_code')} AS region,
             {classes('classes')} AS c_txt, {norm('first_issued_on')} AS fi_raw, {norm('valid_until')} AS vu_raw,
             upper({norm('status')}) AS st_raw, {norm('cancel_reason')} AS reason_raw,
             {norm('last_medical_on')} AS med_raw, {norm('last_reviewed_on')} AS rev_raw,
             {norm('points')} AS pts_raw, {norm('points_cycle_end')} AS pce_raw, upper({norm('review_flag')}) AS flag_raw,
             {norm('birth_date')} AS birth_raw,
             hash({all_cols}) AS row_hash
      FROM raw
    ), f AS (
      SELECT *, {id_final('h')}, {d('fi_raw')} AS first_issued, {d('vu_raw')} AS valid_until_d,
             {d('med_raw')} AS medical, {d('rev_raw')} AS reviewed, {d('pce_raw')} AS pce, {d('birth_raw')} AS birth_col,
             CASE WHEN st_raw = '' THEN 'A' ELSE CASE st_raw {status_names} ELSE st_raw END END AS st,
             lower(reason_raw) IN ('overdue_renewal', '逾期未换证') AS overdue_renewal
      FROM n
    )
    SELECT *,
           CASE WHEN h_raw = '' THEN 'MISSING_FIELD'
                WHEN NOT h_ok THEN 'INVALID_ID'
                WHEN region = '' THEN 'MISSING_FIELD'
                WHEN NOT regexp_full_match(region, '[0-9]{{6}}') THEN 'INVALID_REGION'
                WHEN c_txt = '' THEN 'MISSING_FIELD'
                WHEN NOT regexp_full_match(c_txt, '{CLASS_RE}') THEN 'INVALID_CLASS'
                WHEN fi_raw = '' THEN 'MISSING_FIELD'
                WHEN first_issued IS NULL THEN 'INVALID_DATE'
                WHEN vu_raw = '' THEN 'MISSING_FIELD'
                WHEN valid_until_d IS NULL THEN 'INVALID_DATE'
                WHEN NOT regexp_full_match(st, '[A-Z]+') THEN 'INVALID_CODE'
                WHEN med_raw <> '' AND medical IS NULL THEN 'INVALID_DATE'
                WHEN rev_raw <> '' AND reviewed IS NULL THEN 'INVALID_DATE'
                WHEN pts_raw <> '' AND NOT regexp_full_match(pts_raw, '[0-9]{{1,2}}') THEN 'INVALID_NUMBER'
                WHEN pce_raw <> '' AND pce IS NULL THEN 'INVALID_DATE'
                WHEN flag_raw NOT IN ('', 'Y', 'N', '是', '否') THEN 'INVALID_CODE'
                WHEN birth_raw <> '' AND birth_col IS NULL THEN 'INVALID_DATE' END AS err
    FROM f
    """)
    con.execute("DROP TABLE raw")
    con.execute("""
    CREATE TEMP TABLE dups AS
    SELECT h_type, h_no, min(rn) AS first_rn, min(row_hash) = max(row_hash) AS same
    FROM lic WHERE err IS NULL GROUP BY h_type, h_no HAVING count(*) > 1
    """)
    out = lambda name: os.path.join(a.out, name)
    strip = "SELECT nullif(COLUMNS(* EXCLUDE (rn)), '') FROM"
    con.execute(f"""
    COPY ({strip} (
      SELECT rn, (rn + 2)::VARCHAR AS line, coalesce(err, 'DUPLICATE_KEY') AS error_code, {all_cols}
      FROM lic LEFT JOIN dups USING (h_type, h_no) WHERE err IS NOT NULL OR NOT dups.same) ORDER BY rn
    ) TO '{out('driver_licences.rejected.csv')}' (HEADER, DELIMITER ',')
    """)
    sel_valid = "err IS NULL AND (dups.h_no IS NULL OR (dups.same AND rn = dups.first_rn))"
    # C: the latest anniversary of the first issue on or before A + 30 (DuckDB's year interval
    # maps 29 February to 28 February, as SPEC §0 does), none in the first year.
    con.execute(f"""
    CREATE TEMP TABLE ok AS
    WITH v AS (
      SELECT rn, h_type, h_no, hname, hphone, region, first_issued, valid_until_d, st, medical, reviewed,
             TRY_CAST(nullif(pts_raw, '') AS INTEGER) AS pts, pce, flag_raw IN ('Y', '是') AS flag, birth_col,
             CASE WHEN overdue_renewal THEN 'overdue_renewal' ELSE reason_raw END AS reason, overdue_renewal,
             {class_bits_sql('c_txt')} AS cls, {closed_sql} AS closed,
             year(DATE '{A}' + INTERVAL 30 DAY) - year(first_issued) AS ny
             {extra_sel}
      FROM lic LEFT JOIN dups USING (h_type, h_no) WHERE {sel_valid}
    ), c AS (
      SELECT *, CASE WHEN CAST(first_issued + to_years(CAST(ny AS INTEGER)) AS DATE) <= DATE '{A}' + INTERVAL 30 DAY
                     THEN ny ELSE ny - 1 END AS n_cycles
      FROM v
    ), e AS (
      SELECT *, CASE WHEN n_cycles >= 1 THEN CAST(first_issued + to_years(CAST(n_cycles AS INTEGER)) AS DATE) END AS cycle_end,
             CASE WHEN h_type = 'A' THEN try_strptime(substr(h_no, 7, 8), '%Y%m%d')::DATE ELSE birth_col END AS birth
      FROM c
    ), g AS (
      SELECT *, substr(region, 1, 4) || '00' AS det,
             CASE WHEN birth IS NOT NULL AND cycle_end IS NOT NULL THEN
                  year(cycle_end) - year(birth)
                  - CASE WHEN CAST(birth + to_years(CAST(year(cycle_end) - year(birth) AS INTEGER)) AS DATE) > cycle_end
                         THEN 1 ELSE 0 END END AS age_on_c,
             CASE WHEN birth IS NOT NULL THEN
                  year(DATE '{A}') - year(birth)
                  - CASE WHEN CAST(birth + to_years(CAST(year(DATE '{A}') - year(birth) AS INTEGER)) AS DATE) > DATE '{A}'
                         THEN 1 ELSE 0 END END AS age_on_a
      FROM e
    ), h AS (
      -- D5 (第六十五条): the classes lapsing on A, what the new licence keeps and gains.
      SELECT *, cls & {at60} AS lost60, CASE WHEN age_on_a >= 70 THEN cls & {at70} ELSE 0 END AS lost70
      FROM g
    ), k AS (
      SELECT *, CASE WHEN age_on_a >= 60 THEN lost60 | lost70 ELSE 0 END AS lost,
             CASE WHEN lost70 <> 0 THEN 70 ELSE 60 END AS threshold
      FROM h
    ), m AS (
      SELECT *, cls & ~lost AS kept,
             ((CASE WHEN age_on_a < 70 AND lost & {a2} <> 0 THEN {c6} ELSE 0 END)
              | (CASE WHEN lost & {de} <> 0 THEN {f_bit} ELSE 0 END)) & ~(cls & ~lost) AS gained,
             (lost & {large} <> 0 OR lost70 & {c6} <> 0) AND (cls & ~lost) & {small} = 0 AS small_choice,
             CAST(birth + to_years(CAST(CASE WHEN lost70 <> 0 THEN 70 ELSE 60 END AS INTEGER)) AS DATE) AS birthday,
             -- 第七十九条第一款第九项: the earliest cycle end C' owing a certificate after last_medical_on.
             CASE WHEN birth IS NOT NULL AND CAST(birth + to_years({medical_age}) AS DATE) < DATE '{A}' THEN
                  greatest({first_cycle_sql(f"CAST(birth + to_years({medical_age}) AS DATE)", False)},
                           CASE WHEN medical IS NULL THEN 1 ELSE {first_cycle_sql("medical", True)} END) END AS n_age,
             CASE WHEN cls & {c5} <> 0 THEN
                  CAST(ceil((CASE WHEN medical IS NULL THEN 1 ELSE {first_cycle_sql("medical", True)} END) / {c5_cycles}) AS INTEGER)
                  * {c5_cycles} END AS n_c5
      FROM k
    ), q AS (
      SELECT *, CAST(first_issued + to_years(CAST(least(coalesce(n_age, n_c5), coalesce(n_c5, n_age)) AS INTEGER)) AS DATE)
                AS medical_owed
      FROM m
    )
    SELECT *, lost <> 0 AND NOT small_choice AND (kept | gained) = 0 AS leaves_no_class,
           CASE WHEN NOT closed AND DATE '{A}' > valid_until_d + INTERVAL 1 YEAR THEN 'overdue_renewal'
                WHEN NOT closed AND medical_owed + INTERVAL 1 YEAR < DATE '{A}' THEN 'no_medical_certificate'
                WHEN NOT closed AND lost <> 0 AND NOT small_choice AND (kept | gained) = 0 THEN 'age_only_classes'
           END AS cancel_reason_w
    FROM q
    """)
    con.execute("DROP TABLE lic")
    t_load = time.time()
    con.execute(f"""
    COPY ({strip} (
      SELECT rn, h_type AS holder_id_type, h_no AS holder_id_no, hname AS holder_name, hphone AS holder_phone,
             region AS region_code, {class_text_sql('cls')} AS classes, {iso('first_issued')} AS first_issued_on,
             {iso('valid_until_d')} AS valid_until, st AS status, reason AS cancel_reason,
             {iso('medical')} AS last_medical_on, {iso('reviewed')} AS last_reviewed_on,
             CAST(pts AS VARCHAR) AS points, {iso('pce')} AS points_cycle_end,
             CASE WHEN flag THEN 'Y' ELSE 'N' END AS review_flag, {iso('birth_col')} AS birth_date,
             {iso('cycle_end')} AS cycle_end, CAST(age_on_a AS VARCHAR) AS age_on_a, '{A}' AS effective_on {extra_sel}
      FROM ok) ORDER BY rn
    ) TO '{out('driver_licences.cleaned.csv')}' (HEADER, DELIMITER ',')
    """)
    # 第七十九条第一款: the cancellation work list, the first reason that applies.
    articles = " ".join(f"WHEN '{k}' THEN '{v}'" for k, v in ARTICLES.items())
    con.execute(f"""
    COPY (SELECT h_type AS holder_id_type, h_no AS holder_id_no, hname AS holder_name, hphone AS holder_phone,
                 region AS region_code, {class_text_sql('cls')} AS classes, {iso('valid_until_d')} AS valid_until,
                 cancel_reason_w AS reason, CASE cancel_reason_w {articles} END AS article,
                 {iso('cancel_due')} AS cancel_due_on, date_diff('day', cancel_due, DATE '{A}') AS days_overdue,
                 det AS detachment_code
          FROM (SELECT *, CASE cancel_reason_w
                            WHEN 'overdue_renewal' THEN CAST(valid_until_d + INTERVAL 1 YEAR + INTERVAL 1 DAY AS DATE)
                            WHEN 'no_medical_certificate' THEN CAST(medical_owed + INTERVAL 1 YEAR + INTERVAL 1 DAY AS DATE)
                            ELSE birthday END AS cancel_due
                FROM ok WHERE cancel_reason_w IS NOT NULL)
          ORDER BY det, cancel_due, h_no)
    TO '{out('driver_licences.cancellation_worklist.csv')}' (HEADER, DELIMITER ',')
    """)
    # One row per notice: D1, D2, D3, D5 for open licences, D4 for G cancelled for overdue renewal.
    con.execute(f"""
    CREATE TEMP TABLE notices AS
    SELECT * FROM (
      SELECT ok.*, CASE WHEN valid_until_d >= DATE '{A}' AND valid_until_d <= DATE '{A}' + INTERVAL {notice_days} DAY
                        THEN 'LICENCE_RENEWAL_DUE'
                        WHEN valid_until_d < DATE '{A}' AND DATE '{A}' <= valid_until_d + INTERVAL 1 YEAR
                        THEN 'LICENCE_RENEWAL_OVERDUE' END AS type,
             CASE WHEN valid_until_d >= DATE '{A}' THEN valid_until_d
                  ELSE CAST(valid_until_d + INTERVAL 1 YEAR AS DATE) END AS due, valid_until_d AS fact,
             '' AS why
      FROM ok WHERE NOT closed
      UNION ALL
      SELECT ok.*, CASE WHEN DATE '{A}' <= cycle_end + INTERVAL 30 DAY THEN 'LICENCE_REVIEW_DUE'
                        ELSE 'LICENCE_REVIEW_OVERDUE' END, CAST(cycle_end + INTERVAL 30 DAY AS DATE), cycle_end,
             CASE WHEN cls & {review} <> 0 AND pce = cycle_end AND pts > 0
                  THEN '在截至' || {iso('cycle_end')} || '的记分周期内记分' || pts || '分'
                  ELSE '在截至' || {iso('cycle_end')} || '的记分周期内发生交通事故，经认定须接受审验' END
      FROM ok WHERE NOT closed AND cycle_end IS NOT NULL AND (reviewed IS NULL OR reviewed < cycle_end)
                AND ((cls & {review} <> 0 AND pce = cycle_end AND pts > 0) OR flag)
      UNION ALL
      SELECT ok.*, CASE WHEN DATE '{A}' <= cycle_end + INTERVAL 30 DAY THEN 'LICENCE_MEDICAL_DUE'
                        ELSE 'LICENCE_MEDICAL_OVERDUE' END, CAST(cycle_end + INTERVAL 30 DAY AS DATE), cycle_end,
             CASE WHEN age_on_c >= {medical_age} THEN '已年满' || age_on_c || '周岁，应当每年进行一次身体检查'
                  WHEN cls & {c5} <> 0 AND n_cycles % {c5_cycles} = 0
                  THEN '持有残疾人专用小型自动挡载客汽车（C5）准驾车型，已满' || n_cycles || '个记分周期，应当每三年进行一次身体检查'
                  ELSE '所持准驾车型须定期提交身体条件证明' END
      FROM ok WHERE NOT closed AND cycle_end IS NOT NULL
                AND (age_on_c >= {medical_age} OR (cls & {c5} <> 0 AND n_cycles % {c5_cycles} = 0) OR cls & {medical} <> 0)
                AND (medical IS NULL OR medical < cycle_end)
      UNION ALL
      SELECT ok.*, 'LICENCE_AGE_CLASS_CHANGE', CAST(DATE '{A}' + INTERVAL 30 DAY AS DATE), birthday,
             '已年满' || threshold || '周岁'
      FROM ok WHERE NOT closed AND lost <> 0 AND NOT leaves_no_class
                AND coalesce(cancel_reason_w, '') <> 'overdue_renewal' 
      UNION ALL
      SELECT ok.*, CASE WHEN DATE '{A}' > valid_until_d + INTERVAL 3 YEAR THEN 'RESTORATION_EXAMS_REDUCED'
                        ELSE 'RESTORATION_SUBJECT1_ONLY' END,
             CASE WHEN DATE '{A}' > valid_until_d + INTERVAL 3 YEAR THEN DATE '{cutover}'
                  ELSE CAST(valid_until_d + INTERVAL 3 YEAR AS DATE) END, valid_until_d, ''
      FROM ok WHERE contains(st, 'G') AND overdue_renewal AND cls & {restorable} <> 0
    ) WHERE type IS NOT NULL
    """)
    values = {"holder_name": "hname", "classes": class_text_sql("cls"), "valid_until": iso("valid_until_d"),
              "cycle_end": iso("cycle_end"), "due_on": iso("due"), "renewal_notice_days": f"'{notice_days}'",
              "cutover_date": f"'{cutover}'",
              "subjects": "CASE type WHEN 'RESTORATION_EXAMS_REDUCED' THEN '科目一、科目三道路驾驶技能' ELSE '科目一' END",
              "reason": "why", "points": "coalesce(CAST(pts AS VARCHAR), '')", "age": "CAST(threshold AS VARCHAR)",
              "lapsing_classes": class_text_sql("lost"),
              "new_classes": f"concat_ws('、', CASE WHEN small_choice THEN 'C1或C2' END, nullif({class_list_sql('kept | gained')}, ''))"}
    types = ["LICENCE_RENEWAL_DUE", "LICENCE_RENEWAL_OVERDUE", "LICENCE_REVIEW_DUE", "LICENCE_REVIEW_OVERDUE",
             "LICENCE_MEDICAL_DUE", "LICENCE_MEDICAL_OVERDUE", "RESTORATION_EXAMS_REDUCED", "RESTORATION_SUBJECT1_ONLY",
             "LICENCE_AGE_CLASS_CHANGE"]
    message = message_sql(templates, types, values)
    copy_notifications(con, out("notifications.csv"), strip, recipient_type="'person'", recipient_id="h_no",
                       name="hname", phone="hphone", record="h_no", message=message)
    counts = dict(con.execute("SELECT type, count(*) FROM notices GROUP BY type ORDER BY type").fetchall())
    report(a.threads, f"notices {counts}", t0, t_load)

if __name__ == "__main__":
    main()
