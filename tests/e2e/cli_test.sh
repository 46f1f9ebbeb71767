#!/usr/bin/env bash
# End-to-end checks of the real vpcsim binary: exit codes (0/1/2), the failing
# probe's explanation, diagnostics for bad scenario input, and the JSON report.
# Usage: cli_test.sh VPCSIM REPO_ROOT
set -uo pipefail
# shellcheck source=tests/e2e/lib.sh
source "${BASH_SOURCE%/*}/lib.sh" "$@"

"$vpcsim" check tests/data/scenarios/failing.xml --json "$tmp/r.json" >"$tmp/out" 2>&1
[[ $? == 1 ]] || fail "failing scenario should exit 1"
grep -q '^FAIL  failing:6  ping h1 -> 192.168.1.99  expected reachable, got unreachable \[host-unreachable\]$' "$tmp/out" || fail "FAIL line"
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
# A failed probe says why on stderr, in text mode only; stdout stays the tool's own text.
vpc=scenarios/small-service/topology.xml
"$vpcsim" telnet "$vpc" bastion db 3306 >"$tmp/out" 2>"$tmp/err"; [[ $? == 1 ]] || fail "SG timeout exits 1"
[[ $(cat "$tmp/err") == "why: dropped at db: security group db-sg on db (inbound): no rule allows tcp/3306 from 10.0.1.10 (security group db-sg) [security-group]" ]] || fail "telnet why line"
! grep -q why "$tmp/out" || fail "why line kept off stdout"
"$vpcsim" telnet "$vpc" bastion db 3306 --json >/dev/null 2>"$tmp/err"; [[ ! -s "$tmp/err" ]] || fail "no why line with --json"
"$vpcsim" ping "$vpc" client app -c 1 >/dev/null 2>"$tmp/err"
grep -q '\[no-public-ip\]$' "$tmp/err" || fail "ping why line names no-public-ip"
"$vpcsim" telnet "$vpc" bastion app 22 >/dev/null 2>"$tmp/err"; [[ ! -s "$tmp/err" ]] || fail "no why line on success"
"$vpcsim" ping "$topo" h1 h2 -c 1 --explain >"$tmp/out"
grep -q 'DROP\|route\|arp' "$tmp/out" || fail "--explain prints the journey"
"$vpcsim" lint tests/data/bad/duplicate-name.xml >/dev/null; [[ $? == 1 ]] || fail "lint with errors exits 1"
"$vpcsim" lint "$topo" >/dev/null; [[ $? == 0 ]] || fail "clean lint exits 0"

# ssh on a bastion VPC: client on the internet, bastion with an EIP, private app.
vpc=tests/data/vpc/bastion.xml
"$vpcsim" ssh "$vpc" client app --jump bastion >"$tmp/out"; [[ $? == 0 ]] || fail "ssh via bastion exits 0"
printf '%s\n' 'debug1: Connecting to bastion [203.0.113.10] port 22.' 'debug1: Connection established.' \
  'debug1: Connecting to app [10.0.2.10] port 22.' 'debug1: Connection established.' \
  'ssh: connected to app (10.0.2.10) port 22 via bastion' | cmp -s - "$tmp/out" || fail "ssh via bastion text"
"$vpcsim" ssh "$vpc" client app -J bastion --json >"$tmp/out"; [[ $? == 0 ]] || fail "ssh -J --json exits 0"
python3 -c 'import json,sys
j = json.load(open(sys.argv[1]))
assert list(j) == ["probe", "from", "to", "via", "result", "legs", "reason"], list(j)
assert (j["probe"], j["from"], j["to"], j["via"], j["result"]) == ("ssh", "client", "app", "bastion", "open"), j
assert j["reason"] is None
legs = j["legs"]
assert [(l["from"], l["to"], l["dst"], l["dst_port"], l["result"]) for l in legs] == [
    ("client", "bastion", "203.0.113.10", 22, "open"), ("bastion", "app", "10.0.2.10", 22, "open")], legs
assert legs[1]["served_by"] == "app" and legs[1]["seen_source"] == "10.0.1.10", legs[1]
' "$tmp/out" || fail "ssh via bastion JSON"
"$vpcsim" ssh "$vpc" client app >"$tmp/out"; [[ $? == 1 ]] || fail "ssh direct to a private app exits 1"
grep -qx 'ssh: connect to host app port 22: Connection timed out' "$tmp/out" || fail "ssh direct timeout line"
grep -q '^reason: no-public-ip (' "$tmp/out" || fail "ssh direct reason line"
"$vpcsim" ssh "$vpc" client app --json >"$tmp/out"; [[ $? == 1 ]] || fail "ssh direct --json exits 1"
python3 -c 'import json,sys
j = json.load(open(sys.argv[1]))
assert j["via"] is None and j["result"] == "timeout", j
assert j["reason"]["code"] == "no-public-ip", j["reason"]
assert len(j["legs"]) == 1 and j["legs"][0]["reason"]["code"] == "no-public-ip", j["legs"]
' "$tmp/out" || fail "ssh direct JSON reason no-public-ip"
"$vpcsim" ssh "$vpc" client app -J bastion -p 2222 >"$tmp/out"; [[ $? == 1 ]] || fail "ssh second leg refused exits 1"
grep -qx 'channel 0: open failed: connect failed: Connection refused' "$tmp/out" && grep -qx 'stdio forwarding failed' "$tmp/out" \
  || fail "ssh second leg failure lines"
grep -qx 'ssh: no connection to app via bastion: second leg bastion -> app (10.0.2.10) port 2222: refused' "$tmp/out" \
  || fail "ssh second leg summary"
"$vpcsim" ssh "$vpc" client app -J app --json >"$tmp/out"; [[ $? == 1 ]] || fail "ssh first leg timeout exits 1"
python3 -c 'import json,sys
j = json.load(open(sys.argv[1]))
assert j["result"] == "timeout" and len(j["legs"]) == 1 and j["legs"][0]["dst_port"] == 22, j
' "$tmp/out" || fail "ssh first leg timeout JSON"
"$vpcsim" ssh "$vpc" client app -J bastion --explain >"$tmp/out"; [[ $? == 0 ]] || fail "ssh --explain exits 0"
grep -q '^Leg 2: bastion -> app port 22$' "$tmp/out" && [[ $(grep -c '^Journey' "$tmp/out") == 2 ]] \
  || fail "ssh --explain prints each leg's journey"
"$vpcsim" ssh "$vpc" client app -J nosuchnode >/dev/null 2>&1; [[ $? == 2 ]] || fail "ssh unknown jump host exits 2"
"$vpcsim" ssh "$vpc" client app -p 70000 >/dev/null 2>&1; [[ $? == 2 ]] || fail "ssh bad port exits 2"
"$vpcsim" ssh "$vpc" client >/dev/null 2>&1; [[ $? == 2 ]] || fail "ssh without TO exits 2"
"$vpcsim" ssh --help >"$tmp/help"
grep -q '^usage: vpcsim ssh FILE FROM TO' "$tmp/help" || fail "ssh --help"
"$vpcsim" check tests/data/vpc/bastion-scenario.xml -v >"$tmp/out"; [[ $? == 0 ]] || fail "ssh scenario passes"
grep -qx 'ssh: connected to app (10.0.2.10) port 22 via bastion' "$tmp/out" || fail "check -v shows the ssh lines"

# Same input, byte-identical output.
"$vpcsim" check scenarios/lan-three-routers/scenario.xml -v >"$tmp/a" 2>&1
"$vpcsim" check scenarios/lan-three-routers/scenario.xml -v >"$tmp/b" 2>&1
cmp -s "$tmp/a" "$tmp/b" || fail "check output is not deterministic"

finish
