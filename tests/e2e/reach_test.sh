#!/usr/bin/env bash
# End-to-end tests of `vpcsim reach` and `vpcsim diff` through the built binary:
#   - reach (text, --json) on the four VPC scenarios and a LAN scenario, and reach
#     --summary on one, compared with tests/e2e/golden/reach/NAME.{txt,json,summary.txt};
#   - the same JSON whatever the threads (1, 4) and with grouping off;
#   - diff of tests/data/diff/base.xml against each one-change plan (a security-group
#     rule, a route, a NACL rule; a grown plan), as a matrix and with the scenario,
#     compared with tests/e2e/golden/diff/NAME{,.scenario}.{txt,json}, exit 1; no change exits 0;
#   - bad input: missing file, unknown --from name, bad --port, bad --threads, conflicting
#     options, a scenario naming a node one plan lacks: exit 2 and a clear message.
# A mismatch prints `diff -u` (golden first). Regenerate with --update, then review.
#
# Usage: reach_test.sh [--update] VPCSIM REPO_ROOT
set -uo pipefail

update=0
if [[ ${1-} == --update ]]; then
  update=1
  shift
fi
# shellcheck source=tests/e2e/lib.sh
source "${BASH_SOURCE%/*}/lib.sh" "$@"
mkdir -p tests/e2e/golden/reach tests/e2e/golden/diff

# golden NAME FILE: compare FILE with tests/e2e/golden/NAME (or write it with --update).
golden() {
  local want=tests/e2e/golden/$1
  if ((update)); then
    cp -- "$2" "$want"
  elif ! diff -u -- "$want" "$2"; then
    fail "$2 differs from $want"
  fi
}

# run EXPECTED_RC OUT -- ARGS...: runs vpcsim, stdout to OUT, stderr to OUT.err.
run() {
  local want=$1 out=$2
  shift 3
  "$vpcsim" "$@" >"$out" 2>"$out.err"
  local rc=$?
  [[ $rc == "$want" ]] || fail "vpcsim $* exited $rc, expected $want: $(head -3 "$out.err")"
}

for name in small-service public-private-nat four-public-subnets peering lan-three-routers; do
  topo=scenarios/$name/topology.xml
  run 0 "$tmp/$name.txt" -- reach "$topo"
  [[ ! -s $tmp/$name.txt.err ]] || fail "reach $name wrote to stderr: $(cat "$tmp/$name.txt.err")"
  golden "reach/$name.txt" "$tmp/$name.txt"
  run 0 "$tmp/$name.json" -- reach "$topo" --json
  golden "reach/$name.json" "$tmp/$name.json"
  python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$tmp/$name.json" || fail "$name: JSON does not parse"
  for variant in "--threads 1" "--threads 4" "--no-group --threads 2"; do
    # shellcheck disable=SC2086
    run 0 "$tmp/$name.v.json" -- reach "$topo" --json $variant
    cmp -s "$tmp/$name.json" "$tmp/$name.v.json" || fail "reach $name --json $variant differs"
  done
done
run 0 "$tmp/summary.txt" -- reach scenarios/public-private-nat/topology.xml --summary
golden reach/public-private-nat.summary.txt "$tmp/summary.txt"
run 0 "$tmp/explain.txt" -- reach scenarios/small-service/topology.xml --from client --to 'b*,app' --explain
golden reach/small-service.explain.txt "$tmp/explain.txt"

# The JSON contract: keys, sorted rows, null port for icmp.
python3 - "$tmp/small-service.json" <<'PY' || fail "reach JSON contract"
import json, sys
j = json.load(open(sys.argv[1]))
assert list(j) == ["endpoints", "results", "totals"], list(j)
for e in j["endpoints"]:
    assert {"name", "ip", "public_ip"} <= set(e), e
rows = j["results"]
for r in rows:
    assert list(r)[:8] == ["from", "from_ip", "to", "to_ip", "protocol", "port", "result", "reason"], r
    assert (r["port"] is None) == (r["protocol"] == "icmp"), r
    assert r["result"] in ({"reachable", "unreachable"} if r["protocol"] == "icmp" else
                           {"open", "refused", "timeout", "unreachable"}), r
key = lambda r: (r["from"], r["to"], r["protocol"] != "icmp", r["port"] or 0)
assert rows == sorted(rows, key=key), "rows are not sorted"
assert {"from": "client", "from_ip": "198.51.100.10", "to": "app", "to_ip": "10.0.2.10",
        "protocol": "tcp", "port": 22, "result": "timeout", "reason": "no-public-ip"} in rows
assert j["totals"]["probes"] == len(rows)
PY

# diff: one change at a time, as a whole matrix and through the scenario.
data=tests/data/diff
for change in sg-rule route nacl-rule scaled; do
  run 1 "$tmp/$change.txt" -- diff $data/base.xml $data/$change.xml
  golden "diff/$change.txt" "$tmp/$change.txt"
  run 1 "$tmp/$change.json" -- diff $data/base.xml $data/$change.xml --json
  golden "diff/$change.json" "$tmp/$change.json"
  want=1
  [[ $change == scaled ]] && want=0  # the scenario's probes are unaffected by growth
  run $want "$tmp/$change.scenario.txt" -- diff $data/base.xml $data/$change.xml $data/scenario.xml
  golden "diff/$change.scenario.txt" "$tmp/$change.scenario.txt"
done
run 1 "$tmp/back.txt" -- diff $data/sg-rule.xml $data/base.xml
grep -q '^became reachable (1):$' "$tmp/back.txt" || fail "reverse diff: became reachable"
grep -q '^    old: dropped at db: security group db-sg' "$tmp/back.txt" || fail "reverse diff explains the old side"
run 0 "$tmp/same.txt" -- diff $data/base.xml $data/base.xml
[[ $(cat "$tmp/same.txt") == "no change in reachability (65 probes compared)" ]] || fail "no-change line"
run 0 "$tmp/same.json" -- diff $data/base.xml $data/base.xml --json --no-group
grep -q '"changed": false' "$tmp/same.json" || fail "no-change JSON"

# Bad input: exit 2, a message naming the problem, nothing on stdout.
bad() {
  local pattern=$1
  shift
  run 2 "$tmp/bad" -- "$@"
  grep -q -- "$pattern" "$tmp/bad.err" || fail "vpcsim $*: stderr lacks '$pattern': $(cat "$tmp/bad.err")"
  [[ ! -s $tmp/bad ]] || fail "vpcsim $*: printed results on bad input"
}
vpc=scenarios/small-service/topology.xml
bad 'missing.xml:0:0: error: .*\[file-not-found\]' reach tests/data/diff/missing.xml
bad "unknown endpoint 'nobody' (known endpoints: 'app', 'bastion', 'client', 'db', 'lb', 'nat')" \
  reach $vpc --from bastion,nobody
bad "'web-\*', which matches no endpoint" reach $vpc --to 'web-*'
bad "--port: 'ssh' is not a port" reach $vpc --port 22,ssh
bad "--port: '70000' is not a port" reach $vpc --port 70000
bad '--threads must be between 1 and 1024' reach $vpc --threads 0
bad '--explain and --summary exclude each other' reach $vpc --explain --summary
bad "the option '--file' is required" reach
bad 'missing.xml:0:0: error: .*\[file-not-found\]' diff $data/base.xml $data/missing.xml
bad "the option '--new' is required" diff $data/base.xml
bad 'tests/data/bad/bad-ip.xml:' diff tests/data/bad/bad-ip.xml $data/base.xml
bad 'does not fit the new plan' diff $data/base.xml $vpc $data/scenario.xml
"$vpcsim" reach --help >"$tmp/help"
grep -q '^usage: vpcsim reach FILE' "$tmp/help" || fail "reach --help"
"$vpcsim" diff --help >"$tmp/help"
grep -q '^usage: vpcsim diff OLD NEW \[SCENARIO\]' "$tmp/help" || fail "diff --help"

if ((update)); then
  echo "reach_test.sh: golden files written to tests/e2e/golden/{reach,diff}/ (review them)"
  ((failures == 0))
  exit
fi
((failures == 0)) || echo "(regenerate golden files with tests/e2e/reach_test.sh --update VPCSIM .)"
finish
