#!/usr/bin/env python3
"""The DuckDB peer of jgpipe's vehicle stage (SPEC §3): validation, V1-V5, the cleaned file,
the deregistration work list and the owner notices.

    python3 scripts/bench/duckdb_vehicles.py --input-dir DIR --out OUTDIR
        [--as-of 2024-06-01] [--pipeline pipelines/default.toml] [--pilot 4401,3101] [--threads 2]

Reads vehicles.csv (UTF-8; all columns VARCHAR) and writes OUTDIR/vehicles.cleaned.csv (every
valid vehicle in input order, normalised, with vin_check, scrap_on, effective_on),
vehicles.rejected.csv, vehicles.deregistration_worklist.csv and notifications.csv (one row
per notice with its message, ordered by detachment, type, recipient, record). The scrap table,
notice windows, exempt-sticker ages and templates come from the pipeline file, so the peer
runs the same rules as jgpipe. Prints its own wall time on stderr.

Written as an analyst would: one load with DuckDB's parallel reader, validation as SQL
expressions (regexps for VIN and plate, the VIN and GB 11643 check characters and the GB 32100
credit-code check as arithmetic, try_strptime for dates), every rule a CASE expression, COPY
for the outputs. No Python per row.
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from duckdb_peer import (columns, connect, copy_notifications, message_sql, quoted as q, report,  # noqa: E402
                         start)
from duckdb_rules import CSV_READ, cc_check_sql, date_sql, id_final, id_parts, iso_sql as iso, norm  # noqa: E402

PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
SERIAL = "[A-HJ-NP-Z0-9]"
PLATE_RE = (f"[{PROVINCES}][A-HJ-NP-Z]({SERIAL}{{4}}[A-HJ-NP-Z0-9学警挂港澳领]"
            f"|[DF]{SERIAL}[0-9]{{4}}|[0-9]{{5}}[DF])")
VIN_W = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]
# ISO 3779 transliteration of A..Z (I, O, Q never pass the regexp; their 0 is unused).
VIN_LETTERS = "12345678012345070923456789"


def vin_check_sql(x):
    """The position-9 check character ISO 3779 gives the 17-character expression x."""
    def value(i):
        c = f"substr({x},{i + 1},1)"
        return (f"(CASE WHEN {c} <= '9' THEN ascii({c}) - 48 "
                f"ELSE ascii(substr('{VIN_LETTERS}', ascii({c}) - 64, 1)) - 48 END)")
    s = " + ".join(f"{value(i)} * {w}" for i, w in enumerate(VIN_W) if w)
    return f"substr('0123456789X', (({s}) % 11) + 1, 1)"


def sql_list(items):
    return "(" + ", ".join(f"'{i}'" for i in items) + ")"


def scrap_years_sql(rows):
    """V1: the first matching row's years, as one CASE; NULL (no age limit) when none matches."""
    whens = []
    for row in rows:
        conds = []
        if row.get("use_natures"):
            conds.append(f"un IN {sql_list(row['use_natures'])}")
        if row.get("vehicle_types"):
            conds.append("(" + " OR ".join(f"starts_with(vt, '{p}')" for p in row["vehicle_types"]) + ")")
        years = row["years"]
        whens.append(f"WHEN {' AND '.join(conds) or 'true'} THEN {'NULL' if years == 0 else years}")
    return "CASE " + " ".join(whens) + " END"


def load_vehicles(con, csv, closed):
    """Creates the temp tables `veh` (every row of vehicles.csv, normalised, with `err`, the first
    failing check's code, or NULL) and `dups` (VINs on more than one valid row: `same` when the
    rows are identical); returns (all_cols, extra_sel) for the outputs. Shared with the violation
    peer, whose join side is the vehicles this keeps."""
    rd = CSV_READ
    schema = ["vin", "plate_no", "plate_type", "vehicle_type", "use_nature", "owner_type", "owner_id_type",
              "owner_id_no", "owner_name", "owner_phone", "region_code", "registered_on",
              "inspection_valid_until", "status", "scrap_received_on", "scrap_region_code"]
    all_cols, extra_sel = columns(con, csv, rd, schema, "vehicles.csv")
    plate_norm = "upper(" + norm("plate_no") + ")"
    for sep in [" ", "\t", "·", "•", "・", "･", ".", "-"]:
        plate_norm = f"replace({plate_norm}, '{sep}', '')"
    closed_sql = " OR ".join(f"contains(st, '{c}')" for c in closed) or "false"
    # Dates: the tolerant parse of the account peer, cast to DATE.
    d = date_sql

    con.execute(f"CREATE TEMP TABLE raw AS SELECT * FROM read_csv('{csv}', {rd})")
    con.execute(f"""
    CREATE TEMP TABLE veh AS
    WITH n AS (
      SELECT rowid AS rn, {all_cols},
             upper({norm('vin')}) AS v, {plate_norm} AS plate, {norm('plate_type')} AS ptype,
             upper({norm('vehicle_type')}) AS vt, upper({norm('use_nature')}) AS un,
             lower({norm('owner_type')}) AS ot_raw, {norm('owner_name')} AS oname, {norm('owner_phone')} AS ophone,
             {id_parts('o', 'owner_id_type', 'owner_id_no')},
             upper({norm('owner_id_type')}) AS oidt_raw,
             {norm('region_code')} AS region, {norm('registered_on')} AS reg_raw,
             {norm('inspection_valid_until')} AS ins_raw,
             CASE upper({norm('status')}) WHEN '' THEN 'A' WHEN '正常' THEN 'A' WHEN '注销' THEN 'E'
                  WHEN '强制注销' THEN 'M' ELSE upper({norm('status')}) END AS st,
             {norm('scrap_received_on')} AS src_raw, {norm('scrap_region_code')} AS srg,
             hash({all_cols}) AS row_hash
      FROM raw
    ), f AS (
      SELECT *, {id_final('o')},
             CASE ot_raw WHEN 'person' THEN 'person' WHEN '个人' THEN 'person'
                         WHEN 'unit' THEN 'unit' WHEN '单位' THEN 'unit' END AS ot,
             {d('reg_raw')} AS reg, {d('ins_raw')} AS ins, {d('src_raw')} AS src,
             regexp_full_match(v, '[0-9A-HJ-NPR-Z]{{17}}') AS vin_ok,
             {closed_sql} AS is_closed
      FROM n
    )
    SELECT *,
           CASE WHEN vin_ok AND substr(v, 9, 1) = {vin_check_sql('v')} THEN 'PASS' ELSE 'FAIL' END AS vin_check,
           CASE WHEN v = '' THEN 'MISSING_FIELD'
                WHEN NOT vin_ok THEN 'INVALID_VIN'
                WHEN plate <> '' AND NOT regexp_full_match(plate, '{PLATE_RE}') THEN 'INVALID_PLATE'
                WHEN vt = '' OR un = '' THEN 'MISSING_FIELD'
                WHEN NOT regexp_full_match(vt, '[A-Z][0-9]{{2}}') OR NOT regexp_full_match(un, '[A-U]') THEN 'INVALID_CODE'
                WHEN ot_raw = '' OR o_raw = '' THEN 'MISSING_FIELD'
                WHEN ot IS NULL THEN 'INVALID_CODE'
                WHEN ot = 'person' AND NOT o_ok THEN 'INVALID_ID'
                WHEN ot = 'unit' AND NOT (regexp_full_match(o_raw, '[0-9A-HJ-NP-RTUWXY]{{18}}')
                                          AND substr(o_raw, 18, 1) = {cc_check_sql('o_raw')}) THEN 'INVALID_CREDIT_CODE'
                WHEN region = '' THEN 'MISSING_FIELD'
                WHEN NOT regexp_full_match(region, '[0-9]{{6}}') THEN 'INVALID_REGION'
                WHEN reg_raw = '' THEN 'MISSING_FIELD'
                WHEN reg IS NULL OR (ins_raw <> '' AND ins IS NULL) THEN 'INVALID_DATE'
                WHEN NOT regexp_full_match(st, '[A-Z]+') THEN 'INVALID_CODE'
                WHEN src_raw <> '' AND src IS NULL THEN 'INVALID_DATE'
                WHEN srg <> '' AND NOT regexp_full_match(srg, '[0-9]{{6}}') THEN 'INVALID_REGION'
                WHEN plate = '' AND NOT is_closed THEN 'INVALID_PLATE' END AS err
    FROM f
    """)
    con.execute("DROP TABLE raw")
    # Duplicate VINs among rows that passed: identical rows collapse to the first, differing ones are all rejected.
    con.execute("""
    CREATE TEMP TABLE dups AS
    SELECT v, min(rn) AS first_rn, min(row_hash) = max(row_hash) AS same
    FROM veh WHERE err IS NULL GROUP BY v HAVING count(*) > 1
    """)
    return all_cols, extra_sel


def main():
    a, pipeline, t0 = start(pilot=True)
    run, vs, templates = pipeline.get("run", {}), pipeline.get("vehicles", {}), pipeline.get("templates", {})
    cutover = run.get("cutover_date", "2024-07-01")
    eff = max(a.as_of, cutover)  # E, for V5's message; V2-V4 are judged on A (SPEC §0, revision 2026-12-01)
    scrap_days, insp_days = vs.get("scrap_notice_days", 90), vs.get("inspection_notice_days", 30)
    pilot = a.pilot.split(",") if a.pilot else vs.get("ecert_pilot_regions", [])
    closed = vs.get("closed_statuses", ["E", "M", "B"])
    sticker = vs.get("exempt_sticker", {})
    car_ages = sticker.get("car_ages", [2, 4, 8])
    moto_ages = sticker.get("motorcycle_ages", [2, 4])
    vans = sticker.get("excluded_vehicle_types", ["K39", "K49"])
    csv = os.path.join(a.input_dir, "vehicles.csv")

    con = connect(a)
    all_cols, extra_sel = load_vehicles(con, csv, closed)
    sel_valid = "err IS NULL AND (dups.v IS NULL OR (dups.same AND rn = dups.first_rn))"
    as_of = f"DATE '{a.as_of}'"
    # Full years from registration to the inspection date, for the exempt-sticker ages (V4).
    age = "(date_part('year', ins) - date_part('year', reg) - CASE WHEN strftime(ins, '%m%d') < strftime(reg, '%m%d') THEN 1 ELSE 0 END)"
    con.execute(f"""
    CREATE TEMP TABLE ok AS
    SELECT rn, v, plate, ptype, vt, un, ot, CASE WHEN ot = 'person' THEN o_type ELSE oidt_raw END AS oidt,
           CASE WHEN ot = 'person' THEN o_no ELSE o_raw END AS oid, oname, ophone, region, reg, ins, st, src, srg,
           is_closed, vin_check, CAST(reg + to_years(CAST({scrap_years_sql(vs.get('scrap_life', []))} AS INTEGER)) AS DATE) AS scrap_on,
           substr(region, 1, 4) || '00' AS det,
           (starts_with(vt, 'M') AND {age} IN {tuple(moto_ages) if len(moto_ages) > 1 else f"({moto_ages[0]})"})
             OR (un = 'A' AND (starts_with(vt, 'K3') OR starts_with(vt, 'K4')) AND vt NOT IN {sql_list(vans)}
                 AND {age} IN {tuple(car_ages)}) AS sticker
           {extra_sel}
    FROM veh LEFT JOIN dups USING (v) WHERE {sel_valid}
    """)
    out = lambda name: os.path.join(a.out, name)
    strip = "SELECT nullif(COLUMNS(* EXCLUDE (rn)), '') FROM"  # jgpipe writes empty fields bare
    con.execute(f"""
    COPY ({strip} (
      SELECT rn, (rn + 2)::VARCHAR AS line, coalesce(err, 'DUPLICATE_KEY') AS error_code, {all_cols}
      FROM veh LEFT JOIN dups USING (v) WHERE err IS NOT NULL OR NOT dups.same) ORDER BY rn
    ) TO '{out('vehicles.rejected.csv')}' (HEADER, DELIMITER ',')
    """)
    con.execute("DROP TABLE veh")
    t_load = time.time()
    con.execute(f"""
    COPY ({strip} (
      SELECT rn, v AS vin, plate AS plate_no, ptype AS plate_type, vt AS vehicle_type, un AS use_nature,
             ot AS owner_type, oidt AS owner_id_type, oid AS owner_id_no, oname AS owner_name, ophone AS owner_phone,
             region AS region_code, {iso('reg')} AS registered_on, {iso('ins')} AS inspection_valid_until,
             st AS status, {iso('src')} AS scrap_received_on, srg AS scrap_region_code, vin_check,
             {iso('scrap_on')} AS scrap_on, '{a.as_of}' AS effective_on{extra_sel}
      FROM ok) ORDER BY rn
    ) TO '{out('vehicles.cleaned.csv')}' (HEADER, DELIMITER ',')
    """)
    con.execute(f"""
    COPY ({strip} (
      SELECT 0 AS rn, v AS vin, plate AS plate_no, oname AS owner_name, ophone AS owner_phone, region AS region_code,
             srg AS scrap_region_code, {iso('src')} AS scrap_received_on, {iso('src + 1')} AS due_on,
             CASE WHEN srg <> '' AND substr(srg, 1, 4) <> substr(region, 1, 4) THEN 'Y' ELSE 'N' END AS cross_region,
             CASE WHEN {as_of} > src + 1 THEN 'Y' ELSE 'N' END AS overdue,
             greatest(0, {as_of} - (src + 1))::VARCHAR AS days_overdue, det AS detachment_code
      FROM ok WHERE NOT is_closed AND src IS NOT NULL ORDER BY det, src, v)
    ) TO '{out('vehicles.deregistration_worklist.csv')}' (HEADER, DELIMITER ',')
    """)
    # V2, V4, V5: one row per notice, then the messages from the pipeline file's templates.
    con.execute(f"""
    CREATE TEMP TABLE notices AS
    WITH o AS (SELECT * FROM ok WHERE NOT is_closed)
    SELECT CASE WHEN scrap_on < {as_of} THEN 'SCRAP_OVERDUE' ELSE 'SCRAP_DUE_SOON' END AS type, scrap_on AS due, *
    FROM o WHERE scrap_on <= {as_of} + {scrap_days}
    UNION ALL
    SELECT CASE WHEN sticker THEN (CASE WHEN ins < {as_of} THEN 'EXEMPT_STICKER_OVERDUE' ELSE 'EXEMPT_STICKER_DUE' END)
                ELSE (CASE WHEN ins < {as_of} THEN 'INSPECTION_OVERDUE' ELSE 'INSPECTION_DUE' END) END, ins, *
    FROM o WHERE ins <= {as_of} + {insp_days}
    UNION ALL
    SELECT 'ECERT_AVAILABLE', DATE '{eff}', * FROM o WHERE substr(region, 1, 4) IN {sql_list(pilot) if pilot else "('')"}
    """)
    values = {"owner_name": "oname", "plate_no": "plate", "vin": "v", "due_on": iso("due"), "effective_on": f"'{eff}'",
              "you": "CASE ot WHEN 'unit' THEN '贵单位' ELSE '您' END"}
    # A pipeline file older than EXEMPT_STICKER_OVERDUE words it as an overdue inspection.
    templates.setdefault("EXEMPT_STICKER_OVERDUE", templates["INSPECTION_OVERDUE"])
    message = message_sql(templates, ["SCRAP_DUE_SOON", "SCRAP_OVERDUE", "INSPECTION_DUE", "INSPECTION_OVERDUE",
                                      "EXEMPT_STICKER_DUE", "EXEMPT_STICKER_OVERDUE", "ECERT_AVAILABLE"], values)
    copy_notifications(con, out("notifications.csv"), strip, recipient_type="ot", recipient_id="oid",
                       name="oname", phone="ophone", record="v", message=message)
    counts = dict(con.execute("SELECT type, count(*) FROM notices GROUP BY type ORDER BY type").fetchall())
    n_ok = con.execute("SELECT count(*) FROM ok").fetchone()[0]
    report(a.threads, f"{n_ok} valid vehicles, notices {counts}", t0, t_load)


if __name__ == "__main__":
    main()
