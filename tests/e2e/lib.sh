# What the end-to-end shell tests share. A test sources it right after
# `set -uo pipefail`, with its arguments (VPCSIM REPO_ROOT, then any of its own):
#
#   source "${BASH_SOURCE%/*}/lib.sh" "$@"
#
# and then has
#   $vpcsim             the binary under test, as an absolute path (the test runs
#                       in REPO_ROOT, so a path relative to the caller would break);
#   $tmp                a scratch directory, removed when the test exits (a test
#                       that sets its own EXIT trap removes it there);
#   fail MESSAGE        prints a FAIL line and counts it in $failures; a test goes
#                       on after a failure, so one run reports every broken check;
#   expect_rc RC ARGS…  runs `vpcsim ARGS…` with stdout in $tmp/out and stderr in
#                       $tmp/err, and fails unless it exits RC;
#   finish [NAME]       prints the closing line (NAME: the script's name unless
#                       given) and ends the test: exit 1 after any failure, else 0.
# Exit 2 (a broken invocation) without both arguments or when REPO_ROOT cannot be
# entered.

if (($# < 2)); then
  printf 'usage: %s VPCSIM REPO_ROOT\n' "$0" >&2
  exit 2
fi
vpcsim=$1
[[ $vpcsim == /* ]] || vpcsim=$PWD/$vpcsim
cd -- "$2" || exit 2

failures=0
fail() {
  printf 'FAIL: %s\n' "$*"
  failures=$((failures + 1))
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

expect_rc() {
  local want=$1
  shift
  "$vpcsim" "$@" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  [[ $rc == "$want" ]] ||
    fail "vpcsim $*: exit $rc, expected $want ($(head -c 300 "$tmp/out" "$tmp/err"))"
}

finish() {
  local name=${1:-${0##*/}}
  if ((failures > 0)); then
    printf '%s: %d failure(s)\n' "$name" "$failures"
    exit 1
  fi
  printf '%s: all checks passed\n' "$name"
  exit 0
}
