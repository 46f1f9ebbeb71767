#!/usr/bin/env bash
# e2e.crosscheck: `vpcsim crosscheck` through the built binary.
#   - everywhere: --help with examples, bad usage and bad input (exit 2);
#   - as root with network namespaces (else exit 77, ctest's SKIP, with the reason):
#     crosscheck of every bundled LAN and VPC scenario (scenarios/*/scenario.xml),
#     one at a time with --json: exit 0, no disagreement, no emulation error, no probe
#     skipped for want of a namespace, something compared in each (by-design
#     differences are listed); the text report's closing line;
#     --keep leaves the namespaces, a rerun removes them first; nothing with the
#     test's prefix (vsxt-PID, unique per run) is left afterwards.
# Usage: crosscheck_test.sh VPCSIM REPO_ROOT [SCENARIO...]
set -uo pipefail

# shellcheck source=tests/e2e/lib.sh
source "${BASH_SOURCE%/*}/lib.sh" "$@"
shift 2
# Unique per run: several build directories may run this test at the same time.
prefix=vsxt-$$
leftovers() { ip netns list 2>/dev/null | awk '{print $1}' | grep "^$prefix-" || true; }
cleanup() {
  # Only what this test created: namespaces named with its own prefix.
  for ns in $(leftovers); do
    for pid in $(ip netns pids "$ns" 2>/dev/null); do kill "$pid" 2>/dev/null; done
    ip netns del "$ns" 2>/dev/null
  done
  rm -rf "$tmp"
}
trap cleanup EXIT

# --- everywhere --------------------------------------------------------------
expect_rc 0 crosscheck --help
grep -q '^usage: vpcsim crosscheck SCENARIO' "$tmp/out" || fail "--help has no usage line"
grep -q 'sudo vpcsim crosscheck scenarios/' "$tmp/out" || fail "--help has no examples"
grep -q 'exit codes: 0 all agree' "$tmp/out" || fail "--help does not list the exit codes"
expect_rc 2 crosscheck
expect_rc 2 crosscheck scenarios/lan-ports/scenario.xml --prefix 'Bad!'
grep -q "prefix 'Bad!' must be" "$tmp/err" || fail "bad prefix message: $(cat "$tmp/err")"
expect_rc 2 crosscheck no/such/scenario.xml
expect_rc 2 crosscheck scenarios/lan-ports/scenario.xml --nope

# --- root and namespaces -----------------------------------------------------
if [[ $(id -u) != 0 ]]; then
  echo "SKIP: e2e.crosscheck needs root to create network namespaces (running as uid $(id -u))"
  ((failures == 0)) || exit 1
  exit 77
fi
probe=$prefix-probe
if ! ip netns add "$probe" 2>"$tmp/err"; then
  echo "SKIP: e2e.crosscheck: cannot create network namespaces here: $(cat "$tmp/err")"
  ((failures == 0)) || exit 1
  exit 77
fi
ip netns del "$probe"

if (($# > 0)); then
  scenarios=("$@")
else
  mapfile -t scenarios < <(ls scenarios/*/scenario.xml | sort)
fi
for scenario in "${scenarios[@]}"; do
  name=$(basename "$(dirname "$scenario")")
  start=$SECONDS
  "$vpcsim" crosscheck "$scenario" --json --prefix "$prefix" >"$tmp/$name.json" 2>"$tmp/$name.err"
  rc=$?
  printf '%s: exit %s in %ss\n' "$name" "$rc" $((SECONDS - start))
  [[ $rc == 0 ]] || fail "crosscheck $scenario exited $rc: $(tail -3 "$tmp/$name.err")"
  python3 - "$tmp/$name.json" "$scenario" <<'PY' || fail "crosscheck $scenario: report check failed"
import json, sys
report = json.load(open(sys.argv[1]))
ok = True
for s in report["scenarios"]:
    if s["error"]:
        print(f"  {s['file']}: {s['error']}"); ok = False
    for p in s["probes"]:
        where = f"  {s['name']}:{p['line']} {p['label']}"
        if p["status"] == "disagree":
            print(f"{where}: DISAGREE")
            for d in p["differences"]:
                print(f"    {d['what']}: simulator {d['simulator']}, kernel {d['kernel']} {d['note']}")
            print("    kernel ran: " + "; ".join(p["kernel"]["commands"]))
            ok = False
        elif p["status"] == "by-design":
            print(f"{where}: differs by design ({p['skip_reason']})")
        elif p["status"] == "skipped" and "no namespace" in p["skip_reason"]:
            print(f"{where}: skipped ({p['skip_reason']})"); ok = False
# Nothing compared is a failure unless every item is one crosscheck cannot run
# here (dig, curl, a name only DNS resolves, a load balancer: docs/crosscheck.md).
not_here = ("no real tool", "is a DNS name", "does not build")
reasons = [p["skip_reason"] for s in report["scenarios"] for p in s["probes"]
           if p["status"] == "skipped"]
if report["agreed"] + report["by_design"] == 0 and not (
        reasons and all(any(n in r for n in not_here) for r in reasons)):
    print(f"  {sys.argv[2]}: no probe compared"); ok = False
# Fault steps are replayed (docs/crosscheck.md): every item of lan-link-failure
# is compared, and lan-switch-loop agrees again once its wait has aged the storm away.
least = {"lan-link-failure": (15, 0), "lan-switch-loop": (2, 2)}
for s in report["scenarios"]:
    if s["name"] in least:
        agree, skipped = least[s["name"]]
        if s["agreed"] < agree or s["skipped"] > skipped:
            print(f"  {s['name']}: {s['agreed']} agree, {s['skipped']} skipped; "
                  f"expected at least {agree} agree, at most {skipped} skipped"); ok = False
print(f"  {report['agreed']} agree, {report['disagreed']} disagree, "
      f"{report['by_design']} by design, {report['skipped']} skipped")
sys.exit(0 if ok else 1)
PY
  [[ -z $(leftovers) ]] || fail "crosscheck $scenario left namespaces behind: $(leftovers | tr '\n' ' ')"
done

# The text report, --keep, and a rerun that first removes the kept emulation.
"$vpcsim" crosscheck scenarios/lan-switch/scenario.xml --keep --prefix "$prefix" >"$tmp/keep.txt" 2>"$tmp/keep.err"
rc=$?
[[ $rc == 0 ]] || fail "crosscheck --keep exited $rc: $(tail -3 "$tmp/keep.err")"
grep -Eq '^agree     lan-switch:[0-9]+  ping h1 -> h2  reachable$' "$tmp/keep.txt" ||
  fail "text report lacks the agree line of ping h1 -> h2: $(head -5 "$tmp/keep.txt")"
grep -Eq '^crosscheck: [1-9][0-9]* agree, 0 disagree, [0-9]+ skipped \(1 scenario\)$' "$tmp/keep.txt" ||
  fail "text report lacks the closing line: $(tail -2 "$tmp/keep.txt")"
grep -q 'kept the emulation' "$tmp/keep.err" || fail "--keep does not say what it kept"
[[ -n $(leftovers) ]] || fail "--keep left no namespace"
"$vpcsim" crosscheck scenarios/lan-switch/scenario.xml --prefix "$prefix" >"$tmp/again.txt" 2>&1 ||
  fail "crosscheck over a kept emulation failed: $(tail -3 "$tmp/again.txt")"
[[ -z $(leftovers) ]] || fail "a rerun without --keep left: $(leftovers | tr '\n' ' ')"

finish "crosscheck_test.sh (${#scenarios[@]} scenarios)"
