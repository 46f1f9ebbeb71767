#pragma once
// Checks of the DHCP parts of a topology (docs/dhcp.md): each <dhcp-server>
// names an interface of its node that has a static address, its pool lies in
// that interface's subnet (not the network or broadcast address, not an address
// used statically on its segment), its gateway is on the subnet; and each
// ip="dhcp" interface got a lease from the plan (topology/dhcp_leases.hpp):
// errors dhcp-no-server, dhcp-pool-exhausted, dhcp-competing-servers.
#include "topology/diagnostics.hpp"
#include "topology/spec.hpp"

namespace vpcsim::topo {

[[nodiscard]] Diagnostics validate_dhcp(const TopologySpec& spec);

}  // namespace vpcsim::topo
