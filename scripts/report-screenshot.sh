#!/usr/bin/env bash
# Renders a run's report.html in headless Chromium and saves a PNG, to look at the report as a
# person would. Usage: scripts/report-screenshot.sh [REPORT.html] [OUT.png] [WIDTHxHEIGHT] [SKIP]
# Defaults: out/demo-utf8/report.html (made by scripts/demo.sh), /tmp/report.png, 1280x2000, 0.
# SKIP (pixels) starts the picture further down the page, to see the part below the first screen.
# It also checks the page at that width (issue #15): nothing wider than the window or cut off
# inside its box, and no 18-character id or code broken over two lines; exit 1 when one is.
# Chinese text needs fonts-noto-cjk: without CJK fonts a Linux browser shows boxes.
set -euo pipefail
cd "$(dirname "$0")/.."
report="${1:-out/demo-utf8/report.html}"
png="${2:-/tmp/report.png}"
size="${3:-1280x2000}"
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

# The layout check: a copy of the report with a script that measures it, read back with --dump-dom.
check="$(mktemp --suffix=.html)"
trap 'rm -f "$check" "${frame:-}"' EXIT
script="$(cat <<'JS'
<script>
var problems = [], root = document.documentElement;
if (root.scrollWidth > root.clientWidth) problems.push("page " + root.scrollWidth + "px wide");
document.querySelectorAll("table").forEach(function (t) {
  var box = t.parentElement;
  if (t.scrollWidth > box.clientWidth + 1) problems.push("table wider than its box: " + t.rows[0].textContent.slice(0, 40));
});
var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT), node;
while ((node = walker.nextNode())) {
  var re = /[0-9A-Z]{17}[0-9A-Z]/g, m;
  while ((m = re.exec(node.data))) {
    var range = document.createRange(); range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
    var tops = {}; Array.prototype.forEach.call(range.getClientRects(), function (r) { tops[Math.round(r.top)] = 1; });
    if (Object.keys(tops).length > 1) problems.push("wrapped: " + m[0]);
  }
}
document.body.setAttribute("data-layout", problems.length ? problems.join(" / ") : "ok");
</script>
JS
)"
awk -v script="$script" '/<\/body>/ { print script } { print }' "$report" >"$check"
layout="$(chromium --headless --no-sandbox --disable-gpu --window-size="${size/x/,}" --dump-dom "file://$check" 2>/dev/null \
    | grep -o 'data-layout="[^"]*"' | head -1)"
if [ "$layout" != 'data-layout="ok"' ]; then
    echo "report-screenshot: layout check at ${size%x*} px failed: ${layout:-no result}" >&2
    exit 1
fi
echo "report-screenshot: layout check at ${size%x*} px: ok" >&2
