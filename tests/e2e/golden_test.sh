#!/usr/bin/env bash
# Golden end-to-end outputs: for every bundled scenarios/NAME/scenario.xml, run
#   vpcsim check -v scenarios/NAME/scenario.xml --json TMP.json
# from the repository root and compare stdout with tests/e2e/golden/NAME.txt and the
# JSON report with tests/e2e/golden/NAME.json. A mismatch prints `diff -u` (golden
# first) and the test exits 1, listing the files that differ.
#
# Usage: golden_test.sh [--update] [VPCSIM [REPO_ROOT]]
#   --update   rewrite the golden files from the current binary (then review the diff
#              with git before committing it: every line is a claim about the network)
#   VPCSIM     the vpcsim binary (default: REPO_ROOT/build/tools/vpcsim/vpcsim)
#   REPO_ROOT  the repository root (default: two levels above this script)
set -uo pipefail

update=0
if [[ ${1-} == --update ]]; then
  update=1
  shift
fi
script_dir=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
root=${2:-$(cd -- "$script_dir/../.." && pwd)}
vpcsim=${1:-$root/build/tools/vpcsim/vpcsim}
[[ $vpcsim == /* ]] || vpcsim=$PWD/$vpcsim
cd -- "$root" || exit 2
if [[ ! -x $vpcsim ]]; then
  printf 'golden_test.sh: error: %s is not an executable vpcsim\n' "$vpcsim" >&2
  exit 2
fi

golden=tests/e2e/golden
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$golden"

differ=() count=0
for scenario in scenarios/*/scenario.xml; do
  name=$(basename -- "$(dirname -- "$scenario")")
  count=$((count + 1))
  "$vpcsim" check -v "$scenario" --json "$tmp/$name.json" >"$tmp/$name.txt" 2>"$tmp/$name.err"
  rc=$?
  if ((rc == 2)) || [[ -s $tmp/$name.err ]]; then
    printf 'golden_test.sh: %s: vpcsim check exited %d:\n' "$scenario" "$rc"
    cat -- "$tmp/$name.err"
    differ+=("$scenario (vpcsim check exited $rc)")
    continue
  fi
  if ((update)); then
    cp -- "$tmp/$name.txt" "$golden/$name.txt"
    cp -- "$tmp/$name.json" "$golden/$name.json"
    continue
  fi
  for ext in txt json; do
    if ! diff -u -- "$golden/$name.$ext" "$tmp/$name.$ext"; then
      differ+=("$golden/$name.$ext")
    fi
  done
done

# Golden files of scenarios that no longer exist are stale.
for file in "$golden"/*.txt "$golden"/*.json; do
  [[ -e $file ]] || continue
  base=$(basename -- "$file")
  name=${base%.*}
  if [[ ! -f scenarios/$name/scenario.xml ]]; then
    if ((update)); then
      rm -f -- "$file"
    else
      differ+=("$file (no scenarios/$name/scenario.xml)")
    fi
  fi
done

if ((update)); then
  printf 'golden_test.sh: wrote %d scenario(s) to %s/\n' "$count" "$golden"
  ((${#differ[@]} == 0)) || exit 1
  exit 0
fi
if ((${#differ[@]})); then
  printf '\n%d golden file(s) differ (regenerate with tests/e2e/golden_test.sh --update, then review):\n' \
    "${#differ[@]}"
  printf '  %s\n' "${differ[@]}"
  exit 1
fi
printf '%d scenario(s): golden outputs match\n' "$count"
