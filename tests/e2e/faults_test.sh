#!/usr/bin/env bash
# Faults end to end (docs/faults.md), through the built binary: --fail/--restore on
# the probe commands (good and bad names and times, exit codes), the JSON fields
# they add (journey faults, reason loop), device down="true" in a topology, and the
# "faults" and "loop" fields of check --json.
# Usage: faults_test.sh VPCSIM REPO_ROOT
set -uo pipefail
# shellcheck source=tests/e2e/lib.sh
source "${BASH_SOURCE%/*}/lib.sh" "$@"
lan=scenarios/lan-link-failure/topology.xml

# A restore before the fault matters: every reply comes back.
expect_rc 0 ping "$lan" h1 h2 -c 3 --fail r1:eth1@0s --restore r1:eth1@500ms
grep -q '3 received' "$tmp/out" || fail "restored link: expected 3 replies"

expect_rc 1 ping "$lan" h1 h2 -c 2 --fail r1:eth1@0s
grep -q '^why: .*link r1:eth1 <-> r2:eth0 is down \[link-down\]$' "$tmp/err" ||
  fail "failed link: why line names the link ($(cat "$tmp/err"))"

expect_rc 1 traceroute "$lan" h1 h2 --fail r2@0s -m 3
expect_rc 1 telnet "$lan" h1 h2 22 --fail h2@0s
grep -q '\[device-down\]$' "$tmp/err" || fail "telnet to a down host: reason device-down"

# JSON: the journey lists the faults, the reason names the loop.
# The first reply comes back before sw2 goes down.
expect_rc 0 ping "$lan" h1 h2 -c 2 --fail sw2@1s --json --explain
python3 - "$tmp/out" <<'PY' || fail "ping --json: journey faults"
import json, sys
j = json.load(open(sys.argv[1]))
f = j["journey"]["faults"]
assert f == [{"time_ns": f[0]["time_ns"], "event": "switch sw2 went down"}], f
assert j["reason"]["code"] == "device-down", j["reason"]
PY
expect_rc 1 ping scenarios/lan-routing-loop/topology.xml h1 10.99.0.1 -c 1 --json
python3 - "$tmp/out" <<'PY' || fail "routing loop: reason.loop"
import json, sys
r = json.load(open(sys.argv[1]))["reason"]
assert r["code"] == "ttl-exceeded" and r["loop"] == ["r1", "r2"], r
PY
expect_rc 1 ping scenarios/lan-switch-loop/topology.xml h1 h2 -c 1 --json
python3 - "$tmp/out" <<'PY' || fail "storm: reason.loop"
import json, sys
r = json.load(open(sys.argv[1]))["reason"]
assert r["code"] == "broadcast-storm", r
assert r["loop"] == ["sw1:p2", "sw2:p1", "sw2:p3", "sw3:p2", "sw3:p1", "sw1:p3"], r
PY

# Bad names and times: exit 2 with a clear message.
for bad in 'nope@1s' 'r1:eth7@1s' 'sw1@' 'sw1@1x' 'sw1' 'sw1:@1s' '@1s' 'sw1@100000s'; do
  expect_rc 2 ping "$lan" h1 h2 --fail "$bad"
  grep -q "^vpcsim ping: error: --fail '" "$tmp/err" || fail "--fail $bad: message ($(cat "$tmp/err"))"
  [[ ! -s $tmp/out ]] || fail "--fail $bad: printed results"
done
# sw1: names no single link end: sw1 has several links.
expect_rc 2 ssh "$lan" h1 h2 --restore sw1:@2s
expect_rc 0 ping --help
grep -q -- '--fail LINK|NODE@TIME' "$tmp/out" || fail "ping --help: no --fail"

# check --json: scenario steps and probe faults, loops.
expect_rc 0 check scenarios/lan-link-failure/scenario.xml scenarios/lan-routing-loop/scenario.xml \
  --json "$tmp/report.json"
python3 - "$tmp/report.json" <<'PY' || fail "check --json: faults and loop"
import json, sys
r = json.load(open(sys.argv[1]))
probes = r["scenarios"][0]["probes"]
with_faults = [p for p in probes if "faults" in p]
assert [p["line"] for p in with_faults] == [34, 39, 43, 46, 48, 55, 59], with_faults
assert with_faults[0]["faults"][0] == "+1.500s into the probe: link r1:eth1 -- r2:eth0 went down"
loops = [p["loop"] for p in r["scenarios"][1]["probes"] if "loop" in p]
assert loops and all(l == ["r1", "r2"] for l in loops), loops
PY

# A down device in the topology file.
sed 's/<host name="h2" ip="10.0.2.10\/24" gateway="10.0.2.1"\/>/<host name="h2" ip="10.0.2.10\/24" gateway="10.0.2.1" down="true"\/>/' \
  "$lan" >"$tmp/down.xml"
grep -q 'down="true"/>' "$tmp/down.xml" || fail "test setup: no down host"
expect_rc 1 ping "$tmp/down.xml" h1 h2 -c 1
grep -q '\[device-down\]$' "$tmp/err" || fail "down host: reason device-down ($(cat "$tmp/err"))"
sed 's/down="true"/down="maybe"/' "$tmp/down.xml" >"$tmp/bad-down.xml"
expect_rc 2 ping "$tmp/bad-down.xml" h1 h2
grep -q "down 'maybe'" "$tmp/err" || fail "down=\"maybe\": message ($(cat "$tmp/err"))"

finish
