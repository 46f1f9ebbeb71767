#!/usr/bin/env bash
# e2e.views: the services in the views (issue 9) through the real binary.
#   dump    every bundled topology dumps, twice the same; the services fixture and
#           alb-wildcard against golden files (zones, load balancers, DHCP)
#   show    --zones of the VPC's Amazon DNS server and the public resolver (split
#           horizon), --listeners of a load balancer by name and by node, --after
#           with a DNS name and a curl probe; the errors (exit 2) otherwise
#   graph   Graphviz renders the DOT with load balancers and resolvers without a
#           warning; the SVG has their nodes and the "forwards to" arrows; a curl
#           --highlight colours the listener and the target, a failed lookup the
#           resolver that said NXDOMAIN
# Usage: views_test.sh VPCSIM REPO_ROOT [--update]   (--update rewrites the goldens)
set -uo pipefail
# shellcheck source=tests/e2e/lib.sh
source "${BASH_SOURCE%/*}/lib.sh" "$@"
update=${3:-}
golden=tests/e2e/golden/views
alb=scenarios/alb-wildcard/topology.xml
split=scenarios/dns-split-horizon/topology.xml
services=tests/data/views/services.xml

# Runs "$@" and compares its stdout with $golden/NAME.txt.
compare() {
  local name=$1
  shift
  "$@" >"$tmp/$name.txt" 2>"$tmp/$name.err" || fail "$name: '$*' exits 0: $(cat "$tmp/$name.err")"
  if [[ $update == --update ]]; then
    cp "$tmp/$name.txt" "$golden/$name.txt"
  elif ! diff -u "$golden/$name.txt" "$tmp/$name.txt" >"$tmp/$name.diff"; then
    fail "$name differs from $golden/$name.txt:"$'\n'"$(head -40 "$tmp/$name.diff")"
  fi
}

# ---- dump ------------------------------------------------------------------------------
for topo in scenarios/*/topology.xml; do
  "$vpcsim" dump "$topo" >"$tmp/d1" 2>/dev/null || fail "dump $topo exits 0"
  "$vpcsim" dump "$topo" >"$tmp/d2" 2>/dev/null
  cmp -s "$tmp/d1" "$tmp/d2" || fail "dump $topo is not deterministic"
done
compare dump-services "$vpcsim" dump "$services"
compare dump-alb-wildcard "$vpcsim" dump "$alb"
"$vpcsim" dump tests/data/bad/lb-listener-rules.xml >/dev/null 2>"$tmp/err"
[[ $? == 2 ]] || fail "dump of a file with errors exits 2"
grep -q 'error: .*\[' "$tmp/err" || fail "dump of a bad file prints its diagnostics: $(cat "$tmp/err")"

# ---- show ------------------------------------------------------------------------------
compare show-zones-prod "$vpcsim" show "$split" prod:dns --zones
compare show-zones-internet "$vpcsim" show "$split" internet:dns --zones
compare show-listeners "$vpcsim" show "$alb" web-alb --listeners
"$vpcsim" show "$alb" web-alb/public-b --listeners >"$tmp/out" || fail "show LB/SUBNET --listeners exits 0"
cmp -s "$tmp/out" "$golden/show-listeners.txt" || fail "show web-alb/public-b --listeners = show web-alb --listeners"
compare show-after-names "$vpcsim" show "$alb" client --arp \
  --after "curl client https://api.example.net/" --after "ping client www.nope.org"
"$vpcsim" show "$alb" api-1 --zones >/dev/null 2>"$tmp/err"
[[ $? == 2 ]] || fail "show --zones on an instance that serves no DNS exits 2"
grep -qF "api-1 has no table for --zones; that table is on DNS servers" "$tmp/err" || fail "show --zones error: $(cat "$tmp/err")"
"$vpcsim" show "$alb" client --listeners >/dev/null 2>&1
[[ $? == 2 ]] || fail "show --listeners on a host exits 2"
"$vpcsim" show "$alb" web-alb --arp >/dev/null 2>"$tmp/err"
[[ $? == 2 ]] || fail "show --arp on a load balancer's name (no device) exits 2"
grep -qF "web-alb is a load balancer: its tables are on its nodes, web-alb/public-a, web-alb/public-b" "$tmp/err" ||
  fail "show --arp on a load balancer's name names its nodes: $(cat "$tmp/err")"
"$vpcsim" show "$alb" client --arp --after "curl client ftp://x/" >/dev/null 2>"$tmp/err"
[[ $? == 2 ]] || fail "--after with a bad URL exits 2"
grep -qF 'Protocol "ftp" not supported' "$tmp/err" || fail "--after bad URL: $(cat "$tmp/err")"
"$vpcsim" show "$alb" client --arp --after "ping client api.example.net -L" >/dev/null 2>&1
[[ $? == 2 ]] || fail "--after with a curl option on ping exits 2"

# ---- graph -----------------------------------------------------------------------------
for topo in "$alb" "$split" "$services" scenarios/ssh-srv-gateway/topology.xml; do
  "$vpcsim" graph "$topo" >"$tmp/g.dot" 2>/dev/null || fail "graph $topo exits 0"
  dot -Tsvg "$tmp/g.dot" -o "$tmp/g.svg" 2>"$tmp/dot.err" || fail "dot renders $topo"
  [[ ! -s $tmp/dot.err ]] || fail "dot warns on $topo: $(cat "$tmp/dot.err")"
done
"$vpcsim" graph "$alb" -o "$tmp/alb.svg" || fail "graph alb-wildcard -o OUT.svg exits 0"
sed -i 's/&#45;/-/g' "$tmp/alb.svg"  # dot writes '-' in ids as a character reference
for id in node-web-alb:public-a node-web-alb:public-b node-prod::dns node-:internet-dns; do
  grep -q "id=\"$id\"" "$tmp/alb.svg" || fail "alb-wildcard SVG has $id"
done
[[ $(grep -c 'xlink:title="forwards to"' "$tmp/alb.svg") == 8 ]] ||
  fail "alb-wildcard SVG: two nodes forward to four targets: $(grep -c 'xlink:title="forwards to"' "$tmp/alb.svg")"
"$vpcsim" graph "$alb" -o "$tmp/curl.dot" --highlight "curl client https://api.example.net/" ||
  fail "graph --highlight curl exits 0"
grep -qF 'label="alb-wildcard\ncurl client -> https://api.example.net/: HTTP 200 from api-1"' "$tmp/curl.dot" ||
  fail "highlight caption: $(grep -m1 label= "$tmp/curl.dot")"
grep -q 'id="node-api-1".*penwidth=3' "$tmp/curl.dot" || fail "the target that answered is on the path"
dot -Tsvg "$tmp/curl.dot" -o /dev/null 2>"$tmp/dot.err" && [[ ! -s $tmp/dot.err ]] || fail "highlighted DOT renders cleanly"
"$vpcsim" graph "$split" -o "$tmp/nx.dot" --highlight "ping client nope.example.net" || fail "graph --highlight with a name that does not resolve exits 0"
grep -q 'id="node-:internet-dns".*xlabel="dropped: no record named nope.example.net' "$tmp/nx.dot" ||
  fail "the resolver that said NXDOMAIN is red: $(grep 'internet-dns' "$tmp/nx.dot")"

if [[ $update == --update ]]; then echo "goldens written to $golden"; fi
finish
