#!/usr/bin/env python3
"""The DuckDB peer of jgpipe's exam stage (SPEC §2): validation, scope, path E1-E4, transition
T1/T2, the cleaned file and the applicant notices (SPEC §4).

    python3 scripts/bench/duckdb_exams.py --input-dir DIR --out OUTDIR
        [--as-of 2024-06-01] [--pipeline pipelines/default.toml] [--threads 2]

Reads exam_enrollments.csv (UTF-8; all columns VARCHAR) and writes OUTDIR/
exam_enrollments.cleaned.csv (every valid enrollment in input order, normalised, with scope,
case, path, required/waived/remaining subjects, transition_rule, auto_restore_classes,
restored_classes, effective_on), exam_enrollments.rejected.csv and notifications.csv. Class
sets, the cutover and the templates come from the pipeline file. Prints its wall time on stderr.

Written as an analyst would: DuckDB's parallel reader, validation as SQL (GB 11643 check as
arithmetic, try_strptime for dates, a regexp for class strings), class sets as bit masks, the
rules as CASE expressions, COPY for the outputs. No Python per row.
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from duckdb_peer import (columns, connect, copy_notifications, message_sql, quoted as q, report,  # noqa: E402
                         start, template_sql)
from duckdb_rules import (CSV_READ, classes_sql, date_sql, id_final, id_parts, iso_sql as iso,  # noqa: E402
                         norm, ts_sql)

CODES = ["A1", "A2", "A3", "B1", "B2", "C1", "C2", "C3", "C4", "C5", "C6", "D", "E", "F", "M", "N", "P"]
CLASS_RE = "(A[1-3]|B[12]|C[1-6]|[DEFMNP])+"
SUBJECTS = [(1, "S1", "科目一"), (2, "S2", "科目二"), (4, "S3_ROAD", "科目三道路驾驶技能"), (8, "S3_SAFETY", "科目三安全文明常识")]


def mask(codes):
    return sum(1 << CODES.index(c) for c in codes)


def class_bits_sql(x):
    """Bit k set when class CODES[k] is in the separator-free class string x (letters that take
    a digit never appear bare in a valid string, so a substring test is exact)."""
    return " | ".join(f"(CASE WHEN contains({x}, '{c}') THEN {1 << k} ELSE 0 END)" for k, c in enumerate(CODES))


def class_text_sql(bits):
    return " || ".join(f"(CASE WHEN ({bits}) & {1 << k} <> 0 THEN '{c}' ELSE '' END)" for k, c in enumerate(CODES))


def subject_list_sql(bits, chinese=False):
    parts = [f"(CASE WHEN ({bits}) & {b} <> 0 THEN '{zh if chinese else code};' ELSE '' END)" for b, code, zh in SUBJECTS]
    joined = " || ".join(parts)
    sep = ";"
    text = f"rtrim({joined}, '{sep}')"
    return f"replace({text}, ';', '、')" if chinese else text


def status_sql(col):
    return (f"CASE lower({norm(col)}) WHEN '' THEN 'not_taken' WHEN 'not_taken' THEN 'not_taken' WHEN '未考' THEN 'not_taken' "
            f"WHEN 'booked' THEN 'booked' WHEN '已预约' THEN 'booked' WHEN 'passed' THEN 'passed' WHEN '合格' THEN 'passed' "
            f"WHEN 'failed' THEN 'failed' WHEN '不合格' THEN 'failed' END")


def main():
    a, pipeline, t0 = start()
    run, ex, templates = pipeline.get("run", {}), pipeline.get("exams", {}), pipeline.get("templates", {})
    cutover = run.get("cutover_date", "2024-07-01")
    eff = max(a.as_of, cutover)
    S = mask(ex.get("small_car_classes", ["C1", "C2"]))
    L = mask(ex.get("large_classes", ["A1", "A2", "A3", "B1", "B2"]))
    M = mask(ex.get("motorcycle_classes", ["D", "E", "F"]))
    C1, C6 = mask(["C1"]), mask(["C6"])
    csv = os.path.join(a.input_dir, "exam_enrollments.csv")

    con = connect(a)
    rd = CSV_READ
    schema = ["enrollment_id", "applicant_id_type", "applicant_id_no", "applicant_name", "applicant_phone",
              "region_code", "original_classes", "requested_classes", "cancel_reason", "license_expiry_date",
              "enrolled_on", "subject1", "subject2", "subject3_road", "subject3_safety", "subject2_booked_on",
              "exclusion"]
    all_cols, extra_sel = columns(con, csv, rd, schema, "exam_enrollments.csv")

    classes = classes_sql
    d = date_sql
    con.execute(f"CREATE TEMP TABLE raw AS SELECT * FROM read_csv('{csv}', {rd})")
    con.execute(f"""
    CREATE TEMP TABLE enr AS
    WITH n AS (
      SELECT rowid AS rn, {all_cols}, {norm('enrollment_id')} AS eid,
             {id_parts('a', 'applicant_id_type', 'applicant_id_no')},
             {norm('applicant_name')} AS aname, {norm('applicant_phone')} AS aphone, {norm('region_code')} AS region,
             {classes('original_classes')} AS o_txt, {classes('requested_classes')} AS r_txt,
             {norm('cancel_reason')} AS reason_raw, {norm('license_expiry_date')} AS exp_raw,
             {norm('enrolled_on')} AS enr_raw, {norm('subject2_booked_on')} AS bk_raw, {norm('exclusion')} AS exclusion_t,
             {status_sql('subject1')} AS s1, {status_sql('subject2')} AS s2,
             {status_sql('subject3_road')} AS s3r, {status_sql('subject3_safety')} AS s3s,
             hash({all_cols}) AS row_hash
      FROM raw
    ), f AS (
      SELECT *, {id_final('a')}, {d('exp_raw')} AS expiry, {d('enr_raw')} AS enrolled, {d('bk_raw')} AS booked,
             lower(reason_raw) IN ('overdue_renewal', '逾期未换证') AS overdue_renewal
      FROM n
    )
    SELECT *,
           CASE WHEN eid = '' OR a_raw = '' OR region = '' THEN 'MISSING_FIELD'
                WHEN NOT a_ok THEN 'INVALID_ID'
                WHEN NOT regexp_full_match(region, '[0-9]{{6}}') THEN 'INVALID_REGION'
                WHEN o_txt = '' THEN 'MISSING_FIELD'
                WHEN NOT regexp_full_match(o_txt, '{CLASS_RE}') THEN 'INVALID_CLASS'
                WHEN r_txt = '' THEN 'MISSING_FIELD'
                WHEN NOT regexp_full_match(r_txt, '{CLASS_RE}') THEN 'INVALID_CLASS'
                WHEN reason_raw = '' THEN 'MISSING_FIELD'
                WHEN exp_raw <> '' AND expiry IS NULL THEN 'INVALID_DATE'
                WHEN overdue_renewal AND exp_raw = '' THEN 'MISSING_FIELD'
                WHEN enr_raw = '' THEN 'MISSING_FIELD'
                WHEN enrolled IS NULL THEN 'INVALID_DATE'
                WHEN s1 IS NULL OR s2 IS NULL OR s3r IS NULL OR s3s IS NULL THEN 'INVALID_CODE'
                WHEN bk_raw <> '' AND booked IS NULL THEN 'INVALID_DATE' END AS err
    FROM f
    """)
    con.execute("DROP TABLE raw")
    con.execute("""
    CREATE TEMP TABLE dups AS
    SELECT eid, min(rn) AS first_rn, min(row_hash) = max(row_hash) AS same
    FROM enr WHERE err IS NULL GROUP BY eid HAVING count(*) > 1
    """)
    out = lambda name: os.path.join(a.out, name)
    strip = "SELECT nullif(COLUMNS(* EXCLUDE (rn)), '') FROM"
    con.execute(f"""
    COPY ({strip} (
      SELECT rn, (rn + 2)::VARCHAR AS line, coalesce(err, 'DUPLICATE_KEY') AS error_code, {all_cols}
      FROM enr LEFT JOIN dups USING (eid) WHERE err IS NOT NULL OR NOT dups.same) ORDER BY rn
    ) TO '{out('exam_enrollments.rejected.csv')}' (HEADER, DELIMITER ',')
    """)
    sel_valid = "err IS NULL AND (dups.eid IS NULL OR (dups.same AND rn = dups.first_rn))"
    # Scope, path and case; passed subjects as bits S1=1 S2=2 S3_ROAD=4 S3_SAFETY=8.
    con.execute(f"""
    CREATE TEMP TABLE ok AS
    WITH v AS (
      SELECT rn, eid, a_type, a_no, aname, aphone, region, o_txt, r_txt, expiry, enrolled, booked, exclusion_t,
             s1, s2, s3r, s3s, CASE WHEN overdue_renewal THEN 'overdue_renewal' ELSE reason_raw END AS reason,
             {class_bits_sql('o_txt')} AS o, {class_bits_sql('r_txt')} AS r,
             CASE WHEN NOT overdue_renewal THEN 'OUT_OF_SCOPE'
                  WHEN enrolled <= CAST(expiry + INTERVAL 3 YEAR AS DATE) THEN 'SHORT_OVERDUE' ELSE 'LONG_OVERDUE' END AS scope,
             (CASE WHEN s1 = 'passed' THEN 1 ELSE 0 END) | (CASE WHEN s2 = 'passed' THEN 2 ELSE 0 END)
               | (CASE WHEN s3r = 'passed' THEN 4 ELSE 0 END) | (CASE WHEN s3s = 'passed' THEN 8 ELSE 0 END) AS passed
             {extra_sel}
      FROM enr LEFT JOIN dups USING (eid) WHERE {sel_valid}
    ), c AS (
      SELECT *,
             CASE WHEN scope <> 'LONG_OVERDUE' THEN NULL
                  WHEN exclusion_t <> '' OR r & {L | M} <> 0 THEN NULL
                  WHEN o & {C6} <> 0 AND r & {C6} <> 0 AND (r & ~{C6}) & ~{S} = 0 AND bit_count(r & ~{C6}) = 1 THEN 'E4'
                  WHEN o & {C6} <> 0 AND r & ~{S} = 0 AND bit_count(r) = 1 THEN 'E3'
                  WHEN o & {L} <> 0 AND r = {C1} THEN 'E2'
                  WHEN o & {S} <> 0 AND r <> 0 AND r & ~(o & {S}) = 0 THEN 'E1' END AS ecase
      FROM v
    ), p AS (
      SELECT *,
             CASE WHEN scope = 'OUT_OF_SCOPE' THEN 'UNCHANGED' WHEN scope = 'SHORT_OVERDUE' THEN 'SUBJECT1_ONLY'
                  WHEN ecase IS NOT NULL THEN 'OPTIMIZED' ELSE 'FULL' END AS path
      FROM c
    ), t AS (
      SELECT *,
             CASE path WHEN 'UNCHANGED' THEN 0 WHEN 'SUBJECT1_ONLY' THEN 1 WHEN 'OPTIMIZED' THEN 5 ELSE 15 END AS req,
             CASE path WHEN 'OPTIMIZED' THEN 10 ELSE 0 END AS waived,
             CASE WHEN path = 'OPTIMIZED' AND enrolled < DATE '{cutover}' THEN
                  CASE WHEN s2 <> 'passed' THEN 'T1' WHEN s3s <> 'passed' THEN 'T2' END END AS trule,
             CASE WHEN ecase = 'E4' THEN {C6} ELSE 0 END AS auto
      FROM p
    )
    SELECT *, req & ~passed AS remaining,
           CASE WHEN path <> 'UNCHANGED' AND req & ~passed = 0 THEN r | auto ELSE 0 END AS restored,
           substr(region, 1, 4) || '00' AS det
    FROM t
    """)
    con.execute("DROP TABLE enr")
    t_load = time.time()
    con.execute(f"""
    COPY ({strip} (
      SELECT rn, eid AS enrollment_id, a_type AS applicant_id_type, a_no AS applicant_id_no, aname AS applicant_name,
             aphone AS applicant_phone, region AS region_code, {class_text_sql('o')} AS original_classes,
             {class_text_sql('r')} AS requested_classes, reason AS cancel_reason,
             {iso('expiry')} AS license_expiry_date, {iso('enrolled')} AS enrolled_on, s1 AS subject1, s2 AS subject2,
             s3r AS subject3_road, s3s AS subject3_safety, {iso('booked')} AS subject2_booked_on, exclusion_t AS exclusion
             {extra_sel}, scope, coalesce(ecase, '') AS "case", path,
             {subject_list_sql('req')} AS required_subjects, {subject_list_sql('waived')} AS waived_subjects,
             {subject_list_sql('remaining')} AS remaining_subjects, coalesce(trule, '') AS transition_rule,
             {class_text_sql('auto')} AS auto_restore_classes, {class_text_sql('restored')} AS restored_classes,
             '{eff}' AS effective_on
      FROM ok) ORDER BY rn
    ) TO '{out('exam_enrollments.cleaned.csv')}' (HEADER, DELIMITER ',')
    """)
    # SPEC §4: S2_BOOKING_NOT_NEEDED first, else EXAM_SUBJECTS_WAIVED for a T1/T2 enrollment.
    con.execute(f"""
    CREATE TEMP TABLE notices AS
    SELECT *,
           CASE WHEN path = 'OPTIMIZED' AND (s2 = 'booked' OR (booked IS NOT NULL AND s2 <> 'passed')) THEN 'S2_BOOKING_NOT_NEEDED'
                WHEN trule IS NOT NULL THEN 'EXAM_SUBJECTS_WAIVED' END AS type,
           CASE WHEN path = 'OPTIMIZED' AND (s2 = 'booked' OR (booked IS NOT NULL AND s2 <> 'passed'))
                THEN coalesce(booked, DATE '{cutover}') ELSE DATE '{cutover}' END AS due,
           CASE trule WHEN 'T1' THEN 10 WHEN 'T2' THEN 8 ELSE 10 END AS gone
    FROM ok WHERE path = 'OPTIMIZED' AND (s2 = 'booked' OR (booked IS NOT NULL AND s2 <> 'passed') OR trule IS NOT NULL)
    """)
    values = {"applicant_name": "aname", "enrollment_id": "eid", "subjects": subject_list_sql("gone", chinese=True),
              "due_on": iso("due"), "cutover_date": f"'{cutover}'", "effective_on": f"'{eff}'", "you": "'您'",
              "booked_on": iso("booked")}
    # A booking before the cutover still stands on its date: worded apart (the template variant).
    message = (f"CASE WHEN type = 'S2_BOOKING_NOT_NEEDED' AND booked < DATE '{cutover}' THEN "
               f"{template_sql(templates['S2_BOOKING_NOT_NEEDED_BEFORE_CUTOVER'], values)} ELSE "
               f"{message_sql(templates, ['S2_BOOKING_NOT_NEEDED', 'EXAM_SUBJECTS_WAIVED'], values)} END")
    copy_notifications(con, out("notifications.csv"), strip, recipient_type="'person'", recipient_id="a_no",
                       name="aname", phone="aphone", record="eid", message=message)
    counts = dict(con.execute("SELECT path, count(*) FROM ok GROUP BY path ORDER BY path").fetchall())
    n_notices = con.execute("SELECT count(*) FROM notices").fetchone()[0]
    report(a.threads, f"paths {counts}, {n_notices} notices", t0, t_load)


if __name__ == "__main__":
    main()
