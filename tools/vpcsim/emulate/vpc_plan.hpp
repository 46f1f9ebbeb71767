#pragma once
// AWS constructs in namespaces (docs/emulate.md, "VPCs"):
//   VPC router   one namespace per VPC: a bridge per subnet at the subnet's .1,
//                a kernel route table per route table chosen by `ip rule iif`,
//                NACLs as stateless iptables chains in FORWARD, TTL +1 (transparent)
//   instance     a namespace whose eth0 is a port of its subnet's bridge; security
//                groups as conntrack iptables rules; forwarding = !source-dest-check
//   NAT gateway  a namespace in its subnet that masquerades (ports from 1024)
//   IGW          a namespace between the VPC router and the internet core doing the
//                1:1 NAT of elastic/public IPs; drops private sources without one
//   internet     a core namespace routing the owned public addresses, dropping the
//                rest, plus a namespace per internet host
//   peering      a veth between two VPC routers; not transitive by construction
#include "tools/vpcsim/emulate/plan_builder.hpp"
#include "topology/spec.hpp"

namespace vpcsim::emulate {

void plan_aws(PlanBuilder& plan, const topo::TopologySpec& topology);

}  // namespace vpcsim::emulate
