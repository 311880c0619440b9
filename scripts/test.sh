#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite.
# FUZZ_SMOKE=1 also runs the input fuzzer for 20 s afterwards (scripts/fuzz.sh; needs the
# toolchain's libFuzzer runtime, which the required tests do not).
# Then the Spark engine against the embedded one on Spark local[2] (scripts/spark-differential.sh,
# after scripts/bootstrap.sh --spark installs Java 17 and PySpark when missing; two to five
# minutes); SPARK_DIFF=0 leaves it out on a machine without network or Java. The Spark
# engine's worker-mode tests (SparkEngineTests, RecordBoundaryTests) run either way.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
swift build --build-tests >&2
swift test --skip-build "$@"
if [ "${SPARK_DIFF:-1}" = 1 ]; then
    scripts/bootstrap.sh --spark
    scripts/spark-differential.sh "$PWD/.build/debug/jgpipe"
fi
if [ "${FUZZ_SMOKE:-0}" = 1 ]; then
    scripts/fuzz.sh 20
fi
