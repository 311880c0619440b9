#!/usr/bin/env bash
# Installs the system packages jgpipe builds against, only when they are missing:
# libcsv-dev (the reference the tests hold the CSV tokenizer to), libsqlite3-dev (the run ledger),
# libssl-dev (SHA-256 for the manifest), libxlsxwriter-dev (the detachments' workbooks, SPEC §6),
# python3-openpyxl (the tests read the workbooks back with a real xlsx reader).
set -euo pipefail

missing=()
for package in libcsv-dev libsqlite3-dev libssl-dev libxlsxwriter-dev python3-openpyxl; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if ((${#missing[@]})); then
    echo "bootstrap: installing ${missing[*]}" >&2
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
command -v swift >/dev/null || { echo "bootstrap: swift is not on PATH (expected Swift 6.x)" >&2; exit 1; }
