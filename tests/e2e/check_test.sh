#!/usr/bin/env bash
# End-to-end tests of `vpcsim check` reports and expectations, on the real binary:
# - the extra expectations (reason=, <hop> lists, reply-ttl, table checks) pass and
#   fail as tests/data/scenarios/expectations.expected says, line for line;
# - --junit writes tests/data/junit/expectations.junit.xml byte for byte, which
#   validates against tests/data/junit/junit.xsd (xmllint, Debian's libxml2-utils),
#   as does the report of every bundled scenario; the schema rejects broken reports;
# - the JUnit counts agree with the testcases and with the --json report;
# - --json and --junit together, exit codes 0/1/2, nothing written on bad input, an
#   old report left as it was, unwritable paths (exit 2 before anything runs), no
#   temporary files left behind, byte-identical reports from two runs.
# Usage: check_test.sh VPCSIM REPO_ROOT
# After an intended change of output, regenerate the two expected files from the
# repository root, then review the diff (every line is a claim about the output):
#   vpcsim check tests/data/scenarios/{expectations,tables}.xml \
#     --junit tests/data/junit/expectations.junit.xml >tests/data/scenarios/expectations.expected
set -uo pipefail
# shellcheck source=tests/e2e/lib.sh
source "${BASH_SOURCE%/*}/lib.sh" "$@"
schema=tests/data/junit/junit.xsd
if ! command -v xmllint >/dev/null; then
  echo "check_test.sh: xmllint not found (Debian package libxml2-utils, in tools/setup)"
  exit 1
fi
valid() { xmllint --noout --schema "$schema" "$1" 2>"$tmp/xmllint.err"; }

# JUnit counts must match the testcases (XSD 1.0 cannot say so), and the JSON report.
consistent() {  # consistent JUNIT JSON
  python3 - "$1" "$2" <<'EOF'
import json, sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
report = json.load(open(sys.argv[2]))
assert root.tag == "testsuites", root.tag
suites = root.findall("testsuite")
assert [s.get("name") for s in suites] == [s["name"] for s in report["scenarios"]]
total = failed = 0
for suite, js in zip(suites, report["scenarios"]):
    cases = suite.findall("testcase")
    bad = [c for c in cases if c.find("failure") is not None]
    assert int(suite.get("tests")) == len(cases) == len(js["probes"]), suite.get("name")
    assert int(suite.get("failures")) == len(bad) == js["failed"], suite.get("name")
    assert suite.get("errors") == "0" and suite.get("skipped") == "0"
    for case, probe in zip(cases, js["probes"]):
        assert case.get("classname") == js["name"] and case.get("file") == js["file"]
        assert int(case.get("line")) == probe["line"], (case.get("line"), probe["line"])
        assert case.get("name").endswith(" (line %d)" % probe["line"]), case.get("name")
        failure = case.find("failure")
        assert (failure is None) == probe["passed"], case.get("name")
        if failure is not None:
            # One line in the message; the text repeats it and adds why and the output.
            message = failure.get("message")
            assert message == "; ".join(probe["mismatches"]) and "\n" not in message, message
            assert failure.text.startswith(message + "\n"), failure.text
            if probe["explanation"]:
                assert "why: " + probe["explanation"] + "\n" in failure.text, failure.text
        else:
            assert case.find("system-out") is not None, case.get("name")
    total += len(cases)
    failed += len(bad)
assert int(root.get("tests")) == total == report["passed"] + report["failed"]
assert int(root.get("failures")) == failed == report["failed"]
EOF
}

# --- expectations, pass and fail, with both reports --------------------------------
scenarios=(tests/data/scenarios/expectations.xml tests/data/scenarios/tables.xml)
"$vpcsim" check "${scenarios[@]}" --junit "$tmp/junit.xml" --json "$tmp/r.json" \
  >"$tmp/out" 2>"$tmp/err"
rc=$?
[[ $rc == 1 ]] || fail "failing expectations: exit $rc, expected 1"
[[ ! -s $tmp/err ]] || fail "failing expectations: stderr not empty: $(head -3 "$tmp/err")"
diff -u tests/data/scenarios/expectations.expected "$tmp/out" || fail "check output differs from expectations.expected"
diff -u tests/data/junit/expectations.junit.xml "$tmp/junit.xml" || fail "JUnit report differs from expectations.junit.xml"
valid "$tmp/junit.xml" || fail "failing report does not validate: $(cat "$tmp/xmllint.err")"
consistent "$tmp/junit.xml" "$tmp/r.json" || fail "failing report: counts or fields disagree"
grep -q '^FAIL  expectations:33  ping client -> bastion  expected reachable, got unreachable \[security-group\]$' \
  "$tmp/out" || fail "a wrong verdict's FAIL line names the actual reason"
grep -q '^      why: the first leg (app -> bastion:22) failed: dropped at bastion: ' "$tmp/out" ||
  fail "ssh stopped at the bastion: the explanation says so"

# Same input, byte-identical reports (no timestamps, durations or host names).
"$vpcsim" check "${scenarios[@]}" --junit "$tmp/junit2.xml" --json "$tmp/r2.json" >/dev/null 2>&1
cmp -s "$tmp/junit.xml" "$tmp/junit2.xml" || fail "JUnit report is not deterministic"
cmp -s "$tmp/r.json" "$tmp/r2.json" || fail "JSON report is not deterministic"
grep -q 'timestamp=\|hostname=' "$tmp/junit.xml" && fail "JUnit report holds a timestamp or host name"

# --- every bundled scenario passes, and its report validates -----------------------
"$vpcsim" check scenarios/*/scenario.xml --junit "$tmp/all.xml" --json "$tmp/all.json" >"$tmp/out" 2>&1
rc=$?
[[ $rc == 0 ]] || fail "bundled scenarios: exit $rc, expected 0"
valid "$tmp/all.xml" || fail "passing report does not validate: $(cat "$tmp/xmllint.err")"
consistent "$tmp/all.xml" "$tmp/all.json" || fail "passing report: counts or fields disagree"
[[ $(grep -c '<testsuite ' "$tmp/all.xml") == $(ls scenarios/*/scenario.xml | wc -l) ]] ||
  fail "one testsuite per scenario"
grep -q '<failure' "$tmp/all.xml" && fail "passing report holds a failure"
[[ $(stat -c %a "$tmp/all.xml") == $(printf '%o' $((0666 & ~$(umask)))) ]] ||
  fail "report file mode $(stat -c %a "$tmp/all.xml") is not 0666 minus the umask"

# --- the schema is not a rubber stamp -----------------------------------------------
sed 's/<testcase name="[^"]*" /<testcase /' "$tmp/junit.xml" >"$tmp/no-name.xml"
valid "$tmp/no-name.xml" && fail "schema accepts a testcase without a name"
sed '0,/tests="17"/s//tests="many"/' "$tmp/junit.xml" >"$tmp/bad-count.xml"
valid "$tmp/bad-count.xml" && fail "schema accepts tests=\"many\""
sed 's/<failure /<failed /; s/<\/failure>/<\/failed>/' "$tmp/junit.xml" >"$tmp/bad-element.xml"
valid "$tmp/bad-element.xml" && fail "schema accepts an unknown element"
sed 's/ line="10"/ line="0"/' "$tmp/junit.xml" >"$tmp/bad-line.xml"
valid "$tmp/bad-line.xml" && fail "schema accepts line=\"0\""

# --- bad input: exit 2, nothing run, no report written, old reports untouched --------
"$vpcsim" check tests/data/scenarios/bad.xml --junit "$tmp/none.xml" --json "$tmp/none.json" \
  >"$tmp/out" 2>"$tmp/err"
rc=$?
[[ $rc == 2 ]] || fail "bad scenario: exit $rc, expected 2"
[[ ! -s $tmp/out ]] || fail "bad scenario: results printed"
[[ ! -e $tmp/none.xml && ! -e $tmp/none.json ]] || fail "bad scenario: a report was written"
# All three mistakes of bad.xml in one run, the unknown node included.
grep -q "bad.xml:5:3: error: from names unknown node 'h9' \[unknown-node\]" "$tmp/err" ||
  fail "bad scenario: the unknown node is reported with the syntax errors"
[[ $(grep -c ': error: ' "$tmp/err") == 3 ]] || fail "bad scenario: expected exactly 3 errors"
cp "$tmp/junit.xml" "$tmp/old.xml"
"$vpcsim" check tests/data/scenarios/bad.xml --junit "$tmp/old.xml" >/dev/null 2>&1
cmp -s "$tmp/junit.xml" "$tmp/old.xml" || fail "bad scenario: an existing report was changed"
"$vpcsim" check tests/data/scenarios/missing.xml --junit "$tmp/none.xml" >/dev/null 2>"$tmp/err"
[[ $? == 2 ]] || fail "missing scenario file: exit 2"
grep -q 'tests/data/scenarios/missing.xml:0:0: error: .*\[file-not-found\]' "$tmp/err" ||
  fail "missing scenario file: file-not-found diagnostic"
[[ ! -e $tmp/none.xml ]] || fail "missing scenario file: a report was written"

# --- unwritable report paths: exit 2 with a clear message, before anything runs ------
expect_usage_error() {  # expect_usage_error 'MESSAGE' ARGS...
  local message=$1
  shift
  "$vpcsim" check scenarios/lan-switch/scenario.xml "$@" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  [[ $rc == 2 ]] || fail "check $*: exit $rc, expected 2"
  [[ ! -s $tmp/out ]] || fail "check $*: ran although a report cannot be written"
  [[ $(cat "$tmp/err") == "vpcsim check: error: $message" ]] ||
    fail "check $*: stderr '$(cat "$tmp/err")', expected 'vpcsim check: error: $message'"
}
expect_usage_error "--junit $tmp/no-dir/j.xml: directory $tmp/no-dir does not exist" \
  --junit "$tmp/no-dir/j.xml"
expect_usage_error "--json $tmp: is a directory, not a file" --json "$tmp"
touch "$tmp/plain"
expect_usage_error "--junit $tmp/plain/j.xml: $tmp/plain is not a directory" --junit "$tmp/plain/j.xml"
expect_usage_error "--json and --junit name the same file $tmp/same" --json "$tmp/same" --junit "$tmp/same"
expect_usage_error "--junit : empty file name" --junit ""
"$vpcsim" check scenarios/lan-switch/scenario.xml --junit >/dev/null 2>"$tmp/err"
[[ $? == 2 ]] && grep -q "junit" "$tmp/err" || fail "--junit without OUT: exit 2 naming the option"

# --- atomic writes: the report replaces the old one, no temporary file remains -------
mkdir "$tmp/reports"
printf 'old\n' >"$tmp/reports/junit.xml"
"$vpcsim" check scenarios/lan-switch/scenario.xml --junit "$tmp/reports/junit.xml" \
  --json "$tmp/reports/r.json" >/dev/null 2>&1
[[ $? == 0 ]] || fail "lan-switch with reports: exit 0"
[[ $(ls -A "$tmp/reports" | tr '\n' ' ') == "junit.xml r.json " ]] ||
  fail "reports directory holds $(ls -A "$tmp/reports" | tr '\n' ' ')"
valid "$tmp/reports/junit.xml" || fail "the replaced report does not validate"
# A relative OUT in the current directory (no directory part) works too.
(cd "$tmp/reports" && "$vpcsim" check "$OLDPWD/scenarios/lan-switch/scenario.xml" \
  --junit here.xml >/dev/null 2>&1) || fail "a bare file name as OUT"
[[ -f $tmp/reports/here.xml ]] || fail "a bare file name as OUT: not written"

# --- help ---------------------------------------------------------------------------
"$vpcsim" check --help >"$tmp/out"
grep -q '^usage: vpcsim check SCENARIO\.\.\. \[--junit OUT\] \[--json OUT\]' "$tmp/out" || fail "check --help usage line"
grep -q -- '--junit OUT' "$tmp/out" && grep -q 'vpcsim check .*--junit ' "$tmp/out" ||
  fail "check --help describes --junit with an example"

finish
