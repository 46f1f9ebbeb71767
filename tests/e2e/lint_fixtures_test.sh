#!/usr/bin/env bash
# Every bad-input fixture through the built binary: `vpcsim lint` must print
# exactly the diagnostics in NAME.expected (then its summary line) and exit 1
# (2 when the file cannot be parsed at all), or 0 when it holds only warnings.
# Usage: lint_fixtures_test.sh VPCSIM REPO_ROOT
set -uo pipefail
vpcsim=$1
cd "$2" || exit 2
failures=0 count=0
for xml in tests/data/bad/*.xml; do
  expected=${xml%.xml}.expected
  actual=$("$vpcsim" lint "$xml" 2>&1)
  rc=$?
  count=$((count + 1))
  if grep -q ': error: ' "$expected"; then
    ok_rc=$([[ $rc == 1 || $rc == 2 ]] && echo yes)
  else
    ok_rc=$([[ $rc == 0 ]] && echo yes)  # warnings alone pass
  fi
  if [[ $ok_rc != yes ]]; then
    echo "FAIL: $xml: exit $rc"; failures=$((failures + 1)); continue
  fi
  if ! diff <(printf '%s\n' "$actual" | sed '$d') "$expected" >/dev/null; then
    echo "FAIL: $xml: diagnostics differ from $expected:"
    diff <(printf '%s\n' "$actual" | sed '$d') "$expected" | head -10
    failures=$((failures + 1))
  fi
done
echo "$count fixtures, $failures failed"
((failures == 0))
