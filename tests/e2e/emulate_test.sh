#!/usr/bin/env bash
# vpcsim emulate for real (root and network namespaces; exit 77 = skipped otherwise):
# for every bundled topology, create it, check that the namespaces with our prefix
# are exactly those it lists, run a real ping (or nc) between two of its nodes with
# --exec, destroy it, and check that nothing is left: no namespace with our prefix,
# no listener it started, and the root namespace's links, routes and addresses as
# they were before.
#
# Usage: emulate_test.sh VPCSIM REPO_ROOT [TOPOLOGY_NAME...]
set -uo pipefail

vpcsim=${1:?usage: emulate_test.sh VPCSIM REPO_ROOT [NAME...]}
root=${2:?usage: emulate_test.sh VPCSIM REPO_ROOT [NAME...]}
shift 2
cd -- "$root" || exit 2

if [[ $(id -u) != 0 ]]; then
  echo "emulate_test.sh: SKIPPED: vpcsim emulate needs root (network namespaces); run as root to test it"
  exit 77
fi
probe_ns="vst-probe-$$"
if ! ip netns add "$probe_ns" 2>/dev/null; then
  echo "emulate_test.sh: SKIPPED: cannot create a network namespace here (ip netns add failed)"
  exit 77
fi
ip netns del "$probe_ns"

# Our own prefix, so that other users of namespaces on the machine are left alone.
prefix="vst$$"
failures=()
fail() {
  failures+=("$1")
  printf 'FAIL: %s\n' "$1"
}

root_state() {
  ip -o link | sed -E 's/^[0-9]+: //'  # ifindex numbers are not state
  ip route
  ip -o addr | sed -E 's/^[0-9]+: //'
}
before=$(root_state)

# Two nodes per topology and the real command between them (all must succeed).
declare -A probe=(
  [container-bridge]="web ping -n -c 1 -W 2 172.17.0.3"
  [four-public-subnets]="web-a ping -n -c 1 -W 2 172.31.48.10"
  [hub-vs-switch]="a1 ping -n -c 1 -W 2 192.168.10.12"
  [lan-home-nat]="pc1 ping -n -c 1 -W 2 203.0.113.10"
  [lan-link-failure]="h1 ping -n -c 1 -W 2 10.0.2.10"
  [lan-missing-route]="h1 ping -n -c 1 -W 2 10.0.2.10"
  [lan-port-forward]="client nc -z -w 2 198.51.100.1 80"
  [lan-ports]="pc1 nc -z -w 2 10.0.2.10 22"
  [lan-routing-loop]="h1 ping -n -c 1 -W 2 10.0.12.3"
  [lan-switch]="h1 ping -n -c 1 -W 2 192.168.1.12"
  [lan-switch-loop]="h1 ping -n -c 1 -W 2 192.168.5.2"
  [lan-three-routers]="h1 ping -n -c 1 -W 2 10.0.2.10"
  [lan-two-subnets]="a1 ping -n -c 1 -W 2 192.168.2.10"
  [peering]="a1 ping -n -c 1 -W 2 10.1.1.10"
  [public-private-nat]="db1 nc -z -w 2 198.51.100.80 443"
  [small-service]="app ping -n -c 1 -W 2 198.51.100.10"
)

names=("$@")
if ((${#names[@]} == 0)); then
  for t in scenarios/*/topology.xml; do names+=("$(basename -- "$(dirname -- "$t")")"); done
fi

for name in "${names[@]}"; do
  file=scenarios/$name/topology.xml
  listing=$("$vpcsim" emulate "$file" --prefix "$prefix" 2>/tmp/emulate_test.$$.err)
  rc=$?
  if ((rc != 0)); then
    fail "$name: vpcsim emulate exited $rc: $(cat /tmp/emulate_test.$$.err)"
    "$vpcsim" emulate "$file" --prefix "$prefix" --destroy >/dev/null 2>&1
    continue
  fi
  # The namespaces with our prefix are exactly those it lists (column 2).
  listed=$(awk '{print $2}' <<<"$listing" | sort)
  present=$(ip netns list | awk '{print $1}' | grep "^$prefix-" | sort)
  [[ $listed == "$present" ]] || fail "$name: namespaces listed and present differ:
listed:  $(echo $listed)
present: $(echo $present)"
  [[ -n $listed ]] || fail "$name: no namespace listed"
  # The listeners it started run inside its namespaces.
  pids=()
  for ns in $present; do pids+=($(ip netns pids "$ns")); done
  want=$(grep -c '<listen ' "$file")
  ((${#pids[@]} >= want)) || fail "$name: $want listeners declared, ${#pids[@]} processes running"
  # A real probe between two nodes, through --exec.
  if [[ -n ${probe[$name]-} ]]; then
    read -r -a words <<<"${probe[$name]}"
    out=$("$vpcsim" emulate "$file" --prefix "$prefix" --exec "${words[0]}" -- "${words[@]:1}" 2>&1)
    rc=$?
    ((rc == 0)) || fail "$name: ${probe[$name]} exited $rc:
$out"
  else
    echo "note: $name: no probe pair known to this test; created and destroyed only"
  fi
  # --exec passes the exit code through.
  node=$(awk 'NR==1 {print $1}' <<<"$listing")
  "$vpcsim" emulate "$file" --prefix "$prefix" --exec "$node" -- sh -c 'exit 7' >/dev/null 2>&1
  rc=$?
  ((rc == 7)) || fail "$name: --exec $node -- sh -c 'exit 7' exited $rc, not 7"

  "$vpcsim" emulate "$file" --prefix "$prefix" --destroy >/dev/null || fail "$name: --destroy failed"
  left=$(ip netns list | awk '{print $1}' | grep "^$prefix-")
  [[ -z $left ]] || fail "$name: namespaces left after --destroy: $(echo $left)"
  for pid in "${pids[@]}"; do
    # A zombie waiting for init to reap it has stopped.
    state=$(sed -E 's/.*\) (.).*/\1/' "/proc/$pid/stat" 2>/dev/null)
    [[ -z $state || $state == Z ]] || fail "$name: process $pid ($(cat /proc/$pid/comm 2>/dev/null)) still runs after --destroy"
  done
  printf 'ok: %s (%d namespaces)\n' "$name" "$(wc -w <<<"$listed")"
done
rm -f /tmp/emulate_test.$$.err

after=$(root_state)
if [[ $before != "$after" ]]; then
  fail "the root namespace changed:
$(diff <(echo "$before") <(echo "$after"))"
fi

if ((${#failures[@]})); then
  printf '\n%d failure(s)\n' "${#failures[@]}"
  exit 1
fi
echo "all topologies emulated, probed and destroyed; root namespace unchanged"
