#pragma once
// Lowering the DHCP parts of a classic node (docs/dhcp.md): each <dhcp-server>
// becomes a sim::DhcpServer on its interface; each ip="dhcp" interface becomes a
// DHCP client that starts without an address (the node is listed in
// Network::dhcp_clients, whose exchanges run before the first probe).
#include "sim/devices/ip_node.hpp"
#include "sim/fabric/network.hpp"
#include "topology/spec.hpp"

namespace vpcsim::topo {

// After the node's interfaces and routes were added to `dev`.
void lower_dhcp(const NodeSpec& node, sim::IpNode& dev, sim::Network& network);

}  // namespace vpcsim::topo
