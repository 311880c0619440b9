#!/usr/bin/env python3
"""The DuckDB peer of jgpipe's violation stage (SPEC §8): the join of violations and registered
users to vehicles by plate and plate type, validation, W1-W3, the cleaned files, the
authorisation audit and the notices (SPEC §4).

    python3 scripts/bench/duckdb_violations.py --input-dir DIR --out OUTDIR
        [--as-of 2024-06-01] [--pipeline pipelines/default.toml] [--threads 2]

Reads vehicles.csv (validated as the vehicle peer does: the join side is the vehicles that stage
keeps), vehicle_users.csv and violations.csv (UTF-8; all columns VARCHAR) and writes OUTDIR/
violations.cleaned.csv (with vin, owner_id, effective_on), violations.rejected.csv,
vehicle_users.cleaned.csv, vehicle_users.rejected.csv, violations.authorisation_audit.csv and
notifications.csv (W1, W2). Closed statuses, fine_due_days, the cutover and the templates come
from the pipeline file. Prints its wall time.

Written as an analyst would: DuckDB's parallel reader, validation as SQL, fines as DECIMAL(18,2),
one plate per vehicle by a window (open before closed, then input order), W1 as a GROUP BY, W3 as
an anti-join on the registrations in force. No Python per row.
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from duckdb_peer import columns, connect, copy_notifications, message_sql, report, start  # noqa: E402
from duckdb_rules import CSV_READ, date_sql, id_final, id_parts, iso_sql as iso, norm, ts_sql  # noqa: E402
from duckdb_vehicles import PLATE_RE, load_vehicles  # noqa: E402

SEPARATORS = [" ", "\t", "·", "•", "・", "･", ".", "-"]


def plate_sql(col):
    x = "upper(" + norm(col) + ")"
    for sep in SEPARATORS:
        x = f"replace({x}, '{sep}', '')"
    return x


def instant_sql(raw, ts):
    """SPEC §0: a date-time as written (with seconds) when the text had a time, else the date."""
    return (f"CASE WHEN {ts} IS NULL THEN '' WHEN contains({raw}, ':') THEN strftime({ts}, '%Y-%m-%d %H:%M:%S') "
            f"ELSE strftime({ts}, '%Y-%m-%d') END")


def main():
    a, pipeline, t0 = start()
    run, vs, viol = pipeline.get("run", {}), pipeline.get("vehicles", {}), pipeline.get("violations", {})
    templates = pipeline.get("templates", {})
    cutover = run.get("cutover_date", "2024-07-01")
    A = a.as_of
    due_days = viol.get("fine_due_days", 15)
    late_fee = viol.get("late_fee_percent_per_day", 3)
    closed = vs.get("closed_statuses", ["E", "M", "B"])
    path = lambda name: os.path.join(a.input_dir, name)
    out = lambda name: os.path.join(a.out, name)
    rd = CSV_READ
    con = connect(a)
    # The join side: the vehicles the vehicle stage keeps, one per (plate, plate type).
    load_vehicles(con, path("vehicles.csv"), closed)
    con.execute("""
    CREATE TEMP TABLE dir AS
    SELECT plate, ptype, v AS vin, ot, CASE WHEN ot = 'person' THEN o_type ELSE oidt_raw END AS oidt,
           CASE WHEN ot = 'person' THEN o_no ELSE o_raw END AS oid, oname, ophone, NOT is_closed AS is_open,
           substr(region, 1, 4) || '00' AS det
    FROM (SELECT *, row_number() OVER (PARTITION BY plate, ptype ORDER BY is_closed, rn) AS k
          FROM veh LEFT JOIN dups USING (v)
          WHERE err IS NULL AND (dups.v IS NULL OR (dups.same AND rn = dups.first_rn)) AND plate <> '')
    WHERE k = 1
    """)
    con.execute("DROP TABLE veh")
    strip = "SELECT nullif(COLUMNS(* EXCLUDE (rn)), '') FROM"
    d = date_sql

    # ------------------------------------------------------------ registered users
    users_csv = path("vehicle_users.csv")
    has_users = os.path.exists(users_csv)
    if has_users:
        u_schema = ["plate_no", "plate_type", "user_id_type", "user_id_no", "user_name", "registered_on", "revoked_on"]
        u_cols, u_extra = columns(con, users_csv, rd, u_schema, "vehicle_users.csv")
        con.execute(f"CREATE TEMP TABLE raw_u AS SELECT * FROM read_csv('{users_csv}', {rd})")
        con.execute(f"""
        CREATE TEMP TABLE usr AS
        WITH n AS (
          SELECT rowid AS rn, {u_cols}, {plate_sql('plate_no')} AS plate, {norm('plate_type')} AS ptype,
                 {id_parts('u', 'user_id_type', 'user_id_no')}, {norm('user_name')} AS uname,
                 {norm('registered_on')} AS reg_raw, {norm('revoked_on')} AS rev_raw, hash({u_cols}) AS row_hash
          FROM raw_u
        ), f AS (SELECT *, {id_final('u')}, {ts_sql('reg_raw')} AS reg, {ts_sql('rev_raw')} AS rev FROM n)
        SELECT f.*, dir.vin,
               CASE WHEN plate = '' THEN 'MISSING_FIELD'
                    WHEN NOT regexp_full_match(plate, '{PLATE_RE}') THEN 'INVALID_PLATE'
                    WHEN ptype = '' OR u_raw = '' THEN 'MISSING_FIELD'
                    WHEN NOT u_ok THEN 'INVALID_ID'
                    WHEN reg_raw = '' THEN 'MISSING_FIELD'
                    WHEN reg IS NULL OR (rev_raw <> '' AND rev IS NULL) THEN 'INVALID_DATE'
                    WHEN dir.vin IS NULL THEN 'UNKNOWN_VEHICLE' END AS err
        FROM f LEFT JOIN dir USING (plate, ptype)
        """)
        con.execute("""
        CREATE TEMP TABLE udups AS
        SELECT plate, ptype, u_type, u_no, reg, min(rn) AS first_rn, min(row_hash) = max(row_hash) AS same
        FROM usr WHERE err IS NULL GROUP BY plate, ptype, u_type, u_no, reg HAVING count(*) > 1
        """)
        con.execute(f"""
        COPY ({strip} (
          SELECT rn, (rn + 2)::VARCHAR AS line, coalesce(err, 'DUPLICATE_KEY') AS error_code, {u_cols}
          FROM usr LEFT JOIN udups USING (plate, ptype, u_type, u_no, reg)
          WHERE err IS NOT NULL OR NOT udups.same) ORDER BY rn
        ) TO '{out('vehicle_users.rejected.csv')}' (HEADER, DELIMITER ',')
        """)
        con.execute("""
        CREATE TEMP TABLE reg AS
        SELECT usr.* FROM usr LEFT JOIN udups USING (plate, ptype, u_type, u_no, reg)
        WHERE err IS NULL AND (udups.u_no IS NULL OR (udups.same AND rn = udups.first_rn))
        """)
        con.execute(f"""
        COPY ({strip} (
          SELECT rn, plate AS plate_no, ptype AS plate_type, u_type AS user_id_type, u_no AS user_id_no,
                 uname AS user_name, {instant_sql('reg_raw', 'reg')} AS registered_on,
                 {instant_sql('rev_raw', 'rev')} AS revoked_on {u_extra}
          FROM reg) ORDER BY rn
        ) TO '{out('vehicle_users.cleaned.csv')}' (HEADER, DELIMITER ',')
        """)
    else:
        con.execute("CREATE TEMP TABLE reg (vin VARCHAR, u_type VARCHAR, u_no VARCHAR, reg TIMESTAMP, rev TIMESTAMP)")

    # ------------------------------------------------------------ violations
    v_csv = path("violations.csv")
    v_schema = ["violation_id", "plate_no", "plate_type", "occurred_at", "region_code", "violation_code", "points",
                "fine", "non_site", "status", "processed_at", "handler_id_type", "handler_id_no", "handler_name", "paid"]
    v_cols, v_extra = columns(con, v_csv, rd, v_schema, "violations.csv")
    con.execute(f"CREATE TEMP TABLE raw_v AS SELECT * FROM read_csv('{v_csv}', {rd})")
    con.execute(f"""
    CREATE TEMP TABLE vio AS
    WITH n AS (
      SELECT rowid AS rn, {v_cols}, {norm('violation_id')} AS vid, {plate_sql('plate_no')} AS plate,
             {norm('plate_type')} AS ptype, {norm('occurred_at')} AS occ_raw, {norm('region_code')} AS region,
             {norm('violation_code')} AS vcode, {norm('points')} AS pts_raw, {norm('fine')} AS fine_raw,
             CASE lower({norm('non_site')}) WHEN '' THEN 'Y' WHEN 'y' THEN 'Y' WHEN '是' THEN 'Y' WHEN '非现场' THEN 'Y'
                  WHEN 'n' THEN 'N' WHEN '否' THEN 'N' WHEN '现场' THEN 'N' END AS non_site_v,
             CASE lower({norm('status')}) WHEN '' THEN 'unprocessed' WHEN 'unprocessed' THEN 'unprocessed'
                  WHEN '未处理' THEN 'unprocessed' WHEN 'processed' THEN 'processed' WHEN '已处理' THEN 'processed'
                  END AS st,
             {norm('processed_at')} AS pr_raw, {id_parts('h', 'handler_id_type', 'handler_id_no')},
             {norm('handler_name')} AS hname,
             CASE lower({norm('paid')}) WHEN '' THEN 'N' WHEN 'n' THEN 'N' WHEN '未缴款' THEN 'N' WHEN 'y' THEN 'Y'
                  WHEN '已缴款' THEN 'Y' END AS paid_v,
             hash({v_cols}) AS row_hash
      FROM raw_v
    ), f AS (
      SELECT *, {id_final('h')}, {ts_sql('occ_raw')} AS occ, {ts_sql('pr_raw')} AS pr,
             regexp_full_match(fine_raw, '[0-9]{{1,13}}(\\.[0-9]{{1,2}})?') AS fine_ok
      FROM n
    )
    SELECT f.*, dir.vin, dir.ot, dir.oidt, dir.oid, dir.oname, dir.ophone, dir.is_open, dir.det,
           CASE WHEN pts_raw = '' THEN 0 WHEN regexp_full_match(pts_raw, '[0-9]{{1,2}}') THEN CAST(pts_raw AS INTEGER) END AS pts,
           CASE WHEN fine_raw = '' THEN 0::DECIMAL(18,2) WHEN fine_ok THEN CAST(fine_raw AS DECIMAL(18,2)) END AS fine_d,
           CASE WHEN vid = '' OR plate = '' THEN 'MISSING_FIELD'
                WHEN NOT regexp_full_match(plate, '{PLATE_RE}') THEN 'INVALID_PLATE'
                WHEN ptype = '' OR occ_raw = '' THEN 'MISSING_FIELD'
                WHEN occ IS NULL THEN 'INVALID_DATE'
                WHEN region = '' THEN 'MISSING_FIELD'
                WHEN NOT regexp_full_match(region, '[0-9]{{6}}') THEN 'INVALID_REGION'
                WHEN vcode = '' THEN 'MISSING_FIELD'
                WHEN NOT regexp_full_match(vcode, '[0-9]{{4,5}}') THEN 'INVALID_CODE'
                WHEN pts_raw <> '' AND NOT (regexp_full_match(pts_raw, '[0-9]{{1,2}}') AND CAST(pts_raw AS INTEGER) <= 12)
                     THEN 'INVALID_NUMBER'
                WHEN fine_raw <> '' AND NOT fine_ok THEN 'INVALID_NUMBER'
                WHEN non_site_v IS NULL OR st IS NULL THEN 'INVALID_CODE'
                WHEN st = 'processed' AND (pr_raw = '') THEN 'MISSING_FIELD'
                WHEN st = 'processed' AND pr IS NULL THEN 'INVALID_DATE'
                WHEN st = 'processed' AND h_raw = '' THEN 'MISSING_FIELD'
                WHEN st = 'processed' AND NOT h_ok THEN 'INVALID_ID'
                WHEN paid_v IS NULL THEN 'INVALID_CODE'
                WHEN dir.vin IS NULL THEN 'UNKNOWN_VEHICLE' END AS err
    FROM f LEFT JOIN dir USING (plate, ptype)
    """)
    con.execute("DROP TABLE raw_v")
    con.execute("""
    CREATE TEMP TABLE vdups AS
    SELECT vid, min(rn) AS first_rn, min(row_hash) = max(row_hash) AS same
    FROM vio WHERE err IS NULL GROUP BY vid HAVING count(*) > 1
    """)
    con.execute(f"""
    COPY ({strip} (
      SELECT rn, (rn + 2)::VARCHAR AS line, coalesce(err, 'DUPLICATE_KEY') AS error_code, {v_cols}
      FROM vio LEFT JOIN vdups USING (vid) WHERE err IS NOT NULL OR NOT vdups.same) ORDER BY rn
    ) TO '{out('violations.rejected.csv')}' (HEADER, DELIMITER ',')
    """)
    con.execute("""
    CREATE TEMP TABLE ok AS
    SELECT vio.* EXCLUDE (h_type, h_no),
           CASE WHEN st = 'processed' THEN h_type ELSE upper(h_type_raw_) END AS h_type,
           CASE WHEN st = 'processed' THEN h_no ELSE h_raw END AS h_no
    FROM (SELECT *, upper(coalesce(trim(handler_id_type), '')) AS h_type_raw_ FROM vio) vio
    LEFT JOIN vdups USING (vid) WHERE err IS NULL AND (vdups.vid IS NULL OR (vdups.same AND rn = vdups.first_rn))
    """)
    con.execute("DROP TABLE vio")
    t_load = time.time()
    con.execute(f"""
    COPY ({strip} (
      SELECT rn, vid AS violation_id, plate AS plate_no, ptype AS plate_type,
             {instant_sql('occ_raw', 'occ')} AS occurred_at, region AS region_code, vcode AS violation_code,
             pts::VARCHAR AS points, fine_d::VARCHAR AS fine, non_site_v AS non_site, st AS status,
             CASE WHEN st = 'processed' THEN {instant_sql('pr_raw', 'pr')} ELSE '' END AS processed_at,
             h_type AS handler_id_type, h_no AS handler_id_no, hname AS handler_name, paid_v AS paid {v_extra},
             vin, oid AS owner_id, '{A}' AS effective_on
      FROM ok) ORDER BY rn
    ) TO '{out('violations.cleaned.csv')}' (HEADER, DELIMITER ',')
    """)
    # W3: processed non-site violations on or after the cutover, handled by someone not the owner.
    con.execute(f"""
    COPY (
      WITH c AS (
        SELECT ok.*, EXISTS (SELECT 1 FROM reg WHERE reg.vin = ok.vin AND reg.u_type = ok.h_type AND reg.u_no = ok.h_no
                                                AND reg.reg <= ok.occ AND (reg.rev IS NULL OR reg.rev > ok.occ)) AS in_force,
               EXISTS (SELECT 1 FROM reg WHERE reg.vin = ok.vin AND reg.u_type = ok.h_type AND reg.u_no = ok.h_no) AS any_reg,
               EXISTS (SELECT 1 FROM reg WHERE reg.vin = ok.vin AND reg.u_type = ok.h_type AND reg.u_no = ok.h_no
                                                AND reg.reg <= ok.occ) AS begun
        FROM ok WHERE st = 'processed' AND non_site_v = 'Y' AND CAST(pr AS DATE) >= DATE '{cutover}'
                  AND NOT (ot = 'person' AND oidt = h_type AND oid = h_no)
      )
      SELECT vid AS violation_id, plate AS plate_no, ptype AS plate_type, vin, {instant_sql('occ_raw', 'occ')} AS occurred_at,
             {instant_sql('pr_raw', 'pr')} AS processed_at, h_type AS handler_id_type, h_no AS handler_id_no,
             hname AS handler_name, oid AS owner_id,
             CASE WHEN NOT any_reg THEN 'NOT_REGISTERED' WHEN begun THEN 'REVOKED_BEFORE_VIOLATION'
                  ELSE 'REGISTERED_AFTER_VIOLATION' END AS finding, det AS detachment_code
      FROM c WHERE NOT in_force ORDER BY det, pr, vid
    ) TO '{out('violations.authorisation_audit.csv')}' (HEADER, DELIMITER ',')
    """)
    # W1 per open vehicle (violations that occurred by A), W2 per unpaid fine decided by A.
    con.execute(f"""
    CREATE TEMP TABLE notices AS
    SELECT 'VIOLATIONS_UNPROCESSED' AS type, det, ot, oid AS recipient_id, oname AS recipient_name, ophone AS phone,
           vin AS record_id, DATE '{A}' AS due, string_agg(vid, ';' ORDER BY vid) AS fact, any_value(plate) AS plate,
           count(*)::VARCHAR AS cnt, sum(pts)::VARCHAR AS points, sum(fine_d)::VARCHAR AS fines,
           strftime(min(occ), '%Y-%m-%d') AS oldest, NULL AS vid, NULL::VARCHAR AS fine, NULL AS hname
    FROM ok WHERE st = 'unprocessed' AND is_open AND CAST(occ AS DATE) <= DATE '{A}'
    GROUP BY det, ot, oid, oname, ophone, vin
    UNION ALL
    SELECT 'FINE_UNPAID', det, 'person', h_no, hname,
           CASE WHEN ot = 'person' AND oidt = h_type AND oid = h_no THEN ophone ELSE '' END, vid,
           CAST(CAST(pr AS DATE) + INTERVAL {due_days} DAY AS DATE), vid, plate, NULL, NULL, NULL, NULL, vid,
           fine_d::VARCHAR, hname
    FROM ok WHERE st = 'processed' AND CAST(pr AS DATE) <= DATE '{A}' AND fine_d > 0 AND paid_v = 'N'
    """)
    values = {"owner_name": "recipient_name", "you": "CASE WHEN ot = 'person' THEN '您' ELSE '贵单位' END",
              "plate_no": "plate", "count": "cnt", "points": "points", "fines": "fines", "oldest_on": "oldest",
              "due_on": iso("due"), "handler_name": "hname", "violation_id": "vid", "fine": "fine",
              "fine_due_days": f"'{due_days}'", "late_fee_percent": f"'{late_fee}'"}
    message = message_sql(templates, ["VIOLATIONS_UNPROCESSED", "FINE_UNPAID"], values)
    copy_notifications(con, out("notifications.csv"), strip,
                       recipient_type="CASE WHEN ot = 'person' THEN 'person' ELSE 'unit' END",
                       recipient_id="recipient_id", name="recipient_name", phone="phone", record="record_id",
                       message=message)
    counts = dict(con.execute("SELECT type, count(*) FROM notices GROUP BY type ORDER BY type").fetchall())
    report(a.threads, f"notices {counts}", t0, t_load)

if __name__ == "__main__":
    main()
