#!/usr/bin/env bash
# The night run, for cron. Writes <BASE>/<YYYY-MM-DD>/ (published atomically by jgpipe), then
# points <BASE>/latest at it (atomically, only after a successful run), and logs to
# <BASE>/logs/<YYYY-MM-DD>.log. Exits with jgpipe's exit code (docs/OPERATIONS.md lists them).
#
# Usage: scripts/nightly.sh BASE INPUT_DIR [jgpipe run options...]
# Environment: JGPIPE (the binary; default .build/release/jgpipe beside this script),
#              JGPIPE_PIPELINE (default pipelines/default.toml), JGPIPE_STATE (default BASE/state),
#              JGPIPE_DATE (the as-of date and folder name; default today).
set -uo pipefail
if [ $# -lt 2 ]; then
    echo "usage: $0 BASE INPUT_DIR [jgpipe run options...]" >&2
    exit 64
fi
base="$1"
input="$2"
shift 2
root="$(cd "$(dirname "$0")/.." && pwd)"
jgpipe="${JGPIPE:-$root/.build/release/jgpipe}"
pipeline="${JGPIPE_PIPELINE:-$root/pipelines/default.toml}"
state="${JGPIPE_STATE:-$base/state}"
day="${JGPIPE_DATE:-$(date +%F)}"

mkdir -p "$base/logs" || exit 73
log="$base/logs/$day.log"
out="$base/$day"

{
    echo "nightly: $(date '+%FT%T%z') start as-of=$day input=$input out=$out"
} >>"$log"
# No terminal under cron: jgpipe writes key=value lines with stage timings.
"$jgpipe" run "$pipeline" --input-dir "$input" --out "$out" --state "$state" --as-of "$day" "$@" >>"$log" 2>&1
code=$?
if [ "$code" -eq 0 ]; then
    # ln -sfn is not atomic (unlink, then symlink); a rename over the old link is.
    ln -sfn "$day" "$base/.latest.$$" && mv -Tf "$base/.latest.$$" "$base/latest" || {
        echo "nightly: cannot update $base/latest" >>"$log"
        code=73
    }
fi
echo "nightly: $(date '+%FT%T%z') end exit=$code" >>"$log"
exit "$code"
