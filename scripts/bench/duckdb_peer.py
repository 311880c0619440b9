"""What the vehicle and exam peers share: the connection and the input's columns, messages from
the pipeline file's templates, notifications.csv as SPEC §4 lays it out (one row per notice,
ordered by detachment, type, recipient, record), and the peer's closing line on stderr."""
import argparse
import os
import sys
import time
import tomllib

from duckdb_rules import duckdb


def start(pilot=False):
    """The peers' arguments, the pipeline file's tables and the start time; the output folder made."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--input-dir", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--as-of", default="2024-06-01")
    ap.add_argument("--pipeline", default=os.path.join(os.path.dirname(__file__), "../../pipelines/default.toml"))
    if pilot:
        ap.add_argument("--pilot", default=None, help="ecert pilot prefixes, e.g. 4401,3101 (default: the pipeline file's)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--memory-limit", default=None, help="e.g. 4GB; DuckDB's default is 80%% of RAM")
    a = ap.parse_args()
    t0 = time.time()
    os.makedirs(a.out, exist_ok=True)
    with open(a.pipeline, "rb") as f:
        pipeline = tomllib.load(f)
    return a, pipeline, t0


def connect(a):
    """A connection with the peer's --threads and --memory-limit."""
    con = duckdb.connect()
    con.execute(f"SET threads={a.threads}")
    if a.memory_limit:
        con.execute(f"SET memory_limit='{a.memory_limit}'")
    return con


def quoted(c):
    return '"' + c.replace('"', '""') + '"'


def columns(con, csv, rd, schema, name):
    """The file's columns (every one read as VARCHAR): all of them quoted, and the pass-through
    ones (not in `schema`) as a select-list tail; exits when a schema column is missing."""
    cols = [c[0] for c in con.execute(f"DESCRIBE SELECT * FROM read_csv('{csv}', {rd})").fetchall()]
    if missing := [c for c in schema if c not in cols]:
        sys.exit(f"{name}: missing column(s) {missing}")
    return ", ".join(quoted(c) for c in cols), "".join(f", {quoted(c)}" for c in cols if c not in schema)


def template_sql(text, values):
    """A template with its {placeholders} replaced by SQL expressions, as one concatenation."""
    parts, rest = [], text
    while "{" in rest:
        head, _, tail = rest.partition("{")
        name, _, rest = tail.partition("}")
        parts += [f"'{head}'", f"coalesce({values[name]}, '')"]
    parts.append(f"'{rest}'")
    return " || ".join(parts)


def message_sql(templates, types, values):
    """The message of each notice type, by its template."""
    return "CASE type " + " ".join(f"WHEN '{t}' THEN {template_sql(templates[t], values)}" for t in types) + " END"


def copy_notifications(con, path, strip, *, recipient_type, recipient_id, name, phone, record, message):
    """COPY the temp table `notices` (columns type, det, due and those named) to notifications.csv."""
    iso = "strftime(due, '%Y-%m-%d')"
    con.execute(f"""
    COPY ({strip} (
      SELECT 0 AS rn, substr(md5(type || '|' || {recipient_id} || '|' || {record} || '|' || {iso}), 1, 16) AS notice_id,
             type AS notice_type, det AS detachment_code, {recipient_type} AS recipient_type,
             {recipient_id} AS recipient_id, {name} AS recipient_name, {phone} AS phone,
             CASE WHEN {phone} = '' THEN 'empty' WHEN regexp_full_match({phone}, '1[3-9][0-9]{{9}}') THEN 'mobile'
                  WHEN regexp_full_match({phone}, '0[0-9]{{2,3}}-?[0-9]{{7,8}}(-[0-9]+)?') THEN 'landline'
                  ELSE 'invalid' END AS phone_kind,
             {record} AS record_id, {iso} AS due_on, {message} AS message
      FROM notices ORDER BY det, type, {recipient_id}, {record})
    ) TO '{path}' (HEADER, DELIMITER ',')
    """)


def report(threads, what, t0, t_load):
    """The peer's own timing on stderr, as bench.sh logs it."""
    t_end = time.time()
    print(f"duckdb {duckdb.__version__} threads={threads}: {what}; "
          f"wall {t_end - t0:.2f}s (load+validate {t_load - t0:.2f}s, rules and writing {t_end - t_load:.2f}s)",
          file=sys.stderr)
