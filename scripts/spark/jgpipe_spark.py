#!/usr/bin/env python3
"""The Spark side of `jgpipe run --engine spark`: partitions, shuffles, sorts and retries;
every rule runs in the jgpipe binary as a per-partition worker (`jgpipe task …`,
docs/SCALE-OUT.md). Python only plans: no data row passes through it (the workers' lines go
through the JVM, by SQL TRANSFORM).

    jgpipe_spark.py JOB.json     # written by jgpipe run; writes STATUS.json beside it

Per dataset: `task ranges` (driver) cuts the file into byte ranges; `task scan` (one task a
range) finds each range's tokenizer transitions; `task plan` (driver) chains them into
chunk tasks; `task stage` (one task a chunk) runs the stage on its records, writes its part
files and prints notices, sorted-file rows and its counts. Before it, keys that occur in
more than one chunk are found and decided (`task keys`, `task suspects`, `task resolve`, see
`cross_task_decisions`). Spark then sorts the notices and the sorted files' rows globally
(`ORDER BY`, byte order) and collects the few result lines.
"""
import json
import os
import shlex
import subprocess
import sys
import time


def main():
    job_path = sys.argv[1]
    with open(job_path, encoding="utf-8") as f:
        job = json.load(f)
    status_path = os.path.join(os.path.dirname(job_path), "status.json")

    def finish(status):
        with open(status_path, "w", encoding="utf-8") as f:
            json.dump(status, f, ensure_ascii=False)

    started = time.monotonic()
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.master(job["master"]).appName("jgpipe")
    for key, value in job["conf"].items():
        builder = builder.config(key, value)
    builder = builder.config("spark.ui.enabled", builder._options.get("spark.ui.enabled", "false"))
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel(job.get("log_level", "WARN"))
    sc = spark.sparkContext

    worker = job["worker"]
    args = job["task_args"]

    def local(step, extra=(), stdin=""):
        done = subprocess.run([worker, "task", step, *args, *extra], input=stdin, capture_output=True, text=True)
        return done.returncode, done.stdout, done.stderr

    def command(step, extra=()):
        return " ".join(shlex.quote(a) for a in [worker, "task", step, *args, *extra])

    # The session's start, then each dataset's tasks: what the benchmark reports.
    status = {"status": "ok", "datasets": {}, "timings_ms": {"startup": int((time.monotonic() - started) * 1000)}}
    for dataset in job["datasets"]:
        dataset_started = time.monotonic()
        rc, out, err = local("ranges", ["--dataset", dataset, "--chunk-bytes", str(job["chunk_bytes"])])
        if rc != 0:
            return finish({"status": "failed", "exit": rc, "message": err.strip()})
        ranges = [line for line in out.splitlines() if line]
        one_a_partition(spark, ranges).createOrReplaceTempView("ranges")
        scan_lines = [row.line for row in spark.sql(
            f"SELECT TRANSFORM(t) USING {sql_string(command('scan'))} AS (line STRING) "
            "ROW FORMAT DELIMITED FIELDS TERMINATED BY '\\n' FROM ranges").collect()]
        rc, out, err = local("plan", stdin="\n".join(scan_lines) + "\n")
        if rc != 0:
            return finish({"status": "failed", "exit": rc, "message": err.strip()})
        tasks = [line for line in out.splitlines() if line]
        one_a_partition(spark, tasks).createOrReplaceTempView("tasks")
        decisions, cross_task_keys = cross_task_decisions(spark, dataset, job, command, len(tasks))
        if dataset == "unit_accounts":
            report = unit_accounts(spark, job, command, decisions, len(tasks))
            report["cross_task_keys"] = cross_task_keys
            status["datasets"][dataset] = report
            status["timings_ms"][dataset] = int((time.monotonic() - dataset_started) * 1000)
            continue
        stage_args = ["--work", job["work"]] + (["--decisions", decisions] if decisions else [])
        lines = spark.sql(
            f"SELECT TRANSFORM(t) USING {sql_string(command('stage', stage_args))} "
            f"AS (kind STRING, a STRING, b STRING, c STRING, d STRING) {TAB_ROWS} FROM tasks").persist()
        lines.count()
        errors = [[r.a, r.b, r.c] for r in lines.filter("kind = 'E'").collect()]
        results = [[r.a, r.b] for r in lines.filter("kind = 'R'").collect()]
        sorted_dirs = {}
        for kind, name in (("N", "notices"), ("W", "rows")):
            folder = os.path.join(job["work"], dataset + "." + name)
            (lines.filter(f"kind = '{kind}'").orderBy("a", "b", "c").select("d")
             .write.mode("overwrite").text(folder))
            sorted_dirs[name] = folder
        lines.unpersist()
        status["datasets"][dataset] = {"errors": errors, "results": results, "cross_task_keys": cross_task_keys,
                                       "notices": sorted_dirs["notices"], "rows": sorted_dirs["rows"],
                                       "chunks": len(tasks)}
        status["timings_ms"][dataset] = int((time.monotonic() - dataset_started) * 1000)
    finish(status)
    spark.stop()


def cross_task_decisions(spark, dataset, job, command, chunks):
    """SPEC §0 duplicates across tasks (docs/SCALE-OUT.md): the chunks' key hashes meet in a
    GROUP BY; when some occur in more than one chunk, the chunks print their rows of those keys,
    a shuffle by hash brings each key's rows together, and `task resolve` decides them (in line
    order, which it sorts). Returns the folder of decisions the stage tasks read (None: no such
    key) and the number of suspect hashes."""
    if chunks < 2:
        return None, 0
    base = os.path.join(job["work"], dataset)
    spark.sql(f"SELECT TRANSFORM(t) USING {sql_string(command('keys'))} AS (hash STRING, chunk STRING) {TAB_ROWS} "
              "FROM tasks").createOrReplaceTempView("keys")
    suspects = spark.sql("SELECT hash FROM keys GROUP BY hash HAVING count(DISTINCT chunk) > 1")
    suspects.write.mode("overwrite").text(base + ".suspects")
    suspect_count = spark.read.text(base + ".suspects").count()
    if suspect_count == 0:
        return None, 0
    spark.sql(f"SELECT TRANSFORM(t) USING {sql_string(command('suspects', ['--suspects', base + '.suspects']))} "
              f"AS (hash STRING, line STRING, chunk STRING, row STRING) {TAB_ROWS} FROM tasks") \
        .repartition(chunks, "hash").createOrReplaceTempView("suspect_rows")
    spark.sql(f"SELECT TRANSFORM(concat_ws('\\t', hash, line, chunk, row)) "
              f"USING {sql_string(command('resolve', ['--dataset', dataset]))} "
              "AS (line STRING) ROW FORMAT DELIMITED FIELDS TERMINATED BY '\\n' FROM suspect_rows") \
        .write.mode("overwrite").text(base + ".decisions")
    return base + ".decisions", suspect_count


ACCOUNT_COLUMNS = ["ukey", "holder", "chunk", "line", "unit", "registered", "legal", "decision", "fields"]


def unit_accounts(spark, job, command, duplicates, chunks):
    """The unit-account stage (docs/SCALE-OUT.md "Unit accounts"): the chunks' valid accounts,
    shuffled by unit (R1, R2), by person (R3, C1, C2), by unit into ranges of the output order
    (C3, the removal export, the contact list, notices, summary); each account's decision goes
    into a folder by chunk, from which the chunks write their rejected and cleaned parts."""
    base = os.path.join(job["work"], "unit_accounts")
    dup = ["--decisions", duplicates] if duplicates else []
    columns = ", ".join(f"{c} STRING" for c in ACCOUNT_COLUMNS)
    # An account line's first field is its unit key; an E line's is "E".
    read = spark.sql(f"SELECT TRANSFORM(t) USING {sql_string(command('accounts-read', dup))} "
                     f"AS ({columns}) {TAB_ROWS} FROM tasks").persist()
    errors = [[r.holder, r.chunk, r.line] for r in read.filter("ukey = 'E'").collect()]
    if errors:
        read.unpersist()
        return {"errors": errors, "results": [], "unit_results": [], "notices": base + ".no-notices",
                "rows": base + ".no-rows", "chunks": chunks}
    line = "concat_ws('\\t', " + ", ".join(ACCOUNT_COLUMNS) + ")"

    def step(frame, name, key, by_range=False, args=(), out=None):
        shuffled = frame.repartitionByRange(chunks, key) if by_range else frame.repartition(chunks, key)
        shuffled.sortWithinPartitions(key, "chunk", "line").createOrReplaceTempView("account_lines")
        return spark.sql(f"SELECT TRANSFORM({line}) USING {sql_string(command(name, list(args)))} "
                         f"AS ({out or columns}) {TAB_ROWS} FROM account_lines")

    by_unit = step(read.filter("ukey != 'E'"), "accounts-by-unit", "ukey")
    # The range partitioner samples its input first: kept, so the rule steps run once.
    by_person = step(by_unit, "accounts-by-person", "holder").persist()
    by_person.count()
    read.unpersist()
    outputs = step(by_person, "accounts-outputs", "ukey", by_range=True, args=["--work", job["work"]],
                   out="kind STRING, a STRING, b STRING, c STRING, d STRING").persist()
    outputs.count()
    by_person.unpersist()
    unit_results = [[r.a, r.b] for r in outputs.filter("kind = 'R'").collect()]
    notices = base + ".notices"
    outputs.filter("kind = 'N'").orderBy("a", "b", "c").select("d").write.mode("overwrite").text(notices)
    cleanup = base + ".cleanup"
    (outputs.filter("kind = 'D'").selectExpr("a AS chunk", "concat_ws('\\t', b, c) AS value")
     .write.mode("overwrite").partitionBy("chunk").text(cleanup))
    outputs.unpersist()
    written = spark.sql(f"SELECT TRANSFORM(t) USING "
                        f"{sql_string(command('stage', ['--work', job['work'], '--cleanup', cleanup] + dup))} "
                        f"AS (kind STRING, a STRING, b STRING, c STRING, d STRING) {TAB_ROWS} FROM tasks").collect()
    return {"errors": [[r.a, r.b, r.c] for r in written if r.kind == "E"],
            "results": [[r.a, r.b] for r in written if r.kind == "R"], "unit_results": unit_results,
            "notices": notices, "rows": base + ".no-rows", "chunks": chunks}


# TRANSFORM without a serde splits its output at U+0001 unless told: the workers' lines are
# tab-separated (and their order keys hold U+0001).
TAB_ROWS = "ROW FORMAT DELIMITED FIELDS TERMINATED BY '\\t'"


def one_a_partition(spark, lines):
    """A one-column table of the lines, each in a partition of its own: one task a chunk."""
    rdd = spark.sparkContext.parallelize([(line,) for line in lines], len(lines))
    return spark.createDataFrame(rdd, "t string")


def sql_string(text):
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


if __name__ == "__main__":
    try:
        main()
    except Exception as error:  # the job failed: jgpipe run reports it and publishes nothing
        with open(os.path.join(os.path.dirname(sys.argv[1]), "status.json"), "w", encoding="utf-8") as f:
            json.dump({"status": "failed", "exit": 65, "message": f"Spark job failed: {error}"[:4000]}, f,
                      ensure_ascii=False)
        sys.exit(1)
