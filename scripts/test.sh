#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite.
# FUZZ_SMOKE=1 also runs the input fuzzer for 20 s afterwards (scripts/fuzz.sh; needs the
# toolchain's libFuzzer runtime, which the required tests do not).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
swift build --build-tests >&2
swift test --skip-build "$@"
if [ "${FUZZ_SMOKE:-0}" = 1 ]; then
    scripts/fuzz.sh 20
fi
