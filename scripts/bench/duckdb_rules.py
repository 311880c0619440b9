#!/usr/bin/env python3
"""The DuckDB peer of jgpipe's account stage (SPEC §1): R1 -> R2 -> R3, then C1 and C2.

    python3 scripts/bench/duckdb_rules.py --input-dir DIR --out OUTDIR
        [--as-of 2024-06-01] [--cutover 2024-07-01] [--threads 2]

Reads units.csv and unit_accounts.csv (UTF-8; all columns VARCHAR), validates what the
rules depend on (credit code, identity numbers with 15 -> 18 conversion, dates in the
mixed forms, codes, unknown unit, duplicate keys), applies the rules with window
functions, and writes OUTDIR/unit_accounts.cleaned.csv (every valid account in input
order, with status/role/replace_permit/cleanup_rule/disable_on/effective_on) and
OUTDIR/unit_accounts.rejected.csv. Prints its own wall time on stderr.

This is meant to be the job a competent analyst would write, not a strawman: one
pass per rule over the survivors of the previous one, DuckDB's parallel CSV reader
and writer, no Python in the row path.
"""
import argparse
import os
import subprocess
import sys
import time

try:
    import duckdb
except ImportError:
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "duckdb"], check=True)
    import duckdb

ID_W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CC_W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
CC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def id_check_sql(x):
    """GB 11643 check character of the 17-digit string expression x."""
    s = " + ".join(f"(ascii(substr({x},{i + 1},1)) - 48) * {w}" for i, w in enumerate(ID_W))
    return f"substr('10X98765432', (({s}) % 11) + 1, 1)"


def cc_check_sql(x):
    """GB 32100 check character of the first 17 chars of x."""
    s = " + ".join(f"(strpos('{CC_CHARS}', substr({x},{i + 1},1)) - 1) * {w}" for i, w in enumerate(CC_W))
    return f"substr('{CC_CHARS}', ((31 - (({s}) % 31)) % 31) + 1, 1)"


def norm(col):
    """Trim; NULL, 'NULL' and '\\N' become ''."""
    return f"CASE WHEN trim(coalesce({col},'')) IN ('NULL', '\\N') THEN '' ELSE trim(coalesce({col},'')) END"


# How every peer reads a dump: all columns as text, RFC 4180 quoting (DuckDB's default escape
# would be a backslash).
CSV_READ = "all_varchar=true, header=true, delim=',', quote='\"', escape='\"'"


def date_sql(col):
    """A date from any SPEC date or date-time form, or NULL."""
    return f"CAST({ts_sql(col)} AS DATE)"


def iso_sql(col):
    """A date column as text the way jgpipe writes dates (YYYY-MM-DD)."""
    return f"strftime({col}, '%Y-%m-%d')"


def classes_sql(col):
    """A licence-class list as one upper-case code string, without its separators."""
    x = f"upper({norm(col)})"
    for sep in [",", "，", "/", "、", " ", "\t"]:
        x = f"replace({x}, '{sep}', '')"
    return x


def ts_sql(col):
    """Tolerant date-time parse: YYYY-MM-DD, YYYY/M/D, YYYYMMDD, YYYY年M月D日, optional HH:MM[:SS]."""
    return (f"CASE WHEN regexp_full_match({col}, '[0-9]{{8}}') THEN try_strptime({col}, '%Y%m%d') "
            f"ELSE try_strptime(replace(replace(replace(replace({col}, '/', '-'), '年', '-'), '月', '-'), '日', ''), "
            f"['%Y-%m-%d %H:%M:%S', '%Y-%m-%d %H:%M', '%Y-%m-%d']) END")


def id_parts(prefix, type_col, no_col):
    """SELECT items: {prefix}_type, {prefix}_raw, {prefix}_17 (the 17 body digits for type A)."""
    raw = f"upper({norm(no_col)})"
    return (f"coalesce(nullif(upper({norm(type_col)}), ''), 'A') AS {prefix}_type, {raw} AS {prefix}_raw, "
            f"CASE WHEN length({raw}) = 15 THEN substr({raw},1,6) || '19' || substr({raw},7,9) "
            f"ELSE substr({raw},1,17) END AS {prefix}_17")


def id_final(prefix):
    """SELECT items: {prefix}_no (normalised, 15 -> 18) and {prefix}_ok."""
    t, raw, b = f"{prefix}_type", f"{prefix}_raw", f"{prefix}_17"
    chk = id_check_sql(b)
    return (f"CASE WHEN {t} = 'A' AND length({raw}) = 15 THEN {b} || {chk} ELSE {raw} END AS {prefix}_no, "
            f"CASE WHEN {t} <> 'A' THEN {raw} <> '' "
            f"ELSE (length({raw}) = 15 OR length({raw}) = 18) AND regexp_full_match({b}, '[0-9]{{17}}') "
            f"AND (length({raw}) = 15 OR substr({raw},18,1) = {chk}) "
            f"AND try_strptime(substr({b},7,8), '%Y%m%d') IS NOT NULL END AS {prefix}_ok")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--input-dir", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--as-of", default="2024-06-01")
    ap.add_argument("--cutover", default="2024-07-01")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--memory-limit", default=None, help="e.g. 4GB; DuckDB's default is 80%% of RAM")
    a = ap.parse_args()
    t0 = time.time()
    os.makedirs(a.out, exist_ok=True)
    eff = max(a.as_of, a.cutover)  # E = max(as_of, cutover), ISO strings compare as dates
    units_csv = os.path.join(a.input_dir, "units.csv")
    acc_csv = os.path.join(a.input_dir, "unit_accounts.csv")

    con = duckdb.connect()
    con.execute(f"SET threads={a.threads}")
    if a.memory_limit:
        con.execute(f"SET memory_limit='{a.memory_limit}'")
    rd = CSV_READ

    # Units: valid ones only (rejects would be reported by jgpipe; here they just make accounts UNKNOWN_UNIT).
    con.execute(f"""
    CREATE TEMP TABLE units AS
    WITH n AS (
      SELECT upper({norm('unit_code')}) AS unit_code, {norm('unit_name')} AS unit_name,
             {norm('region_code')} AS region_code,
             {id_parts('lp', 'legal_person_id_type', 'legal_person_id_no')}
      FROM read_csv('{units_csv}', {rd})
    ), v AS (
      SELECT unit_code, unit_name, region_code, lp_type, {id_final('lp')},
             count(*) OVER (PARTITION BY unit_code) AS n_key,
             count(*) OVER (PARTITION BY unit_code, unit_name, region_code, lp_type, lp_raw) AS n_same
      FROM n
      WHERE length(unit_code) = 18 AND regexp_full_match(unit_code, '[0-9A-HJ-NP-RTUWXY]{{18}}')
        AND substr(unit_code, 18, 1) = {cc_check_sql('unit_code')}
        AND unit_name <> '' AND regexp_full_match(region_code, '[0-9]{{6}}')
    )
    SELECT DISTINCT unit_code, lp_type, lp_no FROM v WHERE lp_ok AND n_key = n_same
    """)

    acc_cols = [c[0] for c in con.execute(f"DESCRIBE SELECT * FROM read_csv('{acc_csv}', {rd})").fetchall()]
    schema = ["account_id", "unit_code", "holder_id_type", "holder_id_no", "holder_name", "holder_phone",
              "registered_at", "status", "role", "replace_permit"]
    missing = [c for c in schema if c not in acc_cols]
    if missing:
        sys.exit(f"unit_accounts.csv: missing column(s) {missing}")
    extra = [c for c in acc_cols if c not in schema]
    q = lambda c: '"' + c.replace('"', '""') + '"'
    all_cols = ", ".join(q(c) for c in acc_cols)

    # Load once (parallel reader); with insertion order preserved, rowid is the record's index in the file.
    con.execute(f"CREATE TEMP TABLE raw AS SELECT * FROM read_csv('{acc_csv}', {rd})")
    con.execute(f"""
    CREATE TEMP TABLE acc AS
    WITH n AS (
      SELECT rowid AS rn, {all_cols},
             {norm('account_id')} AS aid, upper({norm('unit_code')}) AS ucode,
             {id_parts('h', 'holder_id_type', 'holder_id_no')},
             {norm('registered_at')} AS reg_raw,
             lower({norm('status')}) AS st_raw, lower({norm('role')}) AS role_raw,
             upper({norm('replace_permit')}) AS rp_raw,
             hash({all_cols}) AS row_hash
      FROM raw
    ), f AS (
      SELECT *, {id_final('h')}, {ts_sql('reg_raw')} AS ts,
             CASE st_raw WHEN '' THEN 'active' WHEN 'active' THEN 'active' WHEN '正常' THEN 'active'
                         WHEN 'disabled' THEN 'disabled' WHEN '停用' THEN 'disabled' END AS st,
             CASE role_raw WHEN '' THEN '' WHEN 'legal_person' THEN 'legal_person' WHEN '法人' THEN 'legal_person'
                           WHEN 'admin' THEN 'admin' WHEN '管理员' THEN 'admin'
                           WHEN 'ordinary' THEN 'ordinary' WHEN '普通用户' THEN 'ordinary' END AS rl,
             CASE WHEN rp_raw IN ('', 'Y', 'N') THEN rp_raw END AS rp,
             CASE WHEN regexp_full_match(aid, '[0-9]+') THEN lpad(ltrim(aid, '0'), 24, '0') ELSE aid END AS aid_key
      FROM n
    )
    SELECT f.*, u.lp_type, u.lp_no,
           CASE WHEN aid = '' OR ucode = '' OR h_raw = '' OR reg_raw = '' THEN 'MISSING_FIELD'
                WHEN NOT h_ok THEN 'INVALID_ID'
                WHEN ts IS NULL THEN 'INVALID_DATE'
                WHEN st IS NULL OR rl IS NULL OR rp IS NULL THEN 'INVALID_CODE'
                WHEN u.unit_code IS NULL THEN 'UNKNOWN_UNIT' END AS err
    FROM f LEFT JOIN units u ON u.unit_code = f.ucode
    """)
    con.execute("DROP TABLE raw")
    # Duplicate keys among rows that passed: identical rows collapse to the first, differing ones are all rejected.
    con.execute("""
    CREATE TEMP TABLE dups AS
    SELECT aid, min(rn) AS first_rn, min(row_hash) = max(row_hash) AS same
    FROM acc WHERE err IS NULL GROUP BY aid HAVING count(*) > 1
    """)
    t_load = time.time()

    # A legal-person account: role legal_person, or empty role and the holder is the unit's legal person.
    sel_valid = "err IS NULL AND (dups.aid IS NULL OR (dups.same AND rn = dups.first_rn))"
    newest = "ts DESC, aid_key DESC"
    con.execute(f"""
    CREATE TEMP TABLE removed AS
    WITH v AS (
      SELECT rn, ucode, h_type, h_no, ts, aid_key,
             rl = 'legal_person' OR (rl = '' AND h_type = lp_type AND h_no = lp_no) AS is_lp
      FROM acc LEFT JOIN dups USING (aid) WHERE {sel_valid} AND st = 'active'
    ), r1 AS (
      SELECT *, row_number() OVER (PARTITION BY ucode, h_type, h_no ORDER BY {newest}) AS k1 FROM v
    ), r2 AS (
      SELECT *, row_number() OVER (PARTITION BY ucode ORDER BY {newest}) AS k2 FROM r1 WHERE k1 = 1
    ), r3 AS (
      SELECT *, row_number() OVER (PARTITION BY h_type, h_no ORDER BY {newest}) AS k3
      FROM r2 WHERE k2 <= 10 AND NOT is_lp
    )
    SELECT rn, 'R1' AS rule FROM r1 WHERE k1 > 1
    UNION ALL SELECT rn, 'R2' FROM r2 WHERE k2 > 10
    UNION ALL SELECT rn, 'R3' FROM r3 WHERE k3 > 3
    """)
    t_rules = time.time()

    extra_sel = "".join(f", {q(c)}" for c in extra)
    cleaned = os.path.join(a.out, "unit_accounts.cleaned.csv")
    con.execute(f"""
    COPY (
      -- nullif: DuckDB writes '' as "" (to tell it from NULL); jgpipe writes empty fields bare
      SELECT nullif(COLUMNS(* EXCLUDE (rn)), '') FROM (
      SELECT rn, aid AS account_id, ucode AS unit_code, h_type AS holder_id_type, h_no AS holder_id_no,
             {norm('holder_name')} AS holder_name, {norm('holder_phone')} AS holder_phone,
             CASE WHEN reg_raw LIKE '%:%' THEN strftime(ts, '%Y-%m-%d %H:%M:%S') ELSE strftime(ts, '%Y-%m-%d') END
               AS registered_at,
             CASE WHEN r.rule IS NOT NULL THEN 'disabled' ELSE st END AS status,
             CASE WHEN st = 'active' AND r.rule IS NULL AND rl = '' THEN
                    CASE WHEN h_type = lp_type AND h_no = lp_no THEN 'legal_person' ELSE 'ordinary' END
                  ELSE rl END AS role,
             CASE WHEN st = 'active' AND r.rule IS NULL AND rp = '' THEN
                    CASE WHEN ts < DATE '{a.cutover}' THEN 'Y'
                         WHEN rl IN ('legal_person', 'admin') THEN 'Y'
                         WHEN rl = '' AND h_type = lp_type AND h_no = lp_no THEN 'Y'
                         ELSE 'N' END
                  ELSE rp END AS replace_permit,
             coalesce(r.rule, '') AS cleanup_rule,
             CASE WHEN r.rule IS NOT NULL THEN '{eff}' ELSE '' END AS disable_on,
             '{eff}' AS effective_on{extra_sel}
      FROM acc LEFT JOIN dups USING (aid) LEFT JOIN removed r USING (rn)
      WHERE {sel_valid}) ORDER BY rn
    ) TO '{cleaned}' (HEADER, DELIMITER ',')
    """)
    rejected = os.path.join(a.out, "unit_accounts.rejected.csv")
    con.execute(f"""
    COPY (
      SELECT nullif(COLUMNS(* EXCLUDE (rn)), '') FROM (
      SELECT rn, (rn + 2)::VARCHAR AS line, coalesce(err, 'DUPLICATE_KEY') AS error_code, {all_cols}
      FROM acc LEFT JOIN dups USING (aid) WHERE err IS NOT NULL OR NOT dups.same) ORDER BY rn
    ) TO '{rejected}' (HEADER, DELIMITER ',')
    """)
    t_end = time.time()
    counts = dict(con.execute("SELECT rule, count(*) FROM removed GROUP BY rule ORDER BY rule").fetchall())
    n_rej = con.execute("SELECT count(*) FROM acc LEFT JOIN dups USING (aid) WHERE err IS NOT NULL OR NOT dups.same").fetchone()[0]
    n_in = con.execute("SELECT count(*) FROM acc").fetchone()[0]
    print(f"duckdb {duckdb.__version__} threads={a.threads}: {n_in} accounts, rejected {n_rej}, removed {counts}; "
          f"wall {t_end - t0:.2f}s (load+validate {t_load - t0:.2f}s, rules {t_rules - t_load:.2f}s, "
          f"write {t_end - t_rules:.2f}s)", file=sys.stderr)


if __name__ == "__main__":
    main()
