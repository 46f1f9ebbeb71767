#!/usr/bin/env bash
# vpcsim dig / nslookup and DNS names as probe targets end to end (docs/dns.md),
# on scenarios/dns-split-horizon, scenarios/ssh-srv-gateway and scenarios/dns-peering
# (names across a peering, dns-resolution on or off): exit codes, the
# tools' failure lines, dig's text as `jc --dig` parses it (when jc is
# installed), the JSON document, the same output twice (determinism), and the
# DNS messages in --pcap as tshark decodes them (when tshark is installed). The
# text outputs themselves are compared in e2e.dns_docs (the examples of docs/dns.md).
# Usage: dns_test.sh VPCSIM REPO_ROOT
set -uo pipefail
# shellcheck source=tests/e2e/lib.sh
source "${BASH_SOURCE%/*}/lib.sh" "$@"
t=scenarios/dns-split-horizon/topology.xml
g=scenarios/ssh-srv-gateway/topology.xml

# Exit codes and answers.
expect_rc 0 dig $t client www.example.net +short
[[ $(cat "$tmp/out") == 203.0.113.10 ]] || fail "outside: $(cat "$tmp/out")"
expect_rc 0 dig $t app www.example.net +short
[[ $(cat "$tmp/out") == 10.0.1.10 ]] || fail "inside: $(cat "$tmp/out")"
expect_rc 1 dig $t client nosuch.example.net
grep -q 'status: NXDOMAIN' "$tmp/out" || fail "nxdomain: no status line"
grep -q '\[nxdomain\]$' "$tmp/err" || fail "nxdomain: why line"
expect_rc 1 dig $t app www.example.net SRV
grep -q '\[nodata\]$' "$tmp/err" || fail "nodata: why line"
expect_rc 1 dig $t client loop1.example.net
grep -q 'status: SERVFAIL' "$tmp/out" || fail "loop: no SERVFAIL"
expect_rc 1 dig $t app www.example.net @10.0.1.53
grep -q 'connection timed out; no servers could be reached' "$tmp/out" || fail "sg: no timeout line"
grep -q '\[security-group\]$' "$tmp/err" || fail "sg: why line"
expect_rc 2 dig $t app www.example.net MX
expect_rc 2 dig $t nobody www.example.net
expect_rc 0 dig $t app www.example.net --help
grep -q 'vpcsim dig FILE FROM NAME' "$tmp/out" || fail "dig --help: no usage"
expect_rc 0 nslookup $t app db.example.net
grep -q '^Address: 10.0.2.20$' "$tmp/out" || fail "nslookup: no address"

# Names as probe targets, and failed lookups as the tools report them.
expect_rc 0 telnet $t client www.example.net 80
grep -q '^Trying 203.0.113.10\.\.\.$' "$tmp/out" || fail "telnet by name: wrong address"
expect_rc 2 ping $t client nosuch.example.net
[[ $(head -1 "$tmp/err") == 'ping: nosuch.example.net: Name or service not known' ]] ||
  fail "ping: $(head -1 "$tmp/err")"
expect_rc 2 telnet $t client nosuch.example.net 80
[[ $(head -1 "$tmp/err") == 'telnet: could not resolve nosuch.example.net/80: Name or service not known' ]] ||
  fail "telnet: $(head -1 "$tmp/err")"
expect_rc 2 ssh $g laptop carol.ssh.example.org
[[ $(head -1 "$tmp/err") == 'ssh: Could not resolve hostname carol.ssh.example.org: Name or service not known' ]] ||
  fail "ssh: $(head -1 "$tmp/err")"
expect_rc 0 telnet $t app web 80   # a node's name is never looked up
grep -q '^Trying 10.0.1.10\.\.\.$' "$tmp/out" || fail "telnet to a node: wrong address"
expect_rc 0 traceroute $t app www.example.net -T -p 80 --explain
grep -q '^Name lookup: www.example.net -> 10.0.1.10, asked of the Amazon DNS server of VPC prod (10.0.0.2)$' \
  "$tmp/out" || fail "traceroute --explain: no lookup line"
expect_rc 0 telnet $t app www.example.net 80 --json
python3 - "$tmp/out" <<'PY' || fail "telnet --json: lookup object"
import json, sys
d = json.load(open(sys.argv[1]))
l = d["lookup"]
assert l["name"] == "www.example.net" and l["server"] == "10.0.0.2", l
assert l["addresses"] == ["10.0.1.10"] and l["status"] == "NOERROR", l
PY

# dig --json.
expect_rc 0 dig $t client shop.example.net --json --explain
python3 - "$tmp/out" <<'PY' || fail "dig --json"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["status"] == "NOERROR" and d["server"] == "8.8.8.8", d
assert [a["type"] for a in d["answers"]] == ["CNAME", "A"], d["answers"]
assert d["answers"][1]["data"] == "203.0.113.10" and d["reason"] is None
assert d["journey"]["hops"], "no journey"
PY

# Determinism: the same output twice.
"$vpcsim" dig $t app anything.internal.example.net --explain >"$tmp/a" 2>&1
"$vpcsim" dig $t app anything.internal.example.net --explain >"$tmp/b" 2>&1
cmp -s "$tmp/a" "$tmp/b" || fail "dig --explain differs between two runs"

# jc parses dig's text as dig's.
if command -v jc >/dev/null; then
  "$vpcsim" dig $t client shop.example.net | jc --dig >"$tmp/jc.json" || fail "jc --dig failed"
  python3 - "$tmp/jc.json" <<'PY' || fail "jc --dig: unexpected parse"
import json, sys
d = json.load(open(sys.argv[1]))[0]
assert d["status"] == "NOERROR" and d["question"]["name"] == "shop.example.net.", d
assert [(a["type"], a["data"]) for a in d["answer"]] == [
    ("CNAME", "www.example.net."), ("A", "203.0.113.10")], d["answer"]
assert d["server"].startswith("8.8.8.8#53"), d
PY
  "$vpcsim" dig $g laptop _ssh._tcp.alice.ssh.example.org SRV | jc --dig >"$tmp/jc2.json" ||
    fail "jc --dig SRV failed"
  grep -q '"data":"10 5 2201 gw.ssh.example.org."' "$tmp/jc2.json" || fail "jc --dig SRV: $(cat "$tmp/jc2.json")"
else
  echo "jc not installed: dig output not checked with jc --dig"
fi

# Across a peering (scenarios/dns-peering): private only with dns-resolution="true", and
# flipping the attribute flips the answer.
pe=scenarios/dns-peering/topology.xml
ec2="ec2-203-0-113-20.compute-1.amazonaws.com"
expect_rc 0 dig $pe dev $ec2 +short
[[ $(cat "$tmp/out") == 10.0.1.10 ]] || fail "peered, DNS resolution on: $(cat "$tmp/out")"
expect_rc 0 dig $pe ops $ec2 +short
[[ $(cat "$tmp/out") == 203.0.113.20 ]] || fail "peered, DNS resolution off: $(cat "$tmp/out")"
expect_rc 0 dig $pe ops api.example.org --explain
grep -qF "alias api across peering pcx-vendor, without DNS resolution from the peer VPC: public address" \
  "$tmp/out" || fail "peered alias: the journey does not say why"
sed 's|a="shared" b="vendor"/>|a="shared" b="vendor" dns-resolution="true"/>|' $pe >"$tmp/peer-on.xml"
expect_rc 0 dig "$tmp/peer-on.xml" ops api.example.org +short
[[ $(cat "$tmp/out") == 10.0.1.10 ]] || fail "dns-resolution=true on pcx-vendor: $(cat "$tmp/out")"
expect_rc 0 telnet "$tmp/peer-on.xml" ops api.example.org 443
sed 's|dns-resolution="true"|dns-resolution="yes"|' $pe >"$tmp/peer-bad.xml"
expect_rc 1 lint "$tmp/peer-bad.xml"
grep -qF "dns-resolution 'yes' is not a boolean (valid: true, false) [bad-bool]" "$tmp/out" "$tmp/err" ||
  fail "lint of a bad dns-resolution: $(cat "$tmp/out" "$tmp/err")"

# The capture holds real DNS messages.
if command -v tshark >/dev/null; then
  expect_rc 0 dig $t client shop.example.net --pcap "$tmp/dns.pcap"
  tshark -r "$tmp/dns.pcap" -Y dns -T fields -e dns.flags.response -e dns.qry.name -e dns.cname \
    -e dns.a 2>/dev/null | sort -u >"$tmp/fields"
  printf '0\tshop.example.net\t\t\n1\tshop.example.net\twww.example.net\t203.0.113.10\n' >"$tmp/want"
  diff "$tmp/want" "$tmp/fields" >/dev/null || fail "tshark fields: $(cat "$tmp/fields")"
  tshark -r "$tmp/dns.pcap" -V >"$tmp/dns.txt" 2>/dev/null
  grep -qi malformed "$tmp/dns.txt" && fail "tshark: malformed packet"
else
  echo "tshark not installed: capture not decoded"
fi

finish
