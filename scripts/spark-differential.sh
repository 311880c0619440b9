#!/usr/bin/env bash
# The Spark engine against the embedded one (issue #17): the same inputs through
# `jgpipe run` and `jgpipe run --engine spark --spark-master local[2]`, every output file
# compared byte for byte (manifest.json without its clock times). Needs
# `scripts/bootstrap.sh --spark`; one Spark process at a time, in a temporary folder.
#
#   scripts/spark-differential.sh [JGPIPE]      # default: builds and uses .build/debug/jgpipe
#
# Cases: the vehicles sample in UTF-8 (one task, its duplicate collapsing inside it); the
# GB18030 sample without its duplicate cut into 1 kB tasks (cuts inside quoted fields and
# Chinese text); a generated dump with CRLF line ends and 1 % malformed rows cut into
# 512 kB tasks; and exit 69 for an input with stages the engine does not run yet.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"
if [ $# -ge 1 ]; then jgpipe="$(readlink -f "$1")"; else swift build --product jgpipe >&2; jgpipe="$repo/.build/debug/jgpipe"; fi
export SPARK_LOCAL_IP=127.0.0.1
work="$(mktemp -d -t jgpipe-spark-diff.XXXXXX)"
trap 'rm -rf "$work"' EXIT
cd "$work"
failures=0 passed=0

same_outputs() {  # embedded-folder spark-folder
    local file ok=1
    if ! diff <(cd "$1" && find . -type f | sort) <(cd "$2" && find . -type f | sort) >&2; then ok=0; fi
    while IFS= read -r file; do
        if [ "$file" = ./manifest.json ]; then
            diff <(grep -v '_at"' "$1/$file") <(grep -v '_at"' "$2/$file") >&2 || ok=0
        else
            cmp "$1/$file" "$2/$file" >&2 || ok=0
        fi
    done < <(cd "$1" && find . -type f | sort)
    ((ok))
}

compare() {  # name input-dir [spark-conf…]
    local name="$1" input="$2"; shift 2
    local conf=()
    for c in "$@"; do conf+=(--spark-conf "$c"); done
    local common=("$repo/pipelines/default.toml" --input-dir "$input" --as-of 2024-06-01 --set run.max_rejected_ratio=1 --quiet)
    "$jgpipe" run "${common[@]}" --out "$work/$name.embedded" --state "$work/$name.state-embedded"
    local started=$SECONDS
    if "$jgpipe" run "${common[@]}" --out "$work/$name.spark" --state "$work/$name.state-spark" \
        --engine spark --spark-master 'local[2]' "${conf[@]}" 2>"$work/$name.spark.log" \
        && same_outputs "$work/$name.embedded" "$work/$name.spark"; then
        echo "spark-differential: $name: same outputs ($((SECONDS - started)) s)" >&2
        passed=$((passed + 1))
    else
        echo "spark-differential: $name: DIFFERENT (log: see below)" >&2
        tail -20 "$work/$name.spark.log" >&2
        failures=$((failures + 1))
    fi
}

mkdir utf8 gb18030 generated mixed
cp "$repo/samples/utf8/vehicles.csv" utf8/
python3 -c 'import sys
seen = set(); out = []
for line in open(sys.argv[1], "rb").read().split(b"\n"):
    if line in seen and line: continue
    seen.add(line); out.append(line)
open(sys.argv[2], "wb").write(b"\n".join(out))' "$repo/samples/gb18030/vehicles.csv" gb18030/vehicles.csv
python3 "$repo/scripts/generate.py" --out generated --units 2000 --only vehicles --vehicles 30000 --invalid-rate 0.01 --crlf >/dev/null

compare utf8 utf8
compare gb18030 gb18030 spark.jgpipe.chunkBytes=1000
compare generated generated spark.jgpipe.chunkBytes=524288

cp "$repo/samples/utf8/"*.csv mixed/
set +e
"$jgpipe" run "$repo/pipelines/default.toml" --input-dir mixed --out "$work/mixed.out" --state "$work/mixed.state" \
    --engine spark --spark-master 'local[2]' --quiet 2>/dev/null
code=$?
set -e
if [ "$code" = 69 ] && [ ! -e "$work/mixed.out" ]; then
    echo "spark-differential: unsupported stages refused with exit 69" >&2; passed=$((passed + 1))
else
    echo "spark-differential: unsupported stages gave exit $code" >&2; failures=$((failures + 1))
fi
echo "spark-differential: $passed passed, $failures failed"
((failures == 0))
