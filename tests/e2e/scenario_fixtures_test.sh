#!/usr/bin/env bash
# Every bad-scenario fixture through the built binary, as tests/data/bad is through
# `vpcsim lint`: `vpcsim check tests/data/bad-scenarios/NAME.xml` (from the repository
# root) must print exactly NAME.expected on stderr, nothing on stdout and exit 2 when
# the fixture holds an error; a fixture with warnings only runs (exit 0). Each fixture
# starts with a comment saying why it is invalid, and every diagnostic code of the
# scenario loader and validator has a fixture.
# Usage: scenario_fixtures_test.sh VPCSIM REPO_ROOT
# A new fixture's .expected is what `vpcsim check FIXTURE.xml 2>NAME.expected` prints
# from the repository root, read line by line before it is committed.
set -uo pipefail
# shellcheck source=tests/e2e/lib.sh
source "${BASH_SOURCE%/*}/lib.sh" "$@"
dir=tests/data/bad-scenarios
count=0

for xml in "$dir"/*.xml; do
  expected=${xml%.xml}.expected
  count=$((count + 1))
  [[ $(head -c 5 "$xml") == '<!-- ' ]] || fail "$xml: does not start with a comment saying why"
  if [[ ! -f $expected ]]; then
    fail "$xml: no $expected"
    continue
  fi
  "$vpcsim" check "$xml" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  if grep -q ': error: ' "$expected"; then
    [[ $rc == 2 ]] || fail "$xml: exit $rc, expected 2"
    [[ ! -s $tmp/out ]] || fail "$xml: printed results although the input is bad"
  else
    [[ $rc == 0 ]] || fail "$xml: exit $rc, expected 0 (warnings only)"
  fi
  if ! diff -u "$expected" "$tmp/err" >"$tmp/diff"; then
    fail "$xml: diagnostics differ from $expected:"
    head -20 "$tmp/diff"
  fi
done

for expected in "$dir"/*.expected; do
  [[ -f ${expected%.expected}.xml ]] || fail "orphan $expected"
done

# Every code the scenario loader and validator can report, each shown by a fixture
# (file-not-found, for the scenario file itself, is in check_test.sh).
codes=(attribute-not-applicable bad-expect bad-hop bad-ip bad-name bad-number bad-port
  bad-probe-type bad-value duplicate-attribute empty-scenario impossible-expectation
  missing-attribute topology-not-found unexpected-text unknown-address unknown-attribute
  unknown-element unknown-node unknown-reason wrong-node-kind xml-syntax
  unknown-link bad-duration step-after-last-probe
  bad-dns-name bad-record-type)  # dig probes (docs/dns.md)
seen=$(cat "$dir"/*.expected | grep -o ': \(error\|warning\): .* \[[a-z-]*\]$' | grep -o '\[[a-z-]*\]$' |
  tr -d '[]' | sort -u)
for code in "${codes[@]}"; do
  grep -qx -- "$code" <<<"$seen" || fail "no fixture shows the code $code"
done
# Codes of the referenced topologies (a fixture may show a bad topology) are not
# the scenario's; only the scenario file's own diagnostics must be in the list.
own=$(cat "$dir"/*.expected | grep "^$dir/" | grep -o ': \(error\|warning\): .* \[[a-z-]*\]$' |
  grep -o '\[[a-z-]*\]$' | tr -d '[]' | sort -u)
for code in $own; do
  [[ " ${codes[*]} " == *" $code "* ]] || fail "code $code is missing from this script's list"
done

finish "scenario_fixtures_test.sh ($count fixtures)"
