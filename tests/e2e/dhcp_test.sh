#!/usr/bin/env bash
# e2e.dhcp: DHCP through the real binary (docs/dhcp.md) on scenarios/lan-dhcp:
# the exchange in --explain, leases in `show`, the DHCP frames in a --pcap as
# tshark decodes them (Discover, Offer, Request, ACK with their options, clean
# checksums), and the reasons when no server answers (the server down); and
# scenarios/vpc-dhcp: the same exchange with AWS's DHCP service in a VPC.
# Usage: dhcp_test.sh VPCSIM REPO_ROOT
set -uo pipefail
# shellcheck source=tests/e2e/lib.sh
source "${BASH_SOURCE%/*}/lib.sh" "$@"
lan=scenarios/lan-dhcp/topology.xml

# ---- lint knows the planned leases before anything runs ------------------------------
out=$("$vpcsim" lint "$lan" 2>&1) || fail "lint $lan exits 0: $out"
[[ $out == "0 errors, 0 warnings" ]] || fail "lint $lan: $out"

# ---- the exchange in the first probe's journey ---------------------------------------
out=$("$vpcsim" ping "$lan" pc1 printer -c 1 --explain) || fail "ping pc1 printer exits 0"
for line in "DHCP DISCOVER from 02:cd:a7:52:fb:56" "DHCP OFFER 192.168.0.100" \
            "DHCP REQUEST 192.168.0.100 from 02:cd:a7:52:fb:56" "DHCP ACK 192.168.0.100" \
            "ACK: pc1:eth0 is now 192.168.0.100/24, default via 192.168.0.1, lease 43200 s" \
            "ACK: pc3:eth0 is now 192.168.0.102/24" \
            "192.168.0.100 > 192.168.0.10: ICMP echo request"; do
  grep -qF -- "$line" <<<"$out" || fail "ping --explain lacks: $line"
done
# The exchange runs once: a second probe in the same run (check) does not repeat it.
"$vpcsim" check -v scenarios/lan-dhcp/scenario.xml >"$tmp/check.txt" || fail "check lan-dhcp passes"

# ---- --json: one document ------------------------------------------------------------
"$vpcsim" ping "$lan" pc2 srv -c 1 --json >"$tmp/p.json" || fail "ping --json exits 0"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["src"]=="192.168.0.101", d["src"]' \
  "$tmp/p.json" || fail "ping --json: one document, source the lease 192.168.0.101"
# With --explain, the journey's DHCP hops carry the message: the ACK holds the lease.
"$vpcsim" ping "$lan" pc2 srv -c 1 --json --explain >"$tmp/e.json" || fail "ping --json --explain exits 0"
python3 - "$tmp/e.json" <<'PY' || fail "ping --json --explain: the ACK of pc2's lease in the journey"
import json, sys
hops = json.load(open(sys.argv[1]))["journey"]["hops"]
acks = [h["dhcp"] for h in hops if h.get("dhcp", {}).get("type") == "ACK" and h["in_port"] is None]
# The LAN's three clients, then web2 in the VPC (AWS's DHCP service).
assert [a["your_ip"] for a in acks] == ["192.168.0.100", "192.168.0.101", "192.168.0.102", "10.8.1.5"], acks
assert acks[1]["router"] == "192.168.0.1" and acks[1]["lease_seconds"] == 43200, acks[1]
PY

# ---- show: leases and the routes DHCP gave -------------------------------------------
out=$("$vpcsim" show "$lan" r1 --leases)
[[ $(grep -c '^  lease 192.168.0.10[0-2] {$' <<<"$out") == 3 ]] || fail "show r1 --leases: three leases: $out"
grep -qF 'client-hostname "pc3";' <<<"$out" || fail "show r1 --leases names pc3"
out=$("$vpcsim" show "$lan" pc2 --leases --routes)
grep -qF 'fixed-address 192.168.0.101;' <<<"$out" || fail "show pc2 --leases: $out"
grep -qF 'default via 192.168.0.1 dev eth0  # dhcp' <<<"$out" || fail "show pc2 --routes: $out"
"$vpcsim" show "$lan" printer --leases >/dev/null 2>&1
[[ $? == 2 ]] || fail "show printer --leases (no DHCP there) exits 2"

# ---- pcap: what Wireshark sees --------------------------------------------------------
if command -v tshark >/dev/null; then
  "$vpcsim" ping "$lan" pc1 printer -c 1 --pcap "$tmp/dhcp.pcap" --pcap-port sw1:p5 >/dev/null ||
    fail "ping --pcap exits 0"
  tsh() { tshark -n -o ip.check_checksum:TRUE -o udp.check_checksum:TRUE "$@" 2>/dev/null; }
  types=$(tsh -r "$tmp/dhcp.pcap" -Y dhcp -T fields -e dhcp.option.dhcp | tr '\n' ' ')
  [[ $types == "1 2 3 5 1 2 3 5 1 2 3 5 " ]] || fail "pcap at r1's port: DORA three times, got: $types"
  info=$(tsh -r "$tmp/dhcp.pcap" -Y dhcp | head -4)
  for word in "DHCP Discover" "DHCP Offer" "DHCP Request" "DHCP ACK"; do
    grep -qF "$word" <<<"$info" || fail "tshark does not decode '$word': $info"
  done
  [[ $(tsh -r "$tmp/dhcp.pcap" -Y '_ws.malformed || udp.checksum.status == 0 || ip.checksum.status == 0' | wc -l) == 0 ]] ||
    fail "malformed frames or bad checksums in the DHCP capture"
  fields=$(tsh -r "$tmp/dhcp.pcap" -Y 'dhcp.option.dhcp == 5' -T fields -e dhcp.ip.your \
    -e dhcp.option.router -e dhcp.option.subnet_mask -e dhcp.option.ip_address_lease_time | head -1)
  [[ $fields == $'192.168.0.100\t192.168.0.1\t255.255.255.0\t43200' ]] || fail "ACK fields: $fields"
else
  echo "dhcp_test.sh: tshark not installed, pcap checks skipped"
fi

# ---- no server: dhcp-no-offer, then dhcp-no-lease for the client's probes --------------
sed 's|<router name="r1">|<router name="r1" down="true">|' "$lan" >"$tmp/down.xml"
out=$("$vpcsim" ping "$tmp/down.xml" pc1 printer -c 1 --explain 2>&1)
[[ $? == 1 ]] || fail "ping from a client without a lease exits 1"
grep -qF "no DHCP server answered pc1:eth0's 3 DISCOVERs" <<<"$out" || fail "explain names the missing offer"
grep -qE "DROP +dhcp-no-offer" <<<"$out" || fail "explain shows the dhcp-no-offer drop"
grep -qE '^why: .*\[dhcp-no-lease\]$' <<<"$out" || fail "why: line with dhcp-no-lease: $out"
cat >"$tmp/down-scenario.xml" <<'XML'
<scenario name="down" topology="down.xml">
  <probe type="ping" from="pc1" to="printer" expect="unreachable" reason="dhcp-no-lease"/>
  <probe type="ping" from="printer" to="pc1" expect="unreachable" reason="host-unreachable"/>
</scenario>
XML
"$vpcsim" check "$tmp/down-scenario.xml" >/dev/null || fail "a scenario expecting dhcp-no-lease passes"
out=$("$vpcsim" show "$tmp/down.xml" pc1 --leases)
grep -qF "(no lease: no DHCP server answered" <<<"$out" || fail "show --leases on a failed client: $out"

# ---- in a VPC: AWS's DHCP service at the subnet's router (scenarios/vpc-dhcp) ----------
vpc=scenarios/vpc-dhcp/topology.xml
out=$("$vpcsim" telnet "$vpc" bastion app1 8080 --explain) || fail "telnet bastion app1 8080 exits 0"
for line in "DHCP DISCOVER from 02:0a:d6:8b:cd:3e" \
            "DISCOVER from 02:0a:d6:8b:cd:3e: offer 10.20.2.5, the private address of app1's network interface" \
            "[DHCP service of VPC shop (subnet app): $vpc:63:5]" \
            "shop:router created: 10.20.2.1:67 > 255.255.255.255:68" \
            "REQUEST for 10.20.2.5: leased to 02:0a:d6:8b:cd:3e (app1) for 3600 s" \
            "ACK: app1:eth0 is now 10.20.2.5/24, default via 10.20.2.1, lease 3600 s" \
            "ACK: app2:eth0 is now 10.20.2.6/24, default via 10.20.2.1, lease 3600 s" \
            "10.20.1.10:32768 > 10.20.2.5:8080"; do
  grep -qF -- "$line" <<<"$out" || fail "VPC telnet --explain lacks: $line"
done
# Answers go to the asking instance alone: db (on the same subnet) sees no OFFER or ACK.
grep -qE "^\[.*\] db <- received.*:67 > 255.255.255.255:68" <<<"$out" && fail "db received a DHCP answer"
out=$("$vpcsim" show "$vpc" app1 --leases)
for line in "fixed-address 10.20.2.5;" "option routers 10.20.2.1;" \
            "option domain-name-servers 10.20.0.2;" "option dhcp-lease-time 3600;" \
            "option dhcp-server-identifier 10.20.2.1;" 'option host-name "ip-10-20-2-5";' \
            'option domain-name "ec2.internal";'; do
  grep -qF -- "$line" <<<"$out" || fail "show app1 --leases lacks: $line"
done
out=$("$vpcsim" show "$vpc" shop:router --leases)
[[ $(grep -c '^  lease 10.20.2.[56] {$' <<<"$out") == 2 ]] || fail "show shop:router --leases: two leases: $out"
grep -qF 'client-hostname "app2";' <<<"$out" || fail "show shop:router --leases names app2"
"$vpcsim" telnet "$vpc" bastion app1 8080 --json --explain >"$tmp/v.json" || fail "VPC telnet --json exits 0"
python3 - "$tmp/v.json" <<'PY' || fail "VPC --json --explain: app1's ACK with AWS's options"
import json, sys
hops = json.load(open(sys.argv[1]))["journey"]["hops"]
acks = [h["dhcp"] for h in hops if h.get("dhcp", {}).get("type") == "ACK" and h["in_port"] is None]
assert [a["your_ip"] for a in acks] == ["10.20.2.5", "10.20.2.6"], acks
a = acks[0]
assert (a["server_id"], a["router"], a["dns"], a["lease_seconds"]) == ("10.20.2.1", "10.20.2.1", "10.20.0.2", 3600), a
assert (a["host_name"], a["domain_name"]) == ("ip-10-20-2-5", "ec2.internal"), a
# Neither app-sg nor app-acl admits DHCP: no filter step on any hop of the exchange,
# and no drop either.
steps = [s for h in hops if "dhcp" in h for s in h["steps"]]
assert steps and not [s for s in steps if s["kind"] == "filter" or s["drop"]], steps
PY
if command -v tshark >/dev/null; then
  "$vpcsim" telnet "$vpc" bastion app1 8080 --pcap "$tmp/vpc.pcap" --pcap-port shop/app:p1 >/dev/null ||
    fail "VPC telnet --pcap exits 0"
  types=$(tsh -r "$tmp/vpc.pcap" -Y dhcp -T fields -e dhcp.option.dhcp | tr '\n' ' ')
  [[ $types == "1 2 3 5 1 2 3 5 " ]] || fail "pcap at the VPC router's port: DORA twice, got: $types"
  [[ $(tsh -r "$tmp/vpc.pcap" -Y '_ws.malformed || udp.checksum.status == 0 || ip.checksum.status == 0' | wc -l) == 0 ]] ||
    fail "malformed frames or bad checksums in the VPC DHCP capture"
  fields=$(tsh -r "$tmp/vpc.pcap" -Y 'dhcp.option.dhcp == 5' -T fields -e eth.dst -e ip.src -e dhcp.ip.your \
    -e dhcp.option.dhcp_server_id -e dhcp.option.router -e dhcp.option.domain_name_server \
    -e dhcp.option.ip_address_lease_time -e dhcp.option.hostname -e dhcp.option.domain_name | head -1)
  [[ $fields == $'02:0a:d6:8b:cd:3e\t10.20.2.1\t10.20.2.5\t10.20.2.1\t10.20.2.1\t10.20.0.2\t3600\tip-10-20-2-5\tec2.internal' ]] ||
    fail "VPC ACK fields: $fields"
fi

finish
