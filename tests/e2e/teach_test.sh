#!/usr/bin/env bash
# End-to-end checks of the teaching views with the real vpcsim binary and the real
# tools (tshark, Graphviz's dot, xmllint):
#   --pcap    tshark decodes every capture with checksum validation on and reports
#             no malformed frame, no bad checksum and no expert warning beyond TCP
#             resets; ARP, ICMP echo / time exceeded / port unreachable, TCP SYN /
#             SYN-ACK / RST and UDP traceroute probes are all there; NAT rewriting is
#             visible on both sides of the NAT instance and the IGW.
#   graph     dot renders the DOT of every bundled topology without a warning; the
#             SVG carries the documented node ids; --highlight colours the path.
#   show, --explain=layers, report: their outputs, and bad usage exits 2.
# Usage: teach_test.sh VPCSIM REPO_ROOT
set -uo pipefail
# shellcheck source=tests/e2e/lib.sh
source "${BASH_SOURCE%/*}/lib.sh" "$@"
for tool in tshark dot xmllint; do
  command -v "$tool" >/dev/null || { echo "teach_test.sh: $tool is missing (tools/setup installs it)"; exit 1; }
done

lan=scenarios/lan-three-routers/topology.xml
ports=scenarios/lan-ports/topology.xml
vpc=scenarios/small-service/topology.xml

# ---- pcap ---------------------------------------------------------------------------
tsh() { tshark -n -o ip.check_checksum:TRUE -o tcp.check_checksum:TRUE -o udp.check_checksum:TRUE "$@" 2>/dev/null; }
count() { tsh -r "$1" -Y "$2" | wc -l; }
# FILE [ALLOWED]: decodes, no malformed frame or bad checksum, no expert warning but
# TCP resets and those matching ALLOWED.
clean_capture() {
  local f=$1 allowed=${2:-'Connection reset \(RST\)'}
  [[ $(tsh -r "$f" | wc -l) -gt 0 ]] || fail "$f: tshark decodes no frame"
  [[ $(count "$f" '_ws.malformed || _ws.expert.severity >= error') == 0 ]] || fail "$f: malformed or error frames"
  [[ $(count "$f" 'ip.checksum.status == 0 || icmp.checksum.status == 0 || tcp.checksum.status == 0 || udp.checksum.status == 0') == 0 ]] ||
    fail "$f: bad checksums"
  [[ $(count "$f" 'ip.checksum.status == 1') -gt 0 ]] || fail "$f: IP checksums were not verified"
  local warns
  warns=$(tsh -r "$f" -q -z expert,warn | grep -E '^ +[0-9]+ ' | grep -Ev "$allowed")
  [[ -z $warns ]] || fail "$f: expert warnings: $warns"
}

"$vpcsim" ping "$lan" h1 h2 -c 2 --pcap "$tmp/ping.pcap" >/dev/null || fail "ping --pcap exits 0"
clean_capture "$tmp/ping.pcap"
[[ $(count "$tmp/ping.pcap" 'arp.opcode == 1') -gt 0 && $(count "$tmp/ping.pcap" 'arp.opcode == 2') -gt 0 ]] || fail "ARP request and reply"
[[ $(count "$tmp/ping.pcap" 'icmp.type == 8 && frame.len == 98 && data.len == 56') -gt 0 ]] || fail "echo requests with 56 data bytes"
[[ $(count "$tmp/ping.pcap" 'icmp.type == 0 && icmp.resp_to') -gt 0 ]] || fail "echo replies matched to requests"

"$vpcsim" traceroute "$lan" h1 h2 --pcap "$tmp/trace.pcap" >/dev/null || fail "traceroute --pcap exits 0"
clean_capture "$tmp/trace.pcap"
[[ $(count "$tmp/trace.pcap" 'udp.dstport >= 33434 && udp.length == 40') -gt 0 ]] || fail "UDP probes of 32 data bytes"
[[ $(count "$tmp/trace.pcap" 'icmp.type == 11 && icmp.code == 0 && ip.ttl == 1') -gt 0 ]] || fail "time exceeded quoting TTL 1"
[[ $(count "$tmp/trace.pcap" 'icmp.type == 3 && icmp.code == 3 && udp.dstport >= 33434') -gt 0 ]] || fail "port unreachable quoting the UDP probe"

"$vpcsim" traceroute "$lan" h1 h2 -T -p 22 --pcap "$tmp/tcptrace.pcap" >/dev/null || fail "traceroute -T --pcap exits 0"
clean_capture "$tmp/tcptrace.pcap"
[[ $(count "$tmp/tcptrace.pcap" 'tcp.flags.syn == 1 && tcp.flags.ack == 0 && tcp.hdr_len == 40 && tcp.options.mss_val == 1460') -gt 0 ]] ||
  fail "traceroute -T SYNs with Linux's 20 option bytes"

"$vpcsim" telnet "$ports" pc1 srv 22 --pcap "$tmp/open.pcap" >/dev/null
clean_capture "$tmp/open.pcap"
[[ $(count "$tmp/open.pcap" 'tcp.flags.syn == 1 && tcp.flags.ack == 0') -gt 0 ]] || fail "SYN"
[[ $(count "$tmp/open.pcap" 'tcp.flags.syn == 1 && tcp.flags.ack == 1') -gt 0 ]] || fail "SYN-ACK"
"$vpcsim" telnet "$ports" pc1 srv 23 --pcap "$tmp/rst.pcap" >/dev/null 2>&1
clean_capture "$tmp/rst.pcap"
[[ $(count "$tmp/rst.pcap" 'tcp.flags.reset == 1 && tcp.srcport == 23') -gt 0 ]] || fail "RST from the closed port"

# NAT: the NAT instance rewrites 10.0.2.10 to 10.0.1.20, the IGW 10.0.1.20 to 203.0.113.20.
"$vpcsim" ping "$vpc" app client -c 1 --pcap "$tmp/nat.pcap" >/dev/null || fail "VPC ping --pcap exits 0"
clean_capture "$tmp/nat.pcap"
for src in 10.0.2.10 10.0.1.20 203.0.113.20; do
  [[ $(count "$tmp/nat.pcap" "icmp.type == 8 && icmp.seq == 1 && ip.src == $src && ip.dst == 198.51.100.10") -gt 0 ]] ||
    fail "echo request seen with source $src"
done
"$vpcsim" ping "$vpc" app client -c 1 --pcap "$tmp/igw.pcap" --pcap-port igw:internet >/dev/null || fail "--pcap-port exits 0"
[[ $(tsh -r "$tmp/igw.pcap" -T fields -e ip.src -e ip.dst | tr '\t' '\n' | sort -u | tr '\n' ' ') == "198.51.100.10 203.0.113.20 " ]] ||
  fail "the internet side of the IGW sees public addresses only"
"$vpcsim" ssh "$vpc" client app -J bastion --pcap "$tmp/ssh.pcap" >/dev/null || fail "ssh --pcap exits 0"
[[ $(count "$tmp/ssh.pcap" 'tcp.flags.syn == 1 && tcp.flags.ack == 0 && ip.dst == 10.0.2.10') -gt 0 ]] || fail "ssh capture has the second leg"

"$vpcsim" check scenarios/lan-switch/scenario.xml scenarios/small-service/scenario.xml --pcap "$tmp/check.pcap" >/dev/null || fail "check --pcap exits 0"
# A capture of every link spans separate Ethernet segments: the internet core answers
# ARP for every address on the internet side (proxy ARP), so Wireshark sees 10.0.2.10
# with the core's MAC there and app's own MAC in the VPC, and warns of a duplicate.
clean_capture "$tmp/check.pcap" 'Connection reset \(RST\)|Duplicate IP address configured \(10\.0\.2\.10\)'
[[ $(tsh -r "$tmp/check.pcap" -q -z expert,warn | grep -c 'Duplicate IP address') -le 1 ]] || fail "one duplicate-address kind only"
[[ $(count "$tmp/check.pcap" 'frame.time_delta < 0') == 0 ]] || fail "check capture: time goes backwards"
[[ $(count "$tmp/check.pcap" 'ip.src == 192.168.1.11') -gt 0 && $(count "$tmp/check.pcap" 'ip.src == 10.0.1.10') -gt 0 ]] ||
  fail "check capture holds both scenarios"

"$vpcsim" ping "$lan" h1 h2 --pcap-port r1:eth0 >/dev/null 2>"$tmp/err"; [[ $? == 2 ]] || fail "--pcap-port without --pcap exits 2"
"$vpcsim" ping "$lan" h1 h2 --pcap "$tmp/x.pcap" --pcap-port r1:eth9 >/dev/null 2>"$tmp/err"; [[ $? == 2 ]] || fail "bad capture port exits 2"
grep -q "device 'r1' has no port 'eth9' (its ports: 'eth0', 'eth1')" "$tmp/err" || fail "bad capture port message"
[[ ! -e $tmp/x.pcap ]] || fail "no capture file is left on bad usage"
"$vpcsim" ping "$lan" h1 h2 --pcap "$tmp/no/such/dir.pcap" >/dev/null 2>"$tmp/err"; [[ $? == 2 ]] || fail "unwritable capture exits 2"

# ---- graph ---------------------------------------------------------------------------
for topo in scenarios/*/topology.xml; do
  "$vpcsim" graph "$topo" >"$tmp/g.dot" || fail "graph $topo exits 0"
  dot -Tsvg "$tmp/g.dot" -o "$tmp/g.svg" 2>"$tmp/dot.err" || fail "dot renders $topo"
  [[ ! -s $tmp/dot.err ]] || fail "dot warns on $topo: $(cat "$tmp/dot.err")"
done
"$vpcsim" graph "$vpc" -o "$tmp/vpc.svg" || fail "graph -o OUT.svg exits 0"
ids=$(xmllint --xpath '//*[local-name()="g"][@class="node"]/@id' "$tmp/vpc.svg" 2>/dev/null)
for id in node-bastion node-app node-db node-igw node-prod::router node-prod:app node-:internet node-client; do
  grep -q "id=\"$id\"" <<<"$ids" || fail "SVG node id $id"
done
[[ $(xmllint --xpath 'count(//*[local-name()="g"][@class="cluster"])' "$tmp/vpc.svg") == 4 ]] || fail "a VPC cluster and 3 subnet clusters"
"$vpcsim" graph "$vpc" -o "$tmp/path.dot" --highlight "telnet bastion db 3306" || fail "graph --highlight exits 0"
grep -q 'color="#d73027".*id="node-db"' "$tmp/path.dot" || fail "the drop at db is red"
grep -q 'color="#1a9850".*id="node-bastion"' "$tmp/path.dot" || fail "the path starts green at the bastion"
dot -Tsvg "$tmp/path.dot" -o /dev/null 2>"$tmp/dot.err" && [[ ! -s $tmp/dot.err ]] || fail "highlighted DOT renders cleanly"
"$vpcsim" graph "$lan" -o "$tmp/lan.png" --highlight "traceroute h1 h2" || fail "graph -o OUT.png exits 0"
[[ $(head -c 8 "$tmp/lan.png" | od -An -tx1 | tr -d ' \n') == 89504e470d0a1a0a ]] || fail "PNG written"
"$vpcsim" graph "$lan" -o "$tmp/x.pdf" 2>/dev/null; [[ $? == 2 ]] || fail "-o with another extension exits 2"
"$vpcsim" graph "$lan" --highlight "pong h1 h2" 2>/dev/null; [[ $? == 2 ]] || fail "bad --highlight exits 2"
"$vpcsim" graph "$lan" --highlight "ping h1 nobody" 2>/dev/null; [[ $? == 2 ]] || fail "unknown node in --highlight exits 2"

# ---- show ------------------------------------------------------------------------------
"$vpcsim" show scenarios/lan-switch/topology.xml sw1 --mac-table --after "ping h1 h3" >"$tmp/out" || fail "show exits 0"
printf '%s\n' 'after ping h1 -> h3: reachable' '' 'sw1 MAC table (bridge fdb):' \
  '  02:8a:bc:15:35:99 dev p1 master sw1' '  02:d6:1e:2b:7c:73 dev p3 master sw1' | cmp -s - "$tmp/out" ||
  fail "show --mac-table after a ping: $(cat "$tmp/out")"
"$vpcsim" show "$vpc" nat --nat --after "ping app client" >"$tmp/out" || fail "show --nat exits 0"
grep -q '^  icmp     1 src=10.0.2.10 dst=198.51.100.10 type=8 code=0 id=16385 src=198.51.100.10 dst=10.0.1.20 type=0 code=0 id=16385$' "$tmp/out" ||
  fail "conntrack line of the NAT instance: $(cat "$tmp/out")"
"$vpcsim" show "$vpc" prod:router --routes >"$tmp/routes"
grep -q '^prod:router route table private-rt (subnets: app, db):$' "$tmp/routes" || fail "VPC route tables"
"$vpcsim" show "$lan" r1 >/dev/null 2>&1; [[ $? == 2 ]] || fail "show without a table flag exits 2"
"$vpcsim" show scenarios/lan-switch/topology.xml sw1 --arp >/dev/null 2>&1; [[ $? == 2 ]] || fail "show --arp on a switch exits 2"
"$vpcsim" show "$lan" nobody --arp >/dev/null 2>"$tmp/err"; [[ $? == 2 ]] || fail "show on an unknown device exits 2"
grep -q "known devices" "$tmp/err" || fail "unknown device lists the known ones"

# ---- --explain=layers --------------------------------------------------------------------
"$vpcsim" ping "$lan" h1 h2 -c 1 --explain=layers >"$tmp/out" || fail "--explain=layers exits 0"
grep -q '^Journey by layer (' "$tmp/out" || fail "layered journey title"
grep -q '^    L3   ttl    TTL 64 -> 63$' "$tmp/out" || fail "TTL decrement at L3"
grep -q '^    frame     L2   Ethernet .* -> ff:ff:ff:ff:ff:ff (broadcast), type ARP (0x0806)$' "$tmp/out" || fail "ARP broadcast header"
grep -q 'changed: .*TTL 64 -> 63' "$tmp/out" || fail "frame out with the TTL change"
"$vpcsim" ping "$lan" h1 h2 -c 1 --explain=layers --json >"$tmp/out"
grep -q '^  "layers": \[$' "$tmp/out" || fail "--json carries the layers"
"$vpcsim" ping "$lan" h1 h2 -c 1 --explain >"$tmp/out"; grep -q '^Journey (' "$tmp/out" || fail "plain --explain unchanged"
"$vpcsim" ping "$lan" h1 h2 --explain=osi >/dev/null 2>"$tmp/err"; [[ $? == 2 ]] || fail "--explain=osi exits 2"

# ---- report ------------------------------------------------------------------------------
"$vpcsim" report scenarios/lan-switch/scenario.xml -o "$tmp/lesson.html" >"$tmp/out" || fail "report exits 0"
grep -q "^wrote $tmp/lesson.html: [0-9]* passed, 0 failed$" "$tmp/out" || fail "report summary line"
grep -q '<svg' "$tmp/lesson.html" || fail "report has the inline SVG"
! grep -qE '(src|href)="?https?:' "$tmp/lesson.html" || fail "report fetches nothing"
"$vpcsim" report tests/data/scenarios/failing.xml -o "$tmp/failing.html" >/dev/null; [[ $? == 1 ]] || fail "report of a failing scenario exits 1"
grep -q '"passed":false' "$tmp/failing.html" || fail "failing probe in the page data"
"$vpcsim" report tests/data/scenarios/bad.xml -o "$tmp/bad.html" >/dev/null 2>&1; [[ $? == 2 ]] || fail "report of a bad scenario exits 2"
"$vpcsim" report scenarios/lan-switch/scenario.xml >/dev/null 2>&1; [[ $? == 2 ]] || fail "report without -o exits 2"

finish
