#!/usr/bin/env bash
# vpcsim emulate without root: --dry-run prints the plan (golden files in
# tests/emulate/golden: NAME.create and NAME.destroy), the same twice over;
# usage errors exit 2 with a message; --help has examples.
#
# Usage: emulate_dry_run_test.sh [--update] VPCSIM REPO_ROOT
set -uo pipefail

update=0
if [[ ${1-} == --update ]]; then
  update=1
  shift
fi
vpcsim=${1:?usage: emulate_dry_run_test.sh [--update] VPCSIM REPO_ROOT}
root=${2:?usage: emulate_dry_run_test.sh [--update] VPCSIM REPO_ROOT}
[[ $vpcsim == /* ]] || vpcsim=$PWD/$vpcsim
cd -- "$root" || exit 2
golden=tests/emulate/golden
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() {
  printf 'FAIL: %s\n' "$1"
  failures=$((failures + 1))
}

for name in lan-three-routers lan-link-failure small-service; do
  file=scenarios/$name/topology.xml
  "$vpcsim" emulate "$file" --dry-run >"$tmp/$name.create" 2>"$tmp/err" || fail "$name: --dry-run exited $?"
  "$vpcsim" emulate "$file" --dry-run --destroy >"$tmp/$name.destroy" 2>>"$tmp/err" ||
    fail "$name: --dry-run --destroy exited $?"
  [[ ! -s $tmp/err ]] || fail "$name: --dry-run wrote on stderr: $(cat "$tmp/err")"
  "$vpcsim" emulate "$file" --dry-run | cmp -s - "$tmp/$name.create" || fail "$name: two runs differ"
  for kind in create destroy; do
    if ((update)); then
      cp -- "$tmp/$name.$kind" "$golden/$name.$kind"
    elif ! diff -u -- "$golden/$name.$kind" "$tmp/$name.$kind"; then
      fail "$golden/$name.$kind differs (regenerate: $0 --update VPCSIM ROOT, then review)"
    fi
  done
done

# Every command line of every bundled topology's plan acts inside one of its
# namespaces: nothing may run in the root namespace.
for file in scenarios/*/topology.xml; do
  name=$(basename -- "$(dirname -- "$file")")
  while IFS= read -r line; do
    [[ $line == "# note: "* ]] && continue  # a deliberate departure, said before the commands
    [[ $line =~ ^ip\ (-n|netns\ (add|exec|del|pids))\ vs-$name- ]] || fail "$name: not confined: $line"
  done < <("$vpcsim" emulate "$file" --dry-run; "$vpcsim" emulate "$file" --dry-run --destroy)
done

expect_usage_error() {  # DESCRIPTION EXPECTED_TEXT ARGS...
  local what=$1 text=$2
  shift 2
  "$vpcsim" emulate "$@" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  ((rc == 2)) || fail "$what: exit $rc, expected 2"
  grep -qF -- "$text" "$tmp/err" || fail "$what: stderr lacks '$text': $(cat "$tmp/err")"
  [[ ! -s $tmp/out ]] || fail "$what: wrote on stdout"
}
f=scenarios/small-service/topology.xml
expect_usage_error "unknown node" "unknown node 'nobody'" "$f" --dry-run --exec nobody -- true
expect_usage_error "exec without command" "needs a command after --" "$f" --exec app --
expect_usage_error "exec without --" "put the command after --" "$f" --exec app ping -c 1 10.0.0.1
expect_usage_error "command without exec" "a command needs --exec NODE" "$f" -- ping 10.0.0.1
expect_usage_error "destroy and exec" "exclude each other" "$f" --destroy --exec app -- true
expect_usage_error "missing file" "error" tests/data/does-not-exist.xml --dry-run
"$vpcsim" emulate "$f" --dry-run --exec prod:router -- tcpdump -ni br-app >"$tmp/out"
[[ $(cat "$tmp/out") == "ip netns exec vs-small-service-prod:router tcpdump -ni br-app  # in prod:router" ]] ||
  fail "--dry-run --exec: $(cat "$tmp/out")"
"$vpcsim" emulate "$f" --dry-run --prefix vsx >"$tmp/out"
[[ $(head -1 "$tmp/out") == "ip netns add vsx-small-service-internet:core  # namespace of the internet core" ]] ||
  fail "--prefix vsx is not used: $(head -1 "$tmp/out")"
"$vpcsim" emulate --help >"$tmp/out" || fail "--help exited $?"
grep -q '^examples:' "$tmp/out" && grep -q -- '--exec app -- ping' "$tmp/out" || fail "--help has no examples"

if ((failures)); then
  printf '%d failure(s)\n' "$failures"
  exit 1
fi
echo "emulate --dry-run: goldens match, every command confined, usage errors reported"
