#pragma once
// Lowering AWS's DHCP service (docs/dhcp.md): when an instance of a VPC says
// ip="dhcp", the VPC's router gets a sim::DhcpVpcService that answers on every
// subnet, and each such instance becomes a DHCP client that starts without an
// address (listed in Network::dhcp_clients: its exchange runs before the first
// probe). A VPC without such instances gets nothing: no service, no cost.
#include "sim/aws/vpc_router.hpp"
#include "sim/fabric/network.hpp"
#include "topology/spec.hpp"

namespace vpcsim::topo {

// After the VPC's subnets and instances were added to `router` and `network`.
void lower_vpc_dhcp(const VpcSpec& vpc, sim::VpcRouter& router, sim::Network& network);

}  // namespace vpcsim::topo
