#!/usr/bin/env bash
# Installs the system packages jgpipe builds against, only when they are missing:
# libcsv-dev (the reference the tests hold the CSV tokenizer to), libsqlite3-dev (the run ledger),
# libssl-dev (SHA-256 for the manifest), libxlsxwriter-dev (the detachments' workbooks, SPEC §6),
# python3-openpyxl (the tests read the workbooks back with a real xlsx reader).
#
#   scripts/bootstrap.sh --spark   also what `jgpipe run --engine spark` needs: Java 17 (Debian's
#                                  openjdk-17-jre-headless) when no Java 17 or later is first on PATH, python3-venv, and
#                                  PySpark 4.x from PyPI (it carries Spark) in a virtual environment at
#                                  ~/.cache/jgpipe/pyspark-venv (JGPIPE_SPARK_VENV), where jgpipe looks.
set -euo pipefail
spark=0
for argument in "$@"; do
    case "$argument" in
        --spark) spark=1 ;;
        *) echo "bootstrap: unknown option $argument (known: --spark)" >&2; exit 64 ;;
    esac
done

missing=()
for package in libcsv-dev libsqlite3-dev libssl-dev libxlsxwriter-dev python3-openpyxl; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if ((spark)); then
    venv="${JGPIPE_SPARK_VENV:-$HOME/.cache/jgpipe/pyspark-venv}"
    # Spark 4 runs on Java 17 or later: `java -version` says "17.0.15", "21", or "1.8.0_402" (8).
    java_major() { java -version 2>&1 | sed -n 's/.*version "\(1\.\)\{0,1\}\([0-9]*\).*/\2/p' | head -1; }
    [ "$(java_major 2>/dev/null || true)" -ge 17 ] 2>/dev/null || missing+=(openjdk-17-jre-headless)
    [ -x "$venv/bin/python" ] || python3 -c 'import ensurepip, venv' 2>/dev/null || missing+=(python3-venv)
fi
if ((${#missing[@]})); then
    echo "bootstrap: installing ${missing[*]}" >&2
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
command -v swift >/dev/null || { echo "bootstrap: swift is not on PATH (expected Swift 6.x)" >&2; exit 1; }
if ((spark)); then
    if ! [ "$(java_major 2>/dev/null || true)" -ge 17 ] 2>/dev/null; then
        # An older Java stays first on PATH after the install: make Debian's 17 the default.
        java17="$(ls /usr/lib/jvm/java-17-openjdk-*/bin/java 2>/dev/null | head -1)"
        [ -n "$java17" ] && ${sudo:-} update-alternatives --set java "$java17" >/dev/null
        [ "$(java_major 2>/dev/null || true)" -ge 17 ] 2>/dev/null \
            || { echo "bootstrap: Spark needs Java 17 or later; java -version says $(java_major || echo nothing)" >&2; exit 1; }
    fi
    echo "bootstrap: Java $(java_major) for Spark" >&2
    # One import when it is there already (the check runs on every scripts/test.sh).
    version="$("$venv/bin/python" -c 'import pyspark; print(pyspark.__version__)' 2>/dev/null || true)"
    if [ "${version%%.*}" != 4 ]; then
        echo "bootstrap: installing PySpark 4 into $venv" >&2
        python3 -m venv "$venv"
        "$venv/bin/pip" install -q 'pyspark>=4,<5'
        version="$("$venv/bin/python" -c 'import pyspark; print(pyspark.__version__)')"
    fi
    echo "bootstrap: PySpark $version in $venv" >&2
fi
