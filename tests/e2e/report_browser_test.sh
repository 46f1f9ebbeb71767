#!/usr/bin/env bash
# The HTML lesson view in a real browser (headless Chromium, Debian package
# chromium, installed by tools/setup): the page of a bundled scenario loads with
# no console error; with ?test=1 it steps through every event of every probe and
# logs the highlighted diagram node of each; the highlight must move from device
# to device and every probe with packets must light up a node on every step. A
# screenshot of one probe mid-journey is written and must be a real PNG.
# Exits 77 (ctest: skipped) when chromium is not installed.
# Usage: report_browser_test.sh VPCSIM REPO_ROOT [SCREENSHOT_DIR]
set -uo pipefail
# shellcheck source=tests/e2e/lib.sh
source "${BASH_SOURCE%/*}/lib.sh" "$@"
shots=${3:-${TMPDIR:-/tmp}}
browser=$(command -v chromium || command -v chromium-browser || true)
if [[ -z $browser ]]; then
  echo "report_browser_test.sh: SKIPPED: chromium is not installed (tools/setup installs it)"
  exit 77
fi
# A private profile, no sandbox (CI runs as root), no GPU, no network.
chrome() {
  timeout 120 "$browser" --headless=new --no-sandbox --disable-gpu --no-first-run \
    --user-data-dir="$tmp/profile" --proxy-server=127.0.0.1:9 --enable-logging=stderr --v=0 "$@"
}

for scenario in small-service lan-three-routers; do
  page=$tmp/$scenario.html
  "$vpcsim" report "scenarios/$scenario/scenario.xml" -o "$page" >/dev/null || fail "$scenario: report exits 0"
  chrome --virtual-time-budget=10000 --dump-dom "file://$page?test=1" >"$tmp/dom.html" 2>"$tmp/console.log" ||
    fail "$scenario: chromium --dump-dom failed"
  python3 - "$tmp/dom.html" "$tmp/console.log" "$scenario" <<'PY' || failures=$((failures + 1))
import html, re, sys
dom, console, name = open(sys.argv[1]).read(), open(sys.argv[2]).read(), sys.argv[3]
problems = []
m = re.search(r'<pre id="test-log"[^>]*>(.*?)</pre>', dom, re.S)
lines = html.unescape(m.group(1)).splitlines() if m else []
if not lines or lines[-1] != "DONE":
    problems.append("the page's self-test did not finish")
problems += [l for l in lines if l.startswith("ERROR")]
for l in console.splitlines():
    if ":CONSOLE" in l or "Uncaught" in l:
        problems.append("console: " + l)
steps = {}
for l in lines:
    m = re.match(r"probe (\d+) step (\d+) node=(\S+) edge=(\S+)", l)
    if m:
        steps.setdefault(int(m.group(1)), []).append(m.group(3))
if len(steps) < 3:
    problems.append(f"only {len(steps)} probes were stepped through")
for probe, nodes in steps.items():
    if "-" in nodes:
        problems.append(f"probe {probe}: a step highlighted no node")
    if len(set(nodes)) < 2:
        problems.append(f"probe {probe}: stepping never moved the highlight ({nodes[:3]})")
for p in problems:
    print(f"FAIL: {name}: {p}")
print(f"{name}: {sum(len(n) for n in steps.values())} steps over {len(steps)} probes checked")
sys.exit(1 if problems else 0)
PY
done

# A screenshot mid-journey: the ssh through the bastion (probe 5), event 12.
shot=$shots/vpcsim-report-small-service.png
rm -f "$shot"
chrome --hide-scrollbars --window-size=1400,1100 --virtual-time-budget=3000 \
  --screenshot="$shot" "file://$tmp/small-service.html?probe=5&step=12" >/dev/null 2>&1 || fail "screenshot failed"
[[ -s $shot && $(head -c 8 "$shot" | od -An -tx1 | tr -d ' \n') == 89504e470d0a1a0a ]] || fail "screenshot is not a PNG"
[[ $(stat -c %s "$shot" 2>/dev/null || echo 0) -gt 20000 ]] || fail "screenshot looks empty"
echo "report_browser_test.sh: screenshot in $shot"

finish
