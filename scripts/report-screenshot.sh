#!/usr/bin/env bash
# Renders a run's report.html in headless Chromium and saves a PNG, to look at the report as a
# person would. Usage: scripts/report-screenshot.sh [REPORT.html] [OUT.png] [WIDTHxHEIGHT] [SKIP]
# Defaults: out/demo-utf8/report.html (made by scripts/demo.sh), /tmp/report.png, 1200x2000, 0.
# SKIP (pixels) starts the picture further down the page, to see the part below the first screen.
set -euo pipefail
cd "$(dirname "$0")/.."
report="${1:-out/demo-utf8/report.html}"
png="${2:-/tmp/report.png}"
size="${3:-1200x2000}"
skip="${4:-0}"
file="$report"
[ -f "$file" ] || { echo "report-screenshot: $file not found (run scripts/demo.sh first)" >&2; exit 66; }
if ! command -v chromium >/dev/null; then
    dpkg -s chromium >/dev/null 2>&1 || {
        echo "report-screenshot: installing chromium and CJK fonts" >&2
        sudo=""
        [ "$(id -u)" -eq 0 ] || sudo="sudo"
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
    }
fi
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || echo "report-screenshot: fonts-noto-cjk is not installed; Chinese text may show as boxes" >&2
url="file://$(realpath "$file")"
if [ "$skip" != 0 ]; then
    # Headless Chromium draws only the top of a page; frame the report shifted up instead.
    width="${size%x*}"
    frame="$(mktemp --suffix=.html)"
    trap 'rm -f "$frame"' EXIT
    printf '<!DOCTYPE html><body style="margin:0;overflow:hidden"><iframe src="%s" style="border:0;width:%spx;height:%spx;margin-top:-%spx"></iframe></body>' \
        "$url" "$width" "$((${size#*x} + skip))" "$skip" >"$frame"
    url="file://$frame"
fi
# --no-sandbox: needed when running as root (CI, containers); the page is our own static file.
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size="${size/x/,}" \
    --screenshot="$png" "$url" 2>/dev/null
echo "report-screenshot: $png" >&2
