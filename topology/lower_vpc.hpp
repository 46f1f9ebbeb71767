#pragma once
// Lowering of the AWS constructs (DESIGN.md section 1): every VPC becomes
// generic engine devices.
//   subnet          -> L2Switch "VPC/SUBNET" (its broadcast domain)
//   VPC router      -> VpcRouter "VPC:router", one port per subnet at its .1
//   IGW             -> InternetGateway (1:1 NAT) between the router and the internet
//   NAT gateway     -> IpNode with role NatGateway (PAT from port 1024) in its subnet
//   instance        -> IpNode (host; a forwarding router when its source/dest check
//                      is off), security groups as a StatefulFilter on eth0
//   NACL            -> StatelessAcl on the router's port of each subnet using it
//   peering         -> a link between the two VPC routers
//   <internet>      -> InternetCore "internet:core" plus one IpNode per host
// The implicit devices are named with ':' or '/', which user names cannot
// contain, so they never collide with a node of the file.
#include "topology/lower.hpp"

namespace vpcsim::topo {

// Adds the internet and every VPC and peering of `spec` to `out`.
void lower_aws(const TopologySpec& spec, LoweredTopology& out);

}  // namespace vpcsim::topo
