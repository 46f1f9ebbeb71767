#include "topology/dhcp_vpc_lower.hpp"

#include <memory>

#include "sim/devices/ip_node.hpp"
#include "topology/dns_lower.hpp"

namespace vpcsim::topo {
namespace {

// The domain name AWS's default DHCP option set gives in us-east-1, the region
// whose spelling vpcsim's EC2 names use (ip-A-B-C-D.ec2.internal, docs/dns.md).
constexpr const char* kDomainName = "ec2.internal";

bool leased(const InstanceSpec& i) {
  return i.dhcp && i.dhcp->status == DhcpLeasePlan::Status::Leased;
}

}  // namespace

void lower_vpc_dhcp(const VpcSpec& vpc, sim::VpcRouter& router, sim::Network& network) {
  bool any = false;
  for (const InstanceSpec& i : vpc.instances) any = any || leased(i);
  if (!any) return;
  auto service = std::make_unique<sim::DhcpVpcService>(vpc.name, vpc_dns_address(vpc), kDomainName);
  for (const sim::VpcRouter::SubnetPort& s : router.subnets()) {
    service->add_subnet(s.port, s.name, s.cidr);
  }
  for (const InstanceSpec& i : vpc.instances) {
    if (!leased(i)) continue;
    auto id = network.find(i.name);
    auto* node = id ? dynamic_cast<sim::IpNode*>(&network.device(*id)) : nullptr;
    if (!node) continue;
    for (const sim::VpcRouter::SubnetPort& s : router.subnets()) {
      if (s.name != i.subnet) continue;
      node->add_dhcp_client(0, sim::InterfaceAddr{i.ip, s.cidr.len});
      service->add_client(s.port, node->interfaces()[0].mac, i.ip, i.name, i.loc.str());
      network.dhcp_clients.push_back(node->id());
    }
  }
  router.set_dhcp(std::move(service));
}

}  // namespace vpcsim::topo
