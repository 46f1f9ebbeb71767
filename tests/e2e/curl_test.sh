#!/usr/bin/env bash
# vpcsim curl end to end (docs/load-balancers.md), on scenarios/alb-wildcard: curl's
# exit codes, -v lines, the JSON document, --explain showing both connections of the
# load balancer, the same output twice (determinism), and the HTTP text in --pcap as
# tshark decodes it (when tshark is installed). The text outputs themselves are
# compared in e2e.lb_docs (the examples of docs/load-balancers.md).
# Usage: curl_test.sh VPCSIM REPO_ROOT
set -uo pipefail
# shellcheck source=tests/e2e/lib.sh
source "${BASH_SOURCE%/*}/lib.sh" "$@"
t=scenarios/alb-wildcard/topology.xml

expect_rc 0 curl $t client https://api.example.net/
grep -q '^HTTP/1.1 200 OK$' "$tmp/out" || fail "200: no status line"
grep -q '^X-Served-By: api-1$' "$tmp/out" || fail "200: not served by api-1"
expect_rc 0 curl $t client https://config.example.net/
grep -q '^HTTP/1.1 504 Gateway Time-out$' "$tmp/out" || fail "504: no status line"
grep -q '^why: dropped at config-1: .*\[security-group\]$' "$tmp/err" || fail "504: why line"
expect_rc 1 curl $t client https://www.example.net/ -f
grep -qx 'curl: (22) The requested URL returned error: 404' "$tmp/out" || fail "-f: (22) line"
expect_rc 1 curl $t client http://web-alb:8080/ -m 2
grep -qx 'curl: (28) Connection timed out after 2000 milliseconds' "$tmp/out" || fail "(28) line"
expect_rc 2 curl $t client https://nowhere.invalid/
grep -qx 'curl: (6) Could not resolve host: nowhere.invalid' "$tmp/out" || fail "(6) line"
# A LAN server without a listener on 23: RST, curl's (7).
expect_rc 1 curl scenarios/lan-ports/topology.xml pc1 http://srv:23/
grep -q '^curl: (7) Failed to connect to srv port 23 after [0-9]* ms: Couldn.t connect to server$' \
  "$tmp/out" || fail "(7) line"
grep -q '\[port-closed\]$' "$tmp/err" || fail "(7): why line"
# Its port 22 listener answers HTTP too (every TCP listener runs vpcsim-httpd).
expect_rc 0 curl scenarios/lan-ports/topology.xml pc1 http://srv:22/
grep -qx 'served by srv (10.0.2.10:22)' "$tmp/out" || fail "direct request: body"
expect_rc 2 curl $t client ftp://api.example.net/
expect_rc 2 curl $t client https://api.example.net/ -H 'X-Debug: 1'
expect_rc 2 curl $t nobody https://api.example.net/

# -v: curl's markers, in order.
"$vpcsim" curl $t client https://api.example.net/ -v >"$tmp/v" 2>&1
for line in '*   Trying 203.0.113.50:443...' '> GET / HTTP/1.1' '> Host: api.example.net' \
            '< HTTP/1.1 200 OK' '* Connection #0 to host api.example.net left intact'; do
  grep -qxF -- "$line" "$tmp/v" || fail "-v: no line '$line'"
done

# --json: one document with the fields docs/load-balancers.md lists.
"$vpcsim" curl $t client http://api.example.net/ -L --json >"$tmp/j" || fail "--json -L: exit $?"
python3 - "$tmp/j" <<'PY' || fail "--json content"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["probe"] == "curl" and d["result"] == "response", d
assert d["status"] == 200 and d["served_by"] == "api-1", d
assert d["seen_source"] == "10.0.1.254", d
assert [x["response"]["status"] for x in d["exchanges"]] == [301, 200], d
assert d["exchanges"][0]["response"]["headers"][-1] == ["Location", "https://api.example.net:443/"]
assert d["exit_code"] == 0 and d["reason"] is None
PY
"$vpcsim" curl $t client https://config.example.net/ --json --explain >"$tmp/j2"
python3 - "$tmp/j2" <<'PY' || fail "--json --explain"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["status"] == 504 and d["reason"]["code"] == "security-group", d["reason"]
assert d["reason"]["device"] == "config-1"
runs = [j["run"] for j in d["journeys"]]
assert runs[0].startswith("DNS lookup of config.example.net") and runs[1].startswith("Request 1"), runs
PY

# --explain: the client's connection and the load balancer's own, in one journey.
"$vpcsim" curl $t client https://api.example.net/ --explain >"$tmp/e" 2>&1
grep -q 'ALB web-alb: SYN to listener HTTPS:443: answer SYN-ACK' "$tmp/e" || fail "explain: front"
grep -q 'rule 10 (host api.example.net) matches: forward to target group tg-api' "$tmp/e" ||
  fail "explain: rule"
grep -q 'round-robin picks target 1 of 2 in tg-api: api-1' "$tmp/e" || fail "explain: round-robin"
grep -q 'web-alb/public-a created: 10.0.1.254:32768 > 10.0.10.11:8080: TCP \[S\]' "$tmp/e" ||
  fail "explain: back connection"
grep -q 'HTTP server on api-1' "$tmp/e" || fail "explain: target's server"

# Determinism: byte-identical runs.
"$vpcsim" curl $t client https://api.example.net/ --explain >"$tmp/e2" 2>&1
cmp -s "$tmp/e" "$tmp/e2" || fail "two runs differ"

# --pcap: the HTTP text on the wire, as tshark reads it.
if command -v tshark >/dev/null; then
  "$vpcsim" curl $t client https://api.example.net/ --pcap "$tmp/p.pcap" --pcap-port client:eth0 \
    >/dev/null || fail "--pcap: exit $?"
  tshark -r "$tmp/p.pcap" -Y http -T fields -e http.request.method -e http.response.code \
    -e http.host 2>/dev/null >"$tmp/t"
  grep -qP '^GET\t\tapi.example.net$' "$tmp/t" || fail "pcap: no GET ($(cat "$tmp/t"))"
  grep -qP '^\t200\t$' "$tmp/t" || fail "pcap: no 200 ($(cat "$tmp/t"))"
fi

finish
