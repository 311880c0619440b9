#!/usr/bin/env python3
"""The DuckDB peer of jgpipe's licence stage (SPEC §7): validation, the scoring-cycle date C,
D1-D4, the cleaned file, the cancellation work list and the holder notices (SPEC §4).

    python3 scripts/bench/duckdb_licences.py --input-dir DIR --out OUTDIR
        [--as-of 2024-06-01] [--pipeline pipelines/default.toml] [--threads 2]

Reads driver_licences.csv (UTF-8; all columns VARCHAR) and writes OUTDIR/
driver_licences.cleaned.csv (every valid licence in input order, normalised, with cycle_end and
effective_on), driver_licences.rejected.csv, driver_licences.cancellation_worklist.csv and
notifications.csv. Closed statuses, notice days, review/medical classes and age, the class sets
S and L, the cutover and the templates come from the pipeline file. Prints its wall time.

Written as an analyst would: DuckDB's parallel reader, validation as SQL (GB 11643 check as
arithmetic, 15 -> 18 digits, try_strptime for dates, a regexp for class strings), class sets as
bit masks, C by interval arithmetic from the first issue, the rules as CASE expressions, COPY for
the outputs. No Python per row.
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from duckdb_exams import CLASS_RE, class_bits_sql, class_text_sql, mask  # noqa: E402
from duckdb_peer import columns, connect, copy_notifications, message_sql, report, start  # noqa: E402
from duckdb_rules import (CSV_READ, classes_sql, date_sql, id_final, id_parts, iso_sql as iso,  # noqa: E402
                         norm, ts_sql)

STATUS_NAMES = {"正常": "A", "撤销": "E", "吊销": "F", "注销": "G"}


def main():
    a, pipeline, t0 = start()
    run, ex, lic = pipeline.get("run", {}), pipeline.get("exams", {}), pipeline.get("licences", {})
    templates = pipeline.get("templates", {})
    cutover = run.get("cutover_date", "2024-07-01")
    A = a.as_of
    closed = lic.get("closed_statuses", ["E", "F", "G"])
    notice_days = lic.get("renewal_notice_days", 90)
    review = mask(lic.get("review_classes", ["A1", "A2", "A3", "B1", "B2"]))
    medical = mask(lic.get("medical_classes", ["A1", "A2", "A3", "B1", "B2"]))
    medical_age = lic.get("medical_age", 70)
    S = mask(ex.get("small_car_classes", ["C1", "C2"]))
    L = mask(ex.get("large_classes", ["A1", "A2", "A3", "B1", "B2"]))
    restorable = S | L | mask(["C6"])
    csv = os.path.join(a.input_dir, "driver_licences.csv")

    con = connect(a)
    rd = CSV_READ
    schema = ["holder_id_type", "holder_id_no", "holder_name", "holder_phone", "region_code", "classes",
              "first_issued_on", "valid_until", "status", "cancel_reason", "last_medical_on", "last_reviewed_on"]
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
             hash({all_cols}) AS row_hash
      FROM raw
    ), f AS (
      SELECT *, {id_final('h')}, {d('fi_raw')} AS first_issued, {d('vu_raw')} AS valid_until_d,
             {d('med_raw')} AS medical, {d('rev_raw')} AS reviewed,
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
                WHEN rev_raw <> '' AND reviewed IS NULL THEN 'INVALID_DATE' END AS err
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
             CASE WHEN h_type = 'A' THEN try_strptime(substr(h_no, 7, 8), '%Y%m%d')::DATE END AS birth
      FROM c
    )
    SELECT *, substr(region, 1, 4) || '00' AS det,
           CASE WHEN birth IS NOT NULL AND cycle_end IS NOT NULL THEN
                year(cycle_end) - year(birth)
                - CASE WHEN CAST(birth + to_years(CAST(year(cycle_end) - year(birth) AS INTEGER)) AS DATE) > cycle_end
                       THEN 1 ELSE 0 END END AS age_on_c
    FROM e
    """)
    con.execute("DROP TABLE lic")
    t_load = time.time()
    con.execute(f"""
    COPY ({strip} (
      SELECT rn, h_type AS holder_id_type, h_no AS holder_id_no, hname AS holder_name, hphone AS holder_phone,
             region AS region_code, {class_text_sql('cls')} AS classes, {iso('first_issued')} AS first_issued_on,
             {iso('valid_until_d')} AS valid_until, st AS status, reason AS cancel_reason,
             {iso('medical')} AS last_medical_on, {iso('reviewed')} AS last_reviewed_on,
             {iso('cycle_end')} AS cycle_end, '{A}' AS effective_on {extra_sel}
      FROM ok) ORDER BY rn
    ) TO '{out('driver_licences.cleaned.csv')}' (HEADER, DELIMITER ',')
    """)
    # D1 work list: open licences more than a year past expiry.
    con.execute(f"""
    COPY (SELECT h_type AS holder_id_type, h_no AS holder_id_no, hname AS holder_name, hphone AS holder_phone,
                 region AS region_code, {class_text_sql('cls')} AS classes, {iso('valid_until_d')} AS valid_until,
                 {iso('cancel_due')} AS cancel_due_on, date_diff('day', cancel_due, DATE '{A}') AS days_overdue,
                 det AS detachment_code
          FROM (SELECT *, CAST(valid_until_d + INTERVAL 1 YEAR + INTERVAL 1 DAY AS DATE) AS cancel_due FROM ok
                WHERE NOT closed AND DATE '{A}' > valid_until_d + INTERVAL 1 YEAR)
          ORDER BY det, cancel_due, h_no)
    TO '{out('driver_licences.cancellation_worklist.csv')}' (HEADER, DELIMITER ',')
    """)
    # One row per notice: D1, D2, D3 for open licences, D4 for G cancelled for overdue renewal.
    con.execute(f"""
    CREATE TEMP TABLE notices AS
    SELECT * FROM (
      SELECT ok.*, CASE WHEN valid_until_d >= DATE '{A}' AND valid_until_d <= DATE '{A}' + INTERVAL {notice_days} DAY
                        THEN 'LICENCE_RENEWAL_DUE'
                        WHEN valid_until_d < DATE '{A}' AND DATE '{A}' <= valid_until_d + INTERVAL 1 YEAR
                        THEN 'LICENCE_RENEWAL_OVERDUE' END AS type,
             CASE WHEN valid_until_d >= DATE '{A}' THEN valid_until_d
                  ELSE CAST(valid_until_d + INTERVAL 1 YEAR AS DATE) END AS due, valid_until_d AS fact
      FROM ok WHERE NOT closed
      UNION ALL
      SELECT ok.*, CASE WHEN DATE '{A}' <= cycle_end + INTERVAL 30 DAY THEN 'LICENCE_REVIEW_DUE'
                        ELSE 'LICENCE_REVIEW_OVERDUE' END, CAST(cycle_end + INTERVAL 30 DAY AS DATE), cycle_end
      FROM ok WHERE NOT closed AND cycle_end IS NOT NULL AND cls & {review} <> 0 AND (reviewed IS NULL OR reviewed < cycle_end)
      UNION ALL
      SELECT ok.*, CASE WHEN DATE '{A}' <= cycle_end + INTERVAL 30 DAY THEN 'LICENCE_MEDICAL_DUE'
                        ELSE 'LICENCE_MEDICAL_OVERDUE' END, CAST(cycle_end + INTERVAL 30 DAY AS DATE), cycle_end
      FROM ok WHERE NOT closed AND cycle_end IS NOT NULL AND (cls & {medical} <> 0 OR age_on_c >= {medical_age})
                AND (medical IS NULL OR medical < cycle_end)
      UNION ALL
      SELECT ok.*, CASE WHEN DATE '{A}' > valid_until_d + INTERVAL 3 YEAR THEN 'RESTORATION_EXAMS_REDUCED'
                        ELSE 'RESTORATION_SUBJECT1_ONLY' END,
             CASE WHEN DATE '{A}' > valid_until_d + INTERVAL 3 YEAR THEN DATE '{cutover}'
                  ELSE CAST(valid_until_d + INTERVAL 3 YEAR AS DATE) END, valid_until_d
      FROM ok WHERE contains(st, 'G') AND overdue_renewal AND cls & {restorable} <> 0
    ) WHERE type IS NOT NULL
    """)
    values = {"holder_name": "hname", "classes": class_text_sql("cls"), "valid_until": iso("valid_until_d"),
              "cycle_end": iso("cycle_end"), "due_on": iso("due"), "renewal_notice_days": f"'{notice_days}'",
              "cutover_date": f"'{cutover}'",
              "subjects": "CASE type WHEN 'RESTORATION_EXAMS_REDUCED' THEN '科目一、科目三道路驾驶技能' ELSE '科目一' END"}
    types = ["LICENCE_RENEWAL_DUE", "LICENCE_RENEWAL_OVERDUE", "LICENCE_REVIEW_DUE", "LICENCE_REVIEW_OVERDUE",
             "LICENCE_MEDICAL_DUE", "LICENCE_MEDICAL_OVERDUE", "RESTORATION_EXAMS_REDUCED", "RESTORATION_SUBJECT1_ONLY"]
    message = message_sql(templates, types, values)
    copy_notifications(con, out("notifications.csv"), strip, recipient_type="'person'", recipient_id="h_no",
                       name="hname", phone="hphone", record="h_no", message=message)
    counts = dict(con.execute("SELECT type, count(*) FROM notices GROUP BY type ORDER BY type").fetchall())
    report(a.threads, f"notices {counts}", t0, t_load)

if __name__ == "__main__":
    main()
