#include "topology/dhcp_lower.hpp"

namespace vpcsim::topo {

void lower_dhcp(const NodeSpec& node, sim::IpNode& dev, sim::Network& network) {
  for (const DhcpServerSpec& s : node.dhcp_servers.view()) {
    for (size_t i = 0; i < node.interfaces.size(); ++i) {
      if (node.interfaces[i].name != s.interface) continue;
      dev.add_dhcp_server(sim::DhcpPool{uint16_t(i), s.pool_first, s.pool_last, s.gateway, s.dns,
                                        s.lease_seconds, s.loc.str()});
    }
  }
  bool client = false;
  for (size_t i = 0; i < node.interfaces.size(); ++i) {
    const InterfaceSpec& iface = node.interfaces[i];
    if (!iface.dhcp || iface.dhcp->status != DhcpLeasePlan::Status::Leased) continue;
    dev.add_dhcp_client(uint16_t(i), iface.addr);
    client = true;
  }
  if (client) network.dhcp_clients.push_back(dev.id());
}

}  // namespace vpcsim::topo
