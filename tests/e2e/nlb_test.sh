#!/usr/bin/env bash
# Network load balancers end to end (docs/load-balancers.md), on scenarios/nlb-client-ip:
# telnet/ssh/curl through the NLB (exit codes, served_by and seen_source in --json),
# the journey of --explain (target choice, the router steering the reply back, the
# source rewritten), the same output twice (determinism), and in --pcap, as tshark
# decodes it (when installed): the target receives the client's address, the client
# hears the NLB's public address. The scenario itself runs in e2e.scenario.nlb-client-ip
# and e2e.golden; the page's examples in e2e.lb_docs.
# Usage: nlb_test.sh VPCSIM REPO_ROOT
set -uo pipefail
# shellcheck source=tests/e2e/lib.sh
source "${BASH_SOURCE%/*}/lib.sh" "$@"
t=scenarios/nlb-client-ip/topology.xml

json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(d$1)" "$tmp/out"; }

expect_rc 0 lint $t
expect_rc 0 telnet $t client ssh-nlb 22 --json
[[ $(json "['served_by']") == ssh-1 ]] || fail "telnet: served_by $(json "['served_by']")"
[[ $(json "['seen_source']") == 198.51.100.10 ]] || fail "telnet: the target did not see the client"
[[ $(json "['dst']") == 203.0.113.80 ]] || fail "telnet: not to the NLB's elastic IP"
expect_rc 0 ssh $t client ssh.example.org
grep -q '^ssh: connected to ssh.example.org (203.0.113.80) port 22$' "$tmp/out" || fail "ssh by name"
expect_rc 0 curl $t partner http://ssh-nlb/ --json
[[ $(json "['served_by']") == web-1 ]] || fail "curl: served_by"
[[ $(json "['seen_source']") == 192.0.2.20 ]] || fail "curl: the server did not see partner"
expect_rc 1 telnet $t client ssh-nlb 2222
grep -q 'Connection refused' "$tmp/out" || fail "2222: not refused"
grep -q '^why: dropped at ssh-1: .*\[port-closed\]$' "$tmp/err" || fail "2222: why line"
expect_rc 1 telnet $t partner ssh-nlb 22
grep -q '^why: dropped at ssh-nlb/public: security group nlb-sg .*\[security-group\]$' "$tmp/err" ||
  fail "partner: not dropped by nlb-sg"

# The journey: choice, steering, rewrite; and byte-identical twice.
expect_rc 0 telnet $t client ssh-nlb 22 --explain
cp "$tmp/out" "$tmp/explain1"
grep -q 'NLB ssh-nlb: new flow 198.51.100.10:32768 > 10.0.1.254:22 .*round-robin picks target 1 of 2' \
  "$tmp/out" || fail "explain: no target choice"
grep -q 'steered back to it at 10.0.1.254 instead of routing by destination' "$tmp/out" ||
  fail "explain: no steering at the VPC router"
grep -q 'source rewritten to 10.0.1.254:22' "$tmp/out" || fail "explain: no source rewrite"
grep -q 'ssh-1 <- received on ssh-1:eth0: 198.51.100.10:32768 > 10.0.20.11:22: TCP \[S\]' \
  "$tmp/out" || fail "explain: ssh-1 did not get the client's SYN"
expect_rc 0 telnet $t client ssh-nlb 22 --explain
cmp -s "$tmp/out" "$tmp/explain1" || fail "explain: two runs differ"

if command -v tshark >/dev/null; then
  expect_rc 0 telnet $t client ssh-nlb 22 --pcap "$tmp/target.pcap" --pcap-port ssh-1:eth0
  tshark -r "$tmp/target.pcap" -Y 'tcp.flags.syn==1 && tcp.flags.ack==0' \
    -T fields -e ip.src -e ip.dst 2>/dev/null >"$tmp/syn"
  [[ $(cat "$tmp/syn") == $'198.51.100.10\t10.0.20.11' ]] ||
    fail "pcap at ssh-1: SYN is '$(cat "$tmp/syn")', expected from the client's address"
  expect_rc 0 telnet $t client ssh-nlb 22 --pcap "$tmp/igw.pcap" --pcap-port igw:internet
  tshark -r "$tmp/igw.pcap" -Y 'tcp.flags.syn==1 && tcp.flags.ack==1' \
    -T fields -e ip.src -e tcp.srcport -e ip.dst 2>/dev/null >"$tmp/synack"
  [[ $(cat "$tmp/synack") == $'203.0.113.80\t22\t198.51.100.10' ]] ||
    fail "pcap at the IGW: SYN-ACK is '$(cat "$tmp/synack")', expected from the NLB's address"
else
  echo "tshark not installed: pcap checks skipped"
fi

finish
