#!/usr/bin/env bash
# jgpipe vs DuckDB jobs of the same rules, stage by stage, plus a raw libcsv parse baseline:
#   accounts  SPEC §1 R1-R3, C1, C2 (units + unit_accounts; scripts/bench/duckdb_rules.py)
#   removals  the same on accounts with many removals and mixed date-time forms
#   vehicles  SPEC §3 V1-V5 (vehicles.csv, two e-certificate pilot regions; duckdb_vehicles.py)
#   exams     SPEC §2 scope, E1-E4, T1/T2 (exam_enrollments.csv; duckdb_exams.py)
#   licences  SPEC §7 C, D1-D5 and the cancellation work list (driver_licences.csv; duckdb_licences.py)
#   violations SPEC §8 W1-W3 (violations.csv joined to 1M vehicles and their users; duckdb_violations.py),
#             run at as-of 2024-08-01 (after the cutover, so W3 has cases); jgpipe's run includes its
#             vehicle stage (vehicles.csv is an input), so the peer's timed run is the same work: the
#             vehicle peer (duckdb_vehicles.py, V1-V5 over the same vehicles.csv), then the violation peer
# See docs/BENCHMARKS.md for what is measured and the targets.
#
#   scripts/bench.sh [--runs N] [--sizes 1M,5M] [--removals 2.4M] [--vehicles 2M,4M] [--exams 2M]
#                    [--licences 2M,4M] [--violations 2M,4M] [--violation-vehicles 1M]
#                    [--removal-share F] [--quick] [--seed S] [--full] [--workbooks] [--skip-jgpipe] [--no-record]
#
#   --runs N        measured runs per tool and size (default 3); runs alternate jgpipe/DuckDB (ABBA order)
#   --sizes LIST    account counts, e.g. 1M,5M (default) or 100k,2M; units = accounts x 0.111; "" skips
#   --removals LIST account counts of the removals shape (default 2.4M; "" skips): --removal-share
#                   (default 0.5) of accounts removed by R1-R3, registered_at in every dated-time form
#   --vehicles LIST vehicle counts (default 2M,4M; "" skips), over 111,000 units' owners
#   --exams LIST    enrollment counts (default 2M; "" skips)
#   --licences LIST licence counts (default 2M,4M; "" skips)
#   --violations LIST violation counts (default 2M,4M; "" skips), over --violation-vehicles vehicles (1M)
#   --quick         smoke run: 100k of each, --runs 1, nothing appended to docs/BENCHMARKS.md
#   --seed S        generator seed (default 1); data is generated once per (size, seed, generator version)
#   --full          also time one jgpipe run over all four datasets per size (reported, not compared)
#   --workbooks     each round also runs jgpipe with the detachment workbooks (SPEC §6; tool jgpipe-wb,
#                   right before or after the plain jgpipe run) and reports what they add (bound: 25 % wall)
#   --skip-jgpipe   do not build or run jgpipe (DuckDB and libcsv figures only)
#   --no-build      use an existing binary ($JGPIPE, default .build/release/jgpipe) instead of building
#   --no-record     print the table but do not append it to docs/BENCHMARKS.md
#   --generate-only generate (or check) the data of the selected stages and sizes, measure nothing
#
#   JGPIPE_SET="run.detachment_workbooks=false ..."  extra --set overrides for every jgpipe run
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

RUNS=3
SIZES=1M,5M
REMOVALS=2.4M
VEHICLES=2M,4M
EXAMS=2M
LICENCES=2M,4M
VIOLATIONS=2M,4M
VIOLATION_VEHICLES=1M
VIOLATION_AS_OF=2024-08-01
REMOVAL_SHARE=0.5
PILOT=4401,3101  # V5: two e-certificate pilot cities (广州, 上海), as SPEC §3's example
SEED=1
FULL=0
WORKBOOKS=0
SKIP_JGPIPE=0
RECORD=1
BUILD=1
GENERATE_ONLY=0
AS_OF=2024-06-01
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) RUNS=$2; shift 2 ;;
    --sizes) SIZES=$2; shift 2 ;;
    --removals) REMOVALS=$2; shift 2 ;;
    --vehicles) VEHICLES=$2; shift 2 ;;
    --exams) EXAMS=$2; shift 2 ;;
    --licences) LICENCES=$2; shift 2 ;;
    --violations) VIOLATIONS=$2; shift 2 ;;
    --violation-vehicles) VIOLATION_VEHICLES=$2; shift 2 ;;
    --removal-share) REMOVAL_SHARE=$2; shift 2 ;;
    --seed) SEED=$2; shift 2 ;;
    --quick) SIZES=100k; REMOVALS=100k; VEHICLES=100k; EXAMS=100k; LICENCES=100k; VIOLATIONS=100k
             VIOLATION_VEHICLES=100k; RUNS=1; RECORD=0; shift ;;
    --full) FULL=1; shift ;;
    --workbooks) WORKBOOKS=1; shift ;;
    --skip-jgpipe) SKIP_JGPIPE=1; shift ;;
    --no-build) BUILD=0; shift ;;
    --no-record) RECORD=0; shift ;;
    --generate-only) GENERATE_ONLY=1; SKIP_JGPIPE=1; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 0 ;;
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
count_of() {  # 100k -> 100000, 5M -> 5000000, 2.4M -> 2400000
  python3 -c 'import sys; s = sys.argv[1].lower(); m = {"k": 10**3, "m": 10**6}.get(s[-1:], 1)
print(int(round(float(s.rstrip("km")) * m)))' "$1" 2>/dev/null || echo bad
}
GEN_VERSION=$(git hash-object scripts/generate.py)

dataset() {  # dataset STAGE SIZE -> prints its directory, generating it when absent or stale
  local stage=$1 size=$2 n units dir stamp args
  n=$(count_of "$size")
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "bench.sh: bad size $size" >&2; exit 64; }
  case $stage in
    accounts) units=$(( n * 111 / 1000 )); args=(--units "$units"); files="units.csv unit_accounts.csv" ;;
    removals) # 21-40 accounts in a share of units: fewer units for the same account count
      units=$(python3 -c "s=$REMOVAL_SHARE; q=min(1,9*s/(18.5-21.5*s)); print(int($n/(9+21.5*q)))")
      args=(--units "$units" --removal-share "$REMOVAL_SHARE" --mixed-dates --only units,unit_accounts)
      files="units.csv unit_accounts.csv" ;;
    vehicles) args=(--units 111000 --vehicles "$n" --only vehicles); files=vehicles.csv ;;
    exams) args=(--units 111000 --enrollments "$n" --only exam_enrollments); files=exam_enrollments.csv ;;
    licences) args=(--units 111000 --licences "$n" --only driver_licences); files=driver_licences.csv ;;
    violations) args=(--units 111000 --vehicles "$(count_of "$VIOLATION_VEHICLES")" --violations "$n"
                      --only vehicles,violations,vehicle_users)
      files="vehicles.csv violations.csv vehicle_users.csv" ;;
  esac
  dir=bench-data/$stage-$size-seed$SEED
  [[ $stage == accounts ]] && dir=bench-data/$size-seed$SEED  # the name of earlier benchmark runs
  stamp="${args[*]} seed=$SEED generator=$GEN_VERSION"
  if [[ ! -f $dir/.stamp || "$(cat "$dir/.stamp")" != "$stamp" ]]; then
    log "generating $stage $size (${args[*]}, seed $SEED) into $dir"
    rm -rf "$dir"
    nice python3 scripts/generate.py --out "$dir/all" "${args[@]}" --seed "$SEED" >&2
    # The compared stage's files only; an absent dataset skips its stage (SPEC §5).
    mkdir -p "$dir/in"
    for f in $files; do ln -s "../all/$f" "$dir/in/$f"; done
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

stages() {  # stages KEY STAGE: the stage figures of the jgpipe run just logged, appended to $STAGES
  python3 - "$1" "$2" bench-data/last-run.log >>"$STAGES" <<'PY'
import re, sys
size, stage_name, log = sys.argv[1], sys.argv[2], open(sys.argv[3]).read().splitlines()
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
    elif msg == "stage finished" and field(line, "stage") == stage_name:
        stage = int(field(line, "ms"))
    elif msg == "outputs written":
        outputs = int(field(line, "ms"))
    elif msg == "manifest written":
        manifest = int(field(line, "ms"))
    elif msg == "run finished":
        total = int(field(line, "ms"))
units, rows = read.get("units", 0), read.get(stage_name, 0)
print("\t".join(map(str, [size, parse, units, rows, stage - units - rows, outputs, manifest, total])))
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

declare -A ROWS BYTES
KEYS=()
bench_stage() {  # bench_stage STAGE SIZE: RUNS alternating rounds of jgpipe and its DuckDB peer, then libcsv
  local stage=$1 size=$2 dir key files main peer stage_name extra=() as_of=$AS_OF
  dir=$(dataset "$stage" "$size")
  key=$stage/$size
  KEYS+=("$key")
  case $stage in
    accounts|removals) main=unit_accounts.csv; peer=duckdb_rules.py; stage_name=unit_accounts ;;
    vehicles) main=vehicles.csv; peer=duckdb_vehicles.py; stage_name=vehicles
      extra=(--set "vehicles.ecert_pilot_regions=$PILOT") ;;
    exams) main=exam_enrollments.csv; peer=duckdb_exams.py; stage_name=exam_enrollments ;;
    licences) main=driver_licences.csv; peer=duckdb_licences.py; stage_name=driver_licences ;;
    violations) main=violations.csv; peer=duckdb_violations.py; stage_name=violations; as_of=$VIOLATION_AS_OF ;;
  esac
  files=("$dir"/in/*.csv)
  # csvcount prints "records fields bytes"; records include the header.
  read -r recs _ _ < <(bench-data/bin/csvcount "$dir/in/$main")
  ROWS[$key]=$((recs - 1))
  BYTES[$key]=$(stat -Lc %s "${files[@]}" | awk '{ s += $1 } END { print s }')
  cat "${files[@]}" >/dev/null  # warm the page cache once for everybody
  for ((r = 1; r <= RUNS; r++)); do
    # ABBA: the tool that goes first alternates, so neither always gets the warmer machine.
    if (( r % 2 == 1 )); then order="jgpipe duckdb"; else order="duckdb jgpipe"; fi
    # The run with workbooks goes right after the plain one, then right before it, and so on.
    if [[ $WORKBOOKS -eq 1 ]]; then
      if (( r % 2 == 1 )); then order=${order/jgpipe/jgpipe jgpipe-wb}; else order=${order/jgpipe/jgpipe-wb jgpipe}; fi
    fi
    for tool in $order; do
      case $tool in
        jgpipe)
          [[ $SKIP_JGPIPE -eq 1 ]] && continue
          rm -rf "$JG_OUT" "$JG_STATE"
          # Not --quiet: its log (key=value lines when not on a terminal) has the stage timings.
          # No detachment workbooks (SPEC §6): the peers write none; --full times a run with them.
          measure "$key" jgpipe "$JGPIPE" run --input-dir "$dir/in" --out "$JG_OUT" \
            --as-of "$as_of" --state "$JG_STATE" --set run.detachment_workbooks=false "${extra[@]}" \
            $(for s in ${JGPIPE_SET:-}; do printf -- '--set %s ' "$s"; done)
          stages "$key" "$stage_name" ;;
        jgpipe-wb)
          [[ $SKIP_JGPIPE -eq 1 ]] && continue
          rm -rf "$JG_OUT" "$JG_STATE"
          measure "$key" jgpipe-wb "$JGPIPE" run --input-dir "$dir/in" --out "$JG_OUT" --as-of "$as_of" \
            --state "$JG_STATE" "${extra[@]}" $(for s in ${JGPIPE_SET:-}; do printf -- '--set %s ' "$s"; done) \
            --set run.detachment_workbooks=true ;;
        duckdb)
          rm -rf "$DK_OUT"
          local peer_args=()
          [[ $stage == vehicles ]] && peer_args=(--pilot "$PILOT")
          if [[ $stage == violations ]]; then
            # jgpipe's run also does V1-V5 over vehicles.csv: so does the peer's, one after the other.
            measure "$key" duckdb bash -c 'python3 scripts/bench/duckdb_vehicles.py --input-dir "$1" --out "$2/vehicles" \
                --as-of "$3" --threads 2 && python3 "scripts/bench/$4" --input-dir "$1" --out "$2" --as-of "$3" --threads 2' \
              peer "$dir/in" "$DK_OUT" "$as_of" "$peer"
          else
            measure "$key" duckdb python3 "scripts/bench/$peer" --input-dir "$dir/in" \
              --out "$DK_OUT" --as-of "$as_of" --threads 2 "${peer_args[@]}"
          fi ;;
      esac
    done
    measure "$key" libcsv bash -c 'for f in "$@"; do bench-data/bin/csvcount "$f" || exit 1; done' csvcount "${files[@]}"
  done
  if [[ $FULL -eq 1 && $SKIP_JGPIPE -eq 0 && $stage == accounts ]]; then  # all four datasets, workbooks included
    rm -rf "$JG_OUT" "$JG_STATE"
    measure "$key" jgpipe-all4 "$JGPIPE" run --input-dir "$dir/all" --out "$JG_OUT" \
      --as-of "$AS_OF" --state "$JG_STATE" --quiet
  fi
}

for spec in "accounts:$SIZES" "removals:$REMOVALS" "vehicles:$VEHICLES" "exams:$EXAMS" "licences:$LICENCES" \
            "violations:$VIOLATIONS"; do
  IFS=, read -r -a list <<<"${spec#*:}"
  for size in "${list[@]}"; do
    [[ -z $size ]] && continue
    if [[ $GENERATE_ONLY -eq 1 ]]; then log "data ready: $(dataset "${spec%%:*}" "$size")"; else bench_stage "${spec%%:*}" "$size"; fi
  done
done
[[ $GENERATE_ONLY -eq 1 ]] && exit 0

# ---------------------------------------------------------------- report
COMMIT=$(git rev-parse --short HEAD)
git diff --quiet HEAD -- . 2>/dev/null || COMMIT="$COMMIT-dirty"
CPU=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
MACHINE="$(nproc) cores, ${CPU:-unknown CPU}, $(awk '/MemTotal/ {printf "%.0f GB RAM", $2/1048576}' /proc/meminfo)"
DUCKDB_V=$(python3 -c 'import duckdb; print(duckdb.__version__)')
SWIFT_V=$(swift --version 2>/dev/null | head -1 || echo "swift: n/a")
acc_list=""; for k in "${KEYS[@]}"; do acc_list+="$k=${ROWS[$k]}:${BYTES[$k]},"; done

TABLE=$(python3 scripts/bench/report.py "$RESULTS" "$acc_list" "$STAGES")

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
