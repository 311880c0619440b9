#!/usr/bin/env bash
# Fuzzes jgpipe's input layer (decoder, CSV reader, header map, every dataset's validation)
# with libFuzzer + AddressSanitizer for a bounded time:
#
#     scripts/fuzz.sh [SECONDS]            # default 60
#
# The harness is its own package (fuzz/), so the main build never needs fuzzer flags. It
# starts from the committed seed corpus (fuzz/corpus/, made from samples/ by
# fuzz/make_corpus.py) and keeps what it learns in fuzz/work-corpus/ (not committed). A crash
# or a failed oracle stops the run with exit 1 and leaves the input in fuzz/crashes/; turn it
# into a regression test in Tests/JGPipeTests/Hostile/ (see docs/RELIABILITY.md).
# Environment: FUZZ_ARGS (more libFuzzer flags). One process: the machine's cores are shared.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
scripts/bootstrap.sh
runtime="$(dirname "$(dirname "$(command -v swift)")")/lib/swift/clang/lib/linux/libclang_rt.fuzzer-$(uname -m).a"
[ -f "$runtime" ] || { echo "fuzz: this Swift toolchain has no libFuzzer runtime ($runtime)" >&2; exit 1; }

# Release: about 5 times the executions per second of debug; overflow and bounds checks stay on.
# The C targets (the CSV tokenizer) get coverage and AddressSanitizer too.
(cd fuzz && swift build -c release --product JGPipeFuzz -Xswiftc -sanitize=fuzzer,address \
    -Xcc -fsanitize=fuzzer-no-link,address >&2)
mkdir -p fuzz/work-corpus fuzz/crashes
# -detect_leaks=0: the Swift runtime keeps metadata caches alive for the process lifetime.
SWIFT_BACKTRACE=enable=no fuzz/.build/release/JGPipeFuzz fuzz/work-corpus fuzz/corpus \
    -dict=fuzz/jgpipe.dict -max_len=16384 -timeout=10 -rss_limit_mb=2048 -detect_leaks=0 \
    -max_total_time="$seconds" \
    -artifact_prefix=fuzz/crashes/ -print_final_stats=1 ${FUZZ_ARGS:-}
