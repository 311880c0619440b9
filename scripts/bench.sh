#!/usr/bin/env bash
# jgpipe vs a DuckDB job of the same rules (SPEC §1 R1-R3, C1, C2), plus a raw libcsv parse baseline.
# See docs/BENCHMARKS.md for what is measured and the targets.
#
#   scripts/bench.sh [--runs N] [--sizes 1M,5M] [--quick] [--seed S] [--full] [--skip-jgpipe] [--no-record]
#
#   --runs N        measured runs per tool and size (default 3); runs alternate jgpipe/DuckDB (ABBA order)
#   --sizes LIST    account counts, e.g. 1M,5M (default) or 100k,2M; units = accounts x 0.111
#   --quick         smoke run: --sizes 100k --runs 1, nothing appended to docs/BENCHMARKS.md
#   --seed S        generator seed (default 1); data is generated once per (size, seed, generator version)
#   --full          also time one jgpipe run over all four datasets per size (reported, not compared)
#   --skip-jgpipe   do not build or run jgpipe (DuckDB and libcsv figures only)
#   --no-build      use an existing binary ($JGPIPE, default .build/release/jgpipe) instead of building
#   --no-record     print the table but do not append it to docs/BENCHMARKS.md
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

RUNS=3
SIZES=1M,5M
SEED=1
FULL=0
SKIP_JGPIPE=0
RECORD=1
BUILD=1
AS_OF=2024-06-01
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) RUNS=$2; shift 2 ;;
    --sizes) SIZES=$2; shift 2 ;;
    --seed) SEED=$2; shift 2 ;;
    --quick) SIZES=100k; RUNS=1; RECORD=0; shift ;;
    --full) FULL=1; shift ;;
    --skip-jgpipe) SKIP_JGPIPE=1; shift ;;
    --no-build) BUILD=0; shift ;;
    --no-record) RECORD=0; shift ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "bench.sh: unknown option $1" >&2; exit 64 ;;
  esac
done
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "bench.sh: --runs wants a positive integer" >&2; exit 64; }

log() { printf '[bench] %s\n' "$*" >&2; }

# ---------------------------------------------------------------- tools
APT_UPDATED=0
apt_install() {  # apt_install PACKAGE...: install the ones not installed yet
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  if [[ $APT_UPDATED -eq 0 ]]; then
    log "apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    APT_UPDATED=1
  fi
  log "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}
[[ -x /usr/bin/time ]] || apt_install time
command -v cc >/dev/null || apt_install gcc libc6-dev
apt_install libcsv-dev
python3 -c 'import duckdb' 2>/dev/null || { log "pip install duckdb"; python3 -m pip install -q duckdb; }

mkdir -p bench-data/bin
cc -O2 -o bench-data/bin/csvcount scripts/bench/csvcount.c -lcsv

JGPIPE=${JGPIPE:-.build/release/jgpipe}
if [[ $SKIP_JGPIPE -eq 0 && $BUILD -eq 1 ]]; then
  log "swift build -c release"
  swift build -c release >bench-data/build.log 2>&1 || { tail -30 bench-data/build.log >&2; echo "bench.sh: swift build failed (bench-data/build.log)" >&2; exit 1; }
fi
[[ $SKIP_JGPIPE -eq 1 || -x $JGPIPE ]] || { echo "bench.sh: no jgpipe binary at $JGPIPE" >&2; exit 1; }

# ---------------------------------------------------------------- data
accounts_of() {  # 100k -> 100000, 5M -> 5000000
  local s=${1,,}
  case "$s" in
    *k) echo $(( ${s%k} * 1000 )) ;;
    *m) echo $(( ${s%m} * 1000000 )) ;;
    *) echo "$s" ;;
  esac
}
GEN_VERSION=$(git hash-object scripts/generate.py)

dataset() {  # dataset SIZE -> prints its directory, generating it when absent or stale
  local size=$1 n units dir stamp
  n=$(accounts_of "$size")
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "bench.sh: bad size $size" >&2; exit 64; }
  units=$(( n * 111 / 1000 ))
  dir=bench-data/$size-seed$SEED
  stamp="units=$units seed=$SEED generator=$GEN_VERSION"
  if [[ ! -f $dir/.stamp || "$(cat "$dir/.stamp")" != "$stamp" ]]; then
    log "generating $size accounts ($units units, seed $SEED) into $dir"
    rm -rf "$dir"
    python3 scripts/generate.py --out "$dir/all" --units "$units" --seed "$SEED" >&2
    # The compared stage reads only units + accounts; an absent dataset skips its stage (SPEC §5).
    mkdir -p "$dir/accounts"
    ln -s ../all/units.csv "$dir/accounts/units.csv"
    ln -s ../all/unit_accounts.csv "$dir/accounts/unit_accounts.csv"
    echo "$stamp" >"$dir/.stamp"
  fi
  echo "$dir"
}

# ---------------------------------------------------------------- measuring
RESULTS=bench-data/results.$$.tsv
STAGES=bench-data/stages.$$.tsv  # per jgpipe run: its own per-stage figures, from its log
LOADS=""  # 1-minute load average after each run: the cores may be shared with other work
: >"$RESULTS"
: >"$STAGES"
trap 'rm -f "$RESULTS" "$STAGES"' EXIT

stages() {  # stages SIZE: the stage figures of the jgpipe run just logged, appended to $STAGES
  python3 - "$1" bench-data/last-run.log >>"$STAGES" <<'PY'
import re, sys
size, log = sys.argv[1], open(sys.argv[2]).read().splitlines()
def field(line, key):
    m = re.search(r"(?:^| )" + key + r"=(\S+)", line)
    return m.group(1) if m else None
read, parse, stage, outputs, manifest, total = {}, 0, 0, 0, 0, 0
for line in log:
    msg = re.search(r'msg="([^"]*)"', line)
    msg = msg.group(1) if msg else ""
    if msg == "dataset read":
        read[field(line, "dataset")] = int(field(line, "ms"))
        parse += int(field(line, "parse_cpu_ms"))
    elif msg == "stage finished" and field(line, "stage") == "unit_accounts":
        stage = int(field(line, "ms"))
    elif msg == "outputs written":
        outputs = int(field(line, "ms"))
    elif msg == "manifest written":
        manifest = int(field(line, "ms"))
    elif msg == "run finished":
        total = int(field(line, "ms"))
units, accounts = read.get("units", 0), read.get("unit_accounts", 0)
print("\t".join(map(str, [size, parse, units, accounts, stage - units - accounts, outputs, manifest, total])))
PY
}

measure() {  # measure SIZE TOOL COMMAND...: one timed run, appended to $RESULTS
  local size=$1 tool=$2; shift 2
  local tf=bench-data/time.$$ rc=0
  /usr/bin/time -f '%e %U %S %M' -o "$tf" "$@" >bench-data/last-run.log 2>&1 || rc=$?
  if [[ $rc -ne 0 ]]; then
    tail -20 bench-data/last-run.log >&2
    echo "bench.sh: $tool failed on $size with exit $rc: $*" >&2
    exit 1
  fi
  # GNU time may prefix a "Command exited..." line; the figures are on the last line.
  printf '%s\t%s\t%s\n' "$size" "$tool" "$(tail -1 "$tf" | tr ' ' '\t')" >>"$RESULTS"
  log "$size $tool run: $(tail -1 "$tf") (wall user sys maxrssKB), load average $(cut -d' ' -f1 /proc/loadavg)"
  LOADS+=" $(cut -d' ' -f1 /proc/loadavg)"
  rm -f "$tf"
}

# Output and state folders are emptied before each run, outside the timed command.
JG_OUT=bench-data/out-jgpipe JG_STATE=bench-data/state-jgpipe DK_OUT=bench-data/out-duckdb

declare -A ACCOUNTS BYTES
IFS=, read -r -a SIZE_LIST <<<"$SIZES"
for size in "${SIZE_LIST[@]}"; do
  dir=$(dataset "$size")
  acc=$dir/accounts/unit_accounts.csv
  # csvcount prints "records fields bytes"; records include the header.
  read -r recs _ bytes < <(bench-data/bin/csvcount "$acc")
  ACCOUNTS[$size]=$((recs - 1))
  BYTES[$size]=$(( bytes + $(stat -Lc %s "$dir/accounts/units.csv") ))
  cat "$dir"/all/units.csv "$acc" >/dev/null  # warm the page cache once for everybody
  for ((r = 1; r <= RUNS; r++)); do
    # ABBA: the tool that goes first alternates, so neither always gets the warmer machine.
    if (( r % 2 == 1 )); then order="jgpipe duckdb"; else order="duckdb jgpipe"; fi
    for tool in $order; do
      case $tool in
        jgpipe)
          [[ $SKIP_JGPIPE -eq 1 ]] && continue
          rm -rf "$JG_OUT" "$JG_STATE"
          # Not --quiet: its log (key=value lines when not on a terminal) has the stage timings.
          measure "$size" jgpipe "$JGPIPE" run --input-dir "$dir/accounts" --out "$JG_OUT" \
            --as-of "$AS_OF" --state "$JG_STATE"
          stages "$size" ;;
        duckdb)
          rm -rf "$DK_OUT"
          measure "$size" duckdb python3 scripts/bench/duckdb_rules.py --input-dir "$dir/accounts" \
            --out "$DK_OUT" --as-of "$AS_OF" --threads 2 ;;
      esac
    done
    measure "$size" libcsv bash -c 'bench-data/bin/csvcount "$0" && bench-data/bin/csvcount "$1"' \
      "$dir/accounts/units.csv" "$acc"
  done
  if [[ $FULL -eq 1 && $SKIP_JGPIPE -eq 0 ]]; then
    rm -rf "$JG_OUT" "$JG_STATE"
    measure "$size" jgpipe-all4 "$JGPIPE" run --input-dir "$dir/all" --out "$JG_OUT" \
      --as-of "$AS_OF" --state "$JG_STATE" --quiet
  fi
done

# ---------------------------------------------------------------- report
COMMIT=$(git rev-parse --short HEAD)
git diff --quiet HEAD -- . 2>/dev/null || COMMIT="$COMMIT-dirty"
CPU=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
MACHINE="$(nproc) cores, ${CPU:-unknown CPU}, $(awk '/MemTotal/ {printf "%.0f GB RAM", $2/1048576}' /proc/meminfo)"
DUCKDB_V=$(python3 -c 'import duckdb; print(duckdb.__version__)')
SWIFT_V=$(swift --version 2>/dev/null | head -1 || echo "swift: n/a")
acc_list=""; for s in "${SIZE_LIST[@]}"; do acc_list+="$s=${ACCOUNTS[$s]}:${BYTES[$s]},"; done

TABLE=$(python3 - "$RESULTS" "$acc_list" "$STAGES" <<'EOF'
import statistics, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
stage_rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[3]) if l.strip()]
meta = {}
for item in filter(None, sys.argv[2].split(",")):
    k, v = item.split("=")
    n, b = v.split(":")
    meta[k] = (int(n), int(b))
sizes = list(dict.fromkeys(r[0] for r in rows))
med = {}
for size in sizes:
    for tool in dict.fromkeys(r[1] for r in rows if r[0] == size):
        rs = [r for r in rows if r[0] == size and r[1] == tool]
        # GNU time reports 10 ms steps; clamp so ratios of tiny runs stay finite
        m = lambda i: max(statistics.median(float(r[i]) for r in rs), 0.01)
        med[size, tool] = dict(n=len(rs), wall=m(2), best=min(float(r[2]) for r in rs), user=m(3), sys=m(4),
                               cpu=max(statistics.median(float(r[3]) + float(r[4]) for r in rs), 0.01), rss=m(5) * 1024)
out = ["| size | accounts | input MB | tool | runs | wall s | best wall s | user s | sys s | CPU s | peak RSS MB | RSS B/account | MB/s |",
       "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
for (size, tool), v in med.items():
    n, b = meta[size]
    mbs = "" if tool == "jgpipe-all4" else f"{b / 1e6 / v['wall']:.0f}"  # all4 reads more than these bytes
    out.append(f"| {size} | {n:,} | {b / 1e6:.0f} | {tool} | {v['n']} | {v['wall']:.2f} | {v['best']:.2f} | {v['user']:.2f} | {v['sys']:.2f} "
               f"| {v['cpu']:.2f} | {v['rss'] / 2**20:.0f} | {v['rss'] / n:.0f} | {mbs} |")
ratios = []
for size in sizes:
    j, d, c = med.get((size, "jgpipe")), med.get((size, "duckdb")), med.get((size, "libcsv"))
    n = meta[size][0]
    if j and d:
        w, r, bpa = j["wall"] / d["wall"], j["rss"] / d["rss"], j["rss"] / n
        ok = lambda b: "meets target" if b else "MISSES target"
        ratios.append(f"- {size}: jgpipe/DuckDB wall **{w:.2f}x** (target <= 0.5: {ok(w <= 0.5)}), "
                      f"peak RSS **{r:.2f}x** (target <= 0.5: {ok(r <= 0.5)}), "
                      f"jgpipe **{bpa:.0f} B/account** (target < 300: {ok(bpa < 300)}), "
                      f"CPU {j['cpu'] / d['cpu']:.2f}x")
    if j and c:
        ratios.append(f"- {size}: jgpipe wall = {j['wall'] / c['wall']:.1f}x a raw libcsv parse of the same two files")
    elif d and c:
        ratios.append(f"- {size}: DuckDB wall = {d['wall'] / c['wall']:.1f}x a raw libcsv parse of the same two files")
stage_names = ["parse CPU (both files)", "read units", "read accounts", "rules and writing", "outputs", "manifest", "whole run"]
stage_out = []
for size in sizes:
    rs = [r for r in stage_rows if r[0] == size]
    if not rs:
        continue
    ms = [statistics.median(int(r[i]) for r in rs) for i in range(1, 8)]
    if not stage_out:
        stage_out = ["jgpipe's own log, medians in ms (read = decode, parse and validate on both cores; rules and writing = "
                     "the rest of the unit-account stage):", "",
                     "| size | " + " | ".join(stage_names) + " |", "|---|" + "---:|" * len(stage_names)]
    stage_out.append(f"| {size} | " + " | ".join(f"{v:.0f}" for v in ms) + " |")
    c = med.get((size, "libcsv"))
    if c:
        ratio = ms[0] / 1000 / c["cpu"]
        ratios.append(f"- {size}: jgpipe's parse stage (`parse_cpu_ms`, both files) = **{ratio:.2f}x** the raw libcsv parse's CPU "
                      f"(target <= 2: {'meets target' if ratio <= 2 else 'MISSES target'})")
print("\n".join(out + [""] + ratios + ([""] + stage_out if stage_out else [])))
EOF
)

echo
echo "$TABLE"
echo
if [[ $RECORD -eq 1 ]]; then
  {
    echo
    echo "### $(date -u '+%Y-%m-%d %H:%M UTC') — commit $COMMIT"
    echo
    echo "Machine: $MACHINE. DuckDB $DUCKDB_V (threads=2), $SWIFT_V. Seed $SEED, $RUNS run(s) per tool, medians, as-of $AS_OF."
    echo "1-minute load average after each run:$LOADS (above ~2 on 2 cores, other work was competing: prefer best wall)."
    [[ $SKIP_JGPIPE -eq 1 ]] && echo "jgpipe not run (--skip-jgpipe)."
    echo
    echo "$TABLE"
  } >>docs/BENCHMARKS.md
  log "appended to docs/BENCHMARKS.md"
fi
