#!/usr/bin/env bash
# End-to-end checks of the real vpcsim binary: exit codes (0/1/2), the failing
# probe's explanation, diagnostics for bad scenario input, and the JSON report.
# Usage: cli_test.sh VPCSIM REPO_ROOT
set -uo pipefail
vpcsim=$1
cd "$2" || exit 2
failures=0
fail() { printf 'FAIL: %s\n' "$*"; failures=$((failures + 1)); }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$vpcsim" check tests/data/scenarios/failing.xml --json "$tmp/r.json" >"$tmp/out" 2>&1
[[ $? == 1 ]] || fail "failing scenario should exit 1"
grep -q '^FAIL  failing:6  ping h1 -> 192.168.1.99  expected reachable, got unreachable$' "$tmp/out" || fail "FAIL line"
grep -q 'why: dropped at h1: no ARP reply from 192.168.1.99 after 3 tries' "$tmp/out" || fail "explanation"
grep -q '^1 passed, 1 failed$' "$tmp/out" || fail "summary line"
grep -q '"failed": 1' "$tmp/r.json" && grep -q '"reason": "host-unreachable"' "$tmp/r.json" || fail "JSON report"

"$vpcsim" check tests/data/scenarios/bad.xml >"$tmp/out" 2>"$tmp/err"
[[ $? == 2 ]] || fail "bad scenario should exit 2"
grep -q "bad.xml:6:3: error: <probe>: type 'pong' is not a probe type \[bad-probe-type\]" "$tmp/err" || fail "bad-probe-type diagnostic"
grep -q "bad.xml:7:3: error: <probe type=\"telnet\">: missing attribute 'port' \[missing-attribute\]" "$tmp/err" || fail "missing port diagnostic"
[[ ! -s "$tmp/out" ]] || fail "nothing may run on bad input"

"$vpcsim" check tests/data/scenarios/missing.xml >/dev/null 2>"$tmp/err"
[[ $? == 2 ]] || fail "missing scenario file should exit 2"
grep -q 'file-not-found' "$tmp/err" || fail "file-not-found diagnostic"

topo=scenarios/lan-three-routers/topology.xml
"$vpcsim" ping "$topo" h1 h2 -c 1 >"$tmp/out"; [[ $? == 0 ]] || fail "ping reachable exits 0"
grep -q 'icmp_seq=1 ttl=61' "$tmp/out" || fail "ping reply TTL 61"
"$vpcsim" ping "$topo" h1 172.16.0.1 -c 1 >/dev/null; [[ $? == 1 ]] || fail "ping unreachable exits 1"
"$vpcsim" ping "$topo" h1 nosuchnode >/dev/null 2>&1; [[ $? == 2 ]] || fail "unknown node exits 2"
"$vpcsim" traceroute "$topo" h1 h2 >"$tmp/out"; [[ $? == 0 ]] || fail "traceroute exits 0"
[[ $(grep -c '^ [0-9] ' "$tmp/out") == 4 ]] || fail "traceroute lists 4 hops"
"$vpcsim" telnet "$topo" h1 h2 22 >/dev/null; [[ $? == 0 ]] || fail "telnet open exits 0"
"$vpcsim" telnet "$topo" h1 h2 23 --json >"$tmp/out"; [[ $? == 1 ]] || fail "telnet refused exits 1"
grep -q '"result": "refused"' "$tmp/out" || fail "telnet JSON result"
"$vpcsim" ping "$topo" h1 h2 -c 1 --explain >"$tmp/out"
grep -q 'DROP\|route\|arp' "$tmp/out" || fail "--explain prints the journey"
"$vpcsim" lint tests/data/bad/duplicate-name.xml >/dev/null; [[ $? == 1 ]] || fail "lint with errors exits 1"
"$vpcsim" lint "$topo" >/dev/null; [[ $? == 0 ]] || fail "clean lint exits 0"

# Same input, byte-identical output.
"$vpcsim" check scenarios/lan-three-routers/scenario.xml -v >"$tmp/a" 2>&1
"$vpcsim" check scenarios/lan-three-routers/scenario.xml -v >"$tmp/b" 2>&1
cmp -s "$tmp/a" "$tmp/b" || fail "check output is not deterministic"

if ((failures)); then
  echo "$failures check(s) failed"
  exit 1
fi
echo "all CLI checks passed"
