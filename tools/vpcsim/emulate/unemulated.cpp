#include "tools/vpcsim/emulate/unemulated.hpp"

namespace vpcsim::emulate {

bool has_static_address(const topo::InterfaceSpec& i) {
  return !i.dhcp || i.dhcp->status == topo::DhcpLeasePlan::Status::Leased;
}

void note_unemulated(PlanBuilder& plan, const topo::TopologySpec& t) {
  bool dns = !t.dns_zones.empty(), dhcp = false, dhcp_client = false;
  for (const topo::NetworkSpec& net : t.networks) {
    for (const topo::NodeSpec& n : net.nodes) {
      dns = dns || (n.dns && n.dns->server);
      dhcp = dhcp || n.dhcp_servers;
      for (const topo::InterfaceSpec& i : n.interfaces)
        dhcp_client = dhcp_client || i.dhcp.has_value();
    }
  }
  if (t.internet) {
    for (const topo::InternetHostSpec& h : t.internet->hosts) dns = dns || (h.dns && h.dns->server);
  }
  for (const topo::VpcSpec& vpc : t.vpcs) {
    for (const topo::InstanceSpec& i : vpc.instances) {
      dns = dns || (i.dns && i.dns->server);
      dhcp_client = dhcp_client || i.dhcp.has_value();  // the VPC's DHCP service (docs/dhcp.md)
    }
    for (const topo::LoadBalancerSpec& lb : vpc.load_balancers) {
      plan.note("load balancer " + lb.name + " is not emulated: nothing answers at its addresses");
    }
  }
  if (dns) plan.note("DNS servers and zones are not emulated: no name server answers (dig)");
  if (dhcp) plan.note("DHCP servers are not emulated: nothing answers DHCP requests");
  if (dhcp_client) {
    plan.note(
        "an interface or instance with ip=\"dhcp\" gets its planned lease as a static address "
        "(none when the plan finds no lease)");
  }
}

}  // namespace vpcsim::emulate
