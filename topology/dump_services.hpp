#pragma once
// The services part of the canonical dump (dump.hpp): DNS zones as a zone file
// reads them, load balancers with their listeners and rules, target groups,
// DHCP servers, and what a node says about DNS and DHCP. Same rules as the rest
// of the dump: every value, defaults included; named siblings sorted by name,
// rules by priority, records by (owner, type, data); source locations left out.
#include <algorithm>
#include <string>
#include <vector>

#include "topology/spec.hpp"

namespace vpcsim::topo {

// Pointers to `items` sorted by name, ties in document order: the dump's order
// for named siblings.
template <class T>
[[nodiscard]] std::vector<const T*> by_name(const std::vector<T>& items) {
  std::vector<const T*> out;
  for (const T& x : items) out.push_back(&x);
  std::stable_sort(out.begin(), out.end(),
                   [](const T* a, const T* b) { return a->name < b->name; });
  return out;
}

// "dns-zone NAME private-to=VPC|(public)" and one line per record:
// "OWNER. TTL IN TYPE RDATA" (an alias= record: "alias=NODE" as its data).
[[nodiscard]] std::string dump_dns_zones(const std::vector<DnsZoneSpec>& zones);

// A VPC's load balancers and target groups, indented for a VPC's children.
[[nodiscard]] std::string dump_load_balancers(const VpcSpec& vpc);

// Child lines of a node: "dns-server", "resolver IP", "dhcp-server ...", each
// indented by `indent`; empty when the node says nothing of DNS or DHCP.
[[nodiscard]] std::string dump_dns_node(const std::string& indent, const Boxed<DnsNodeSpec>& dns);
[[nodiscard]] std::string dump_dhcp_servers(const std::string& indent,
                                            const Boxed<std::vector<DhcpServerSpec>>& servers);
// " dhcp=leased server=r1:eth0" for an address planned by DHCP; "" otherwise.
[[nodiscard]] std::string dump_dhcp_plan(const Boxed<DhcpLeasePlan>& plan);

}  // namespace vpcsim::topo
