#pragma once
// Lowering of load balancers (docs/load-balancers.md): each load balancer
// becomes one IpNode per subnet, named "LB/SUBNET" (a name no user node can
// have), holding that subnet's ENI with the load balancer's security groups,
// and running a sim::LoadBalancerNode (application) or sim::NlbNode (network)
// with the listeners, rules and target groups resolved to addresses.
// Internet-facing nodes get their public address at the IGW, as an instance's
// elastic IP. The load balancer is an Endpoint
// named by its own name, standing for its first node (curl aims at the first
// address, as a client takes the first address DNS gives).
// Also: every node that listens on TCP gets an HttpServer, so HTTP requests to
// it are answered (a target's answer to the load balancer, or a direct request).
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "sim/aws/vpc_router.hpp"
#include "sim/devices/ip_node.hpp"
#include "sim/filters/stateful_filter.hpp"
#include "topology/lower.hpp"

namespace vpcsim::topo {

// What the VPC lowering provides to place a load balancer node.
struct LbLoweringHooks {
  // An IpNode named `name` with interface eth0 at `ip` in `subnet`, its default
  // route, attached to the subnet and known to the VPC router.
  std::function<sim::IpNode&(const std::string& name, const SubnetSpec& subnet, sim::Ipv4Addr ip,
                             const SourceLoc& loc)>
      add_node;
  // The filter of these security groups (empty: the VPC's default group).
  std::function<sim::StatefulFilter(const std::vector<std::string>& groups)> security_groups;
  // The IGW maps `public_ip` to `private_ip` both ways (an internet-facing node).
  std::function<void(sim::Ipv4Addr private_ip, sim::Ipv4Addr public_ip, const std::string& owner)>
      expose;
  // The VPC's router: a network load balancer registers its flows there, so that
  // the targets' replies are steered back to it (sim/aws/load_balancer_nlb.hpp).
  sim::VpcRouter* router = nullptr;
};

void lower_load_balancers(const VpcSpec& vpc, const LbLoweringHooks& hooks, LoweredTopology& out);

// The ENI addresses of the VPC's load balancers, as members of their security
// groups (so that a target's rule with source-group= allows them).
void add_lb_group_members(const VpcSpec& vpc,
                          std::map<std::string, std::vector<sim::Prefix>>& members);

// An HttpServer on every IP node that listens on TCP (called once the whole
// topology is lowered).
void add_http_servers(LoweredTopology& out);

}  // namespace vpcsim::topo
