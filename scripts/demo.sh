#!/usr/bin/env bash
# Builds jgpipe and runs it on the bundled samples: out/demo-utf8 and out/demo-gb18030.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
swift build -c release --product jgpipe >&2
for set in utf8 gb18030; do
    # The samples hold deliberately bad rows (one per error code), far above the 5 % a real
    # night tolerates, so the demo raises the refusal threshold. Guangzhou (4401) stands in for
    # an e-certificate pilot city (V5); the measure names none. --all-notices and a ledger of its
    # own keep every demo run showing every notice.
    .build/release/jgpipe run pipelines/default.toml --input-dir "samples/$set" --out "out/demo-$set" \
        --as-of 2024-06-01 --set run.max_rejected_ratio=0.5 --set vehicles.ecert_pilot_regions=4401 \
        --state out/demo-state --all-notices
done
echo "demo: outputs in out/demo-utf8 and out/demo-gb18030 (open summary.json first)" >&2
