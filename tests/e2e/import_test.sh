#!/usr/bin/env bash
# End-to-end checks of `vpcsim import` and `vpcsim reach --import` on the fixtures
# of tests/data/import (see tests/data/import/README.md):
# 1. Round trip: each VPC scenario, from AWS describe output and from its real
#    Terraform plan (options in NAME/import.args), imports without a warning,
#    lints clean, gives the same `reach --json` matrix (byte for byte) as the
#    hand-written scenarios/NAME/topology.xml, also through `reach --import`, and
#    passes the scenario's own probes (scenario.xml pointed at the import).
# 2. Edge cases: the warnings and the XML are exactly the golden files
#    edge-cases/{aws,terraform}.expected.{txt,xml}; a network lint rejects is
#    written with exit 1 (lint-errors.expected).
# 3. Bad input: exit 2, nothing on stdout, stderr exactly bad/NAME.expected.
# 4. Same input, same bytes; usage errors exit 2.
# Usage: import_test.sh VPCSIM REPO_ROOT [--update]   (--update rewrites the golden files)
set -uo pipefail
# shellcheck source=tests/e2e/lib.sh
source "${BASH_SOURCE%/*}/lib.sh" "$@"
update=${3-}
data=tests/data/import

# Compares file $1 with golden $2, or rewrites $2 with --update.
golden() {
  if [[ $update == --update ]]; then cp "$1" "$2"; return; fi
  cmp -s "$2" "$1" || { fail "$1 differs from $2:"; diff -u "$2" "$1" | head -20; }
}

# ---- 1. round trips ---------------------------------------------------------------
for name in small-service public-private-nat four-public-subnets peering; do
  mapfile -t args <"$data/$name/import.args"
  "$vpcsim" reach "scenarios/$name/topology.xml" --json >"$tmp/$name.reach.json" ||
    fail "$name: reach of the hand-written topology"
  for source in aws terraform; do
    input=$data/$name/aws
    [[ $source == terraform ]] && input=$data/$name/plan.json
    what="$name ($source)"
    xml=$tmp/$name-$source.xml
    "$vpcsim" import "$source" "$input" "${args[@]}" -o "$xml" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    [[ $rc == 0 ]] || { fail "$what: import exits $rc"; cat "$tmp/err"; continue; }
    [[ ! -s $tmp/err ]] || { fail "$what: import warned"; cat "$tmp/err"; }
    grep -q "^wrote $xml: " "$tmp/out" || fail "$what: summary line"
    [[ $("$vpcsim" lint "$xml") == "0 errors, 0 warnings" ]] || fail "$what: lint"
    "$vpcsim" reach "$xml" --json >"$tmp/reach.json" || fail "$what: reach of the import"
    cmp -s "$tmp/$name.reach.json" "$tmp/reach.json" ||
      { fail "$what: reach matrix differs from the hand-written topology's"; diff "$tmp/$name.reach.json" "$tmp/reach.json" | head -10; }
    "$vpcsim" reach --import "$source" "$input" "${args[@]}" --json >"$tmp/reach2.json" 2>"$tmp/err" ||
      fail "$what: reach --import"
    cmp -s "$tmp/$name.reach.json" "$tmp/reach2.json" || fail "$what: reach --import matrix differs"
    [[ ! -s $tmp/err ]] || fail "$what: reach --import printed warnings"
    # The scenario's own probes, on the imported topology.
    sed "s#topology=\"topology.xml\"#topology=\"$xml\"#" "scenarios/$name/scenario.xml" >"$tmp/scenario.xml"
    "$vpcsim" check "$tmp/scenario.xml" >"$tmp/check" 2>&1 ||
      { fail "$what: scenario probes on the import"; grep -A3 '^FAIL' "$tmp/check" | head -12; }
  done
done

# ---- 2. edge cases ----------------------------------------------------------------
for source in aws terraform; do
  input=$data/edge-cases/aws
  [[ $source == terraform ]] && input=$data/edge-cases/plan.json
  "$vpcsim" import "$source" "$input" >"$tmp/edge.xml" 2>"$tmp/edge.txt"
  rc=$?
  [[ $rc == 0 ]] || fail "edge-cases ($source): exit $rc (warnings alone must not fail)"
  golden "$tmp/edge.txt" "$data/edge-cases/$source.expected.txt"
  golden "$tmp/edge.xml" "$data/edge-cases/$source.expected.xml"
  "$vpcsim" import "$source" "$input" -o "$tmp/edge2.xml" >/dev/null 2>&1
  cmp -s "$tmp/edge.xml" "$tmp/edge2.xml" || fail "edge-cases ($source): -o writes what stdout shows"
  "$vpcsim" import "$source" "$input" 2>/dev/null | cmp -s - "$tmp/edge.xml" ||
    fail "edge-cases ($source): a second import differs"
done

# A network AWS would refuse (NAT gateway without internet gateway): written anyway,
# exit 1 with lint's errors, as `vpcsim lint` would give on it.
"$vpcsim" import aws "$data/lint-errors" -o "$tmp/lint.xml" >"$tmp/out" 2>"$tmp/err"
rc=$?
[[ $rc == 1 ]] || fail "lint-errors: exit $rc, expected 1"
[[ -s $tmp/lint.xml ]] || fail "lint-errors: the XML must still be written"
sed "s#$tmp/lint.xml#OUT.xml#" "$tmp/err" >"$tmp/lint.txt"
golden "$tmp/lint.txt" "$data/lint-errors.expected"
"$vpcsim" lint "$tmp/lint.xml" >"$tmp/out"; [[ $? == 1 ]] || fail "lint-errors: lint of the output exits 1"
grep -q '\[nat-without-igw\]' "$tmp/out" || fail "lint-errors: lint names nat-without-igw"

# ---- 3. bad input -----------------------------------------------------------------
bad() {  # bad NAME SOURCE INPUT
  "$vpcsim" import "$2" "$3" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  [[ $rc == 2 ]] || fail "bad/$1: exit $rc, expected 2"
  [[ ! -s $tmp/out ]] || fail "bad/$1: wrote to stdout"
  golden "$tmp/err" "$data/bad/$1.expected"
}
bad syntax aws "$data/bad/syntax"
bad bad-values aws "$data/bad/bad-values"
bad no-vpcs aws "$data/bad/no-vpcs"
bad truncated-plan terraform "$data/bad/truncated-plan.json"
# A number too large for a double: a syntax error, not a crash (found by fuzz_import_aws).
bad number-overflow terraform "$data/bad/number-overflow.json"
bad state-not-plan terraform "$data/bad/state-not-plan.json"
bad missing-file terraform "$data/bad/no-such-plan.json"

# ---- 4. usage -----------------------------------------------------------------------
usage() {  # usage MESSAGE ARGS...
  local message=$1
  shift
  "$vpcsim" "$@" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  [[ $rc == 2 ]] || fail "$*: exit $rc, expected 2"
  grep -qF -- "$message" "$tmp/err" || { fail "$*: message"; cat "$tmp/err"; }
}
usage "'gcp' is not something vpcsim imports (valid: aws, terraform)" import gcp x.json
usage "import terraform reads one plan file" import terraform a.json b.json
usage "--internet-host: 'client' is not NAME=IP[:PORTS]" import aws "$data/peering/aws" --internet-host client
usage "--listen: 'ssh' has 'ssh', which is not a port" import aws "$data/peering/aws" --listen ssh
usage "--public-pool: 10.0.0.0/24 is private" import aws "$data/peering/aws" --public-pool 10.0.0.0/24
usage "--listen applies only with --import" reach scenarios/peering/topology.xml --listen 22
usage "--import: 'gcp' is not something vpcsim imports" reach --import gcp x
"$vpcsim" import --help >"$tmp/out" || fail "import --help exits 0"
grep -q 'vpcsim import terraform PLAN.json' "$tmp/out" && grep -q '^examples:' "$tmp/out" || fail "import --help text"

finish
