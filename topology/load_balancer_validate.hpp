#pragma once
// Semantic checks of a VPC's load balancers and target groups
// (docs/load-balancers.md): names that must resolve (subnets, security groups,
// target groups, instances, with "did you mean"), what each type allows (an
// ALB listens on HTTP/HTTPS and routes by rules; an NLB listens on TCP and only
// forwards), addresses (one private and, internet-facing, one public per
// subnet; reserved, outside the subnet, taken), listener ports and rule
// priorities that repeat, and AWS's two-subnet minimum for an ALB (a warning:
// vpcsim models no availability zones).
#include <optional>
#include <string>
#include <vector>

#include "sim/net/ipv4_addr.hpp"
#include "topology/diagnostics.hpp"
#include "topology/spec.hpp"

namespace vpcsim::topo {

void validate_load_balancers(const TopologySpec& spec, const VpcSpec& vpc, Diagnostics& diags);

// One network interface of a load balancer: in `subnet`, at `ip` (given, or the
// subnet's last usable address), with `public_ip` when internet-facing. Only
// for subnets the VPC has, in the order of `subnets=`.
struct LbEni {
  const SubnetSpec* subnet = nullptr;
  sim::Ipv4Addr ip;
  std::optional<sim::Ipv4Addr> public_ip;
};
[[nodiscard]] std::vector<LbEni> lb_enis(const VpcSpec& vpc, const LoadBalancerSpec& lb);

}  // namespace vpcsim::topo
