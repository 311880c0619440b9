#!/usr/bin/env bash
# The Spark engine's scaling figures (issue #17): the vehicles stage on Spark local[1] and
# local[2] and the embedded engine on the same data, alternating, one process at a time.
# Wall time, CPU time (user+sys of jgpipe and everything it started: the JVM, Python, the
# workers), peak RSS of the largest process, and the stage's own time: on Spark the tasks (scan,
# plan, stage, sort; for the accounts their read, three shuffles and write) without the JVM's
# start; embedded its "stage finished" time. The accounts (2M units' accounts) the same way.
# Needs scripts/bootstrap.sh --spark. See docs/BENCHMARKS.md.
#
#   scripts/bench-spark.sh [--vehicles 2M] [--accounts 2M|""] [--runs 1] [--chunk-mb 16]
#
#   JGPIPE=path   the binary (default: a release build, .build/release/jgpipe)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
VEHICLES=2M ACCOUNTS=2M RUNS=1 CHUNK_MB=16 SEED=1 AS_OF=2024-06-01
while [[ $# -gt 0 ]]; do
  case "$1" in
    --vehicles) VEHICLES=$2; shift 2 ;;
    --accounts) ACCOUNTS=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --chunk-mb) CHUNK_MB=$2; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "bench-spark.sh: unknown option $1" >&2; exit 64 ;;
  esac
done
export SPARK_LOCAL_IP=127.0.0.1
if [[ -z "${JGPIPE:-}" ]]; then swift build -c release --product jgpipe >&2; JGPIPE=$ROOT/.build/release/jgpipe; fi
count_of() { python3 -c 'import sys; s = sys.argv[1].lower(); m = {"k": 10**3, "m": 10**6}.get(s[-1:], 1)
print(int(round(float(s.rstrip("km")) * m)))' "$1"; }

data() {  # data NAME GENERATOR-ARGS… -> prints the input folder, generated once (bench.sh's layout)
  local name=$1; shift
  local dir=bench-data/$name-seed$SEED stamp="$* seed=$SEED generator=$(git hash-object scripts/generate.py)"
  if [[ ! -f $dir/.stamp || "$(cat "$dir/.stamp")" != "$stamp" ]]; then
    echo "bench-spark: generating $name" >&2
    rm -rf "$dir"
    nice python3 scripts/generate.py --out "$dir/all" "$@" --seed "$SEED" >&2
    mkdir -p "$dir/in"
    for f in "$dir"/all/*.csv; do ln -s "../all/$(basename "$f")" "$dir/in/"; done
    echo "$stamp" >"$dir/.stamp"
  fi
  echo "$dir/in"
}
vehicles_in=$(data "vehicles-$VEHICLES" --units 111000 --vehicles "$(count_of "$VEHICLES")" --only vehicles)
accounts_in=""
[[ -n $ACCOUNTS ]] && accounts_in=$(data "spark-accounts-$ACCOUNTS" --units "$(( $(count_of "$ACCOUNTS") * 111 / 1000 ))" --only units,unit_accounts)

work=$(mktemp -d -t jgpipe-bench-spark.XXXXXX)
trap 'rm -rf "$work"' EXIT
rows=()
measure() {  # measure LABEL INPUT ENGINE-ARGS… -> a table row
  local label=$1 input=$2; shift 2
  local load_before load_after
  load_before=$(cut -d' ' -f1 /proc/loadavg)
  rm -rf "$work/out" "$work/state"
  /usr/bin/time -v -o "$work/time" "$JGPIPE" run pipelines/default.toml --input-dir "$input" --out "$work/out" \
    --state "$work/state" --as-of "$AS_OF" --set run.max_rejected_ratio=1 --set run.detachment_workbooks=false \
    "$@" >"$work/log" 2>&1 || { echo "bench-spark: $label failed" >&2; tail -5 "$work/log" >&2; return 1; }
  load_after=$(cut -d' ' -f1 /proc/loadavg)
  python3 - "$label" "$work/time" "$work/log" "$load_before" "$load_after" <<'PY'
import re, sys
label, time_file, log_file, before, after = sys.argv[1:]
t = open(time_file).read()
def field(name):
    return re.search(re.escape(name) + r": (.*)", t).group(1).strip()
wall = field("Elapsed (wall clock) time (h:mm:ss or m:ss)")
parts = [float(p) for p in wall.split(":")]
seconds = sum(p * 60 ** (len(parts) - 1 - i) for i, p in enumerate(parts))
cpu = float(field("User time (seconds)")) + float(field("System time (seconds)"))
rss = int(field("Maximum resident set size (kbytes)")) / 1024
log = open(log_file).read()
stage = re.search(r'msg="spark job finished".*?(?:vehicles|unit_accounts)_tasks_ms=(\d+)', log) or \
        re.search(r'msg="stage finished".*?ms=(\d+).*?stage=(?:vehicles|unit_accounts)', log)
startup = re.search(r'msg="spark job finished".*?startup_ms=(\d+)', log)
print(f"| {label} | {seconds:.1f} | {cpu:.1f} | {rss:.0f} | {int(stage.group(1)) / 1000 if stage else float('nan'):.1f} "
      f"| {int(startup.group(1)) / 1000 if startup else 0:.1f} | {before} → {after} |")
PY
}
spark=(--engine spark --spark-conf spark.jgpipe.chunkBytes=$((CHUNK_MB << 20)) --spark-conf spark.driver.memory=2g)
for ((run = 1; run <= RUNS; run++)); do
  rows+=("$(measure "vehicles $VEHICLES embedded" "$vehicles_in")")
  rows+=("$(measure "vehicles $VEHICLES spark local[1]" "$vehicles_in" "${spark[@]}" --spark-master 'local[1]')")
  rows+=("$(measure "vehicles $VEHICLES spark local[2]" "$vehicles_in" "${spark[@]}" --spark-master 'local[2]')")
  if [[ -n $accounts_in ]]; then
    rows+=("$(measure "accounts $ACCOUNTS embedded" "$accounts_in")")
    rows+=("$(measure "accounts $ACCOUNTS spark local[1]" "$accounts_in" "${spark[@]}" --spark-master 'local[1]')")
    rows+=("$(measure "accounts $ACCOUNTS spark local[2]" "$accounts_in" "${spark[@]}" --spark-master 'local[2]')")
  fi
done
echo
echo "| run | wall s | CPU s (user+sys) | peak RSS MB | stage s (vehicles, unit accounts) | Spark start s | load (1 min) before → after |"
echo "|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
echo
echo "chunks of $CHUNK_MB MiB; $(nproc) cores; $(date -u +%Y-%m-%dT%H:%MZ)"
