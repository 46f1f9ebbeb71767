#pragma once
// Lowering of DNS (docs/dns.md): the servers and what each one knows.
//   every VPC      -> IpNode "VPC:dns" at the VPC's base+2 on its own port of the
//                     VPC router (Route 53 Resolver: NACLs and security groups
//                     do not filter it), answering from the VPC's view
//   the internet   -> IpNode "internet:dns" at 8.8.8.8 (kPublicResolver), owned
//                     by the internet core, answering from the internet's view
//   <dns-server/>  -> a DnsServer service on that node, answering from its view
// A view holds the public zones, the private zones associated with the viewer's
// VPC (shadowing public zones of the same name), the Amazon-provided names of
// instances (ec2-A-B-C-D.compute-1.amazonaws.com: the private address inside the
// instance's VPC, the public one elsewhere; ip-A-B-C-D.ec2.internal inside it),
// with alias records resolved as LoweredTopology::resolve sees them from there.
// None of these servers is an Endpoint: they are not probe sources or targets
// of `reach`, and names with ':' never collide with a node of the file.
#include <optional>
#include <string>

#include "sim/net/ipv4_addr.hpp"
#include "sim/services/dns_view.hpp"
#include "topology/lower.hpp"
#include "topology/spec.hpp"

namespace vpcsim::topo {

// The internet's public resolver (the address everyone knows; an internet host
// that claims it wins, and the internet then has no resolver).
inline const sim::Ipv4Addr kPublicResolver{0x08080808};

// The Amazon DNS server of `vpc`: its CIDR's base + 2.
[[nodiscard]] sim::Ipv4Addr vpc_dns_address(const VpcSpec& vpc);

// Adds the DNS servers of `spec` to `out` (after every endpoint is in it).
void lower_dns(const TopologySpec& spec, LoweredTopology& out);

// The view of the DNS a server at `where` answers from (a pseudo-endpoint: only
// its `vpc`, `kind` and `addresses` matter).
[[nodiscard]] sim::DnsView dns_view(const TopologySpec& spec, const LoweredTopology& t,
                                    const Endpoint& where);

// Which DNS server `from` asks, and how explanations name it.
struct ResolverChoice {
  sim::Ipv4Addr ip;
  std::string label;  // "Amazon DNS server of VPC prod", "public resolver", "dns1 (resolver=)"
};
// nullopt: `from` has no resolver (a router, a LAN host with no resolver=, an
// internet host when 8.8.8.8 is taken); `why` then says so.
[[nodiscard]] std::optional<ResolverChoice> resolver_of(const TopologySpec& spec,
                                                        const LoweredTopology& t,
                                                        const Endpoint& from, std::string* why);

}  // namespace vpcsim::topo
