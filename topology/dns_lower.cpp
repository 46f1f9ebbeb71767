#include "topology/dns_lower.hpp"

#include <memory>

#include "sim/aws/internet_core.hpp"
#include "sim/aws/vpc_router.hpp"
#include "sim/devices/ip_node.hpp"
#include "sim/services/dns_server.hpp"
#include "topology/dns_peering.hpp"

namespace vpcsim::topo {
namespace {

constexpr sim::Duration kFabricLatency{100'000};  // the default link latency, 0.1 ms

// "203.0.113.10" -> "203-0-113-10", as EC2's DNS names spell addresses.
std::string dashed(sim::Ipv4Addr ip) {
  std::string s = ip.str();
  for (char& c : s) {
    if (c == '.') c = '-';
  }
  return s;
}

std::string record_owner(const std::string& name, const std::string& zone) {
  if (name == "@") return sim::dns_absolute(zone);
  return sim::dns_absolute(name + "." + zone);
}

sim::DnsRecord a_record(std::string name, sim::Ipv4Addr ip, uint32_t ttl) {
  sim::DnsRecord r;
  r.name = std::move(name);
  r.type = sim::dns_type::kA;
  r.ttl = ttl;
  r.a = ip;
  return r;
}

// An alias's address as `where` sees it (LoweredTopology::resolve), except that a
// public zone's alias of an instance in a peered VPC follows the peering's DNS
// resolution option, as the instance's EC2 public name does (dns_peering.hpp). A
// private zone's aliases are what its VPC's owner wrote them for: the node's
// address as seen from that VPC, private across a peering. `notes` gets why, for
// explanations, when a peering decided.
std::optional<sim::Ipv4Addr> alias_address(const TopologySpec& spec, const LoweredTopology& t,
                                           const Endpoint& where, const std::string& node,
                                           bool public_zone, std::vector<std::string>& notes) {
  const Endpoint* to = t.endpoint(node);
  if (public_zone && to && to->public_ip && !to->vpc.empty() && !where.vpc.empty() &&
      to->vpc != where.vpc) {
    DnsPeering peering(spec, where.vpc);
    if (const PeeringSpec* p = peering.peering_with(to->vpc)) {
      notes.push_back("alias " + node + " " + peering.why(*p));
      if (!p->dns_resolution) return to->public_ip;
    }
  }
  return t.resolve(where, node);
}

sim::DnsZone zone_of(const TopologySpec& spec, const DnsZoneSpec& z, const LoweredTopology& t,
                     const Endpoint& where) {
  sim::DnsZone zone;
  zone.name = sim::dns_absolute(z.name);
  zone.label = z.private_to.empty() ? "public zone " + z.name
                                    : "private zone " + z.name + " (VPC " + z.private_to + ")";
  std::vector<std::string> notes;
  for (const DnsRecordSpec& r : z.records) {
    sim::DnsRecord rec;
    rec.name = record_owner(r.name, z.name);
    rec.type = r.type;
    rec.ttl = r.ttl;
    rec.a = r.a;
    rec.target = r.target;
    rec.srv = r.srv;
    if (!r.alias.empty()) {
      auto ip = alias_address(spec, t, where, r.alias, z.private_to.empty(), notes);
      if (!ip) continue;  // validate() reported the unknown node
      rec.a = *ip;
    }
    zone.records.push_back(std::move(rec));
  }
  for (size_t i = 0; i < notes.size(); ++i) zone.label += (i ? "; " : " (") + notes[i];
  if (!notes.empty()) zone.label += ")";
  return zone;
}

// EC2's own names: public DNS names of instances with a public address
// (us-east-1 spelling, compute-1.amazonaws.com) and, inside a VPC, the private
// names of its instances (ec2.internal).
void add_ec2_names(const TopologySpec& spec, const Endpoint& where, sim::DnsView& view) {
  sim::DnsZone pub;
  pub.name = "compute-1.amazonaws.com.";
  const DnsPeering peering(spec, where.vpc);
  pub.label = "EC2 public DNS names (compute-1.amazonaws.com" + peering.summary() + ")";
  sim::DnsZone internal;
  internal.name = "ec2.internal.";
  internal.label = "EC2 private DNS names of VPC " + where.vpc + " (ec2.internal)";
  for (const VpcSpec& vpc : spec.vpcs) {
    bool inside = vpc.name == where.vpc;
    // Inside, or across a peering with DNS resolution from the peer VPC.
    bool private_view = peering.resolves_private(vpc.name);
    for (const InstanceSpec& i : vpc.instances) {
      if (i.elastic_ip) {
        pub.records.push_back(a_record("ec2-" + dashed(*i.elastic_ip) + "." + pub.name,
                                       private_view ? i.ip : *i.elastic_ip, 60));
      }
      if (inside) {
        internal.records.push_back(a_record("ip-" + dashed(i.ip) + "." + internal.name, i.ip, 60));
      }
    }
  }
  if (!pub.records.empty()) view.add_zone(std::move(pub));
  if (!where.vpc.empty()) view.add_zone(std::move(internal));
}

sim::IpNode& add_server_node(LoweredTopology& out, const std::string& name, sim::Ipv4Addr ip,
                             const std::string& uplink) {
  sim::IpNode& node = out.network.add<sim::IpNode>(name, sim::IpNode::Role::Host);
  node.add_interface("eth0", sim::InterfaceAddr{ip, 32}, sim::MacAddr::from_name(name + ":eth0"));
  // Everything is on-link: the uplink answers ARP for every address.
  node.add_route(
      sim::RouteEntry{sim::Prefix{}, sim::RouteAction::Forward, {}, 0, 0, 0, uplink, ""});
  return node;
}

}  // namespace

sim::Ipv4Addr vpc_dns_address(const VpcSpec& vpc) { return {vpc.cidr.addr.v + 2}; }

sim::DnsView dns_view(const TopologySpec& spec, const LoweredTopology& t, const Endpoint& where) {
  sim::DnsView view;
  add_ec2_names(spec, where, view);
  for (const DnsZoneSpec& z : spec.dns_zones) {
    if (z.private_to.empty()) view.add_zone(zone_of(spec, z, t, where));
  }
  // Private zones last: one with a public zone's name replaces it for this VPC.
  for (const DnsZoneSpec& z : spec.dns_zones) {
    if (!z.private_to.empty() && z.private_to == where.vpc) {
      view.add_zone(zone_of(spec, z, t, where));
    }
  }
  return view;
}

void lower_dns(const TopologySpec& spec, LoweredTopology& out) {
  for (const VpcSpec& vpc : spec.vpcs) {
    auto router_id = out.network.find(vpc.name + ":router");
    if (!router_id) continue;
    auto& router = static_cast<sim::VpcRouter&>(out.network.device(*router_id));
    sim::Ipv4Addr ip = vpc_dns_address(vpc);
    std::string name = vpc.name + ":dns";
    sim::IpNode& node = add_server_node(out, name, ip, "VPC router");
    uint16_t port = router.add_dns_port(ip, sim::MacAddr::from_name(router.name() + ":dns"),
                                        node.interfaces()[0].mac);
    out.network.connect({node.id(), 0}, {router.id(), port}, kFabricLatency);
    Endpoint where{name, node.id(), "instance", {}, {}, vpc.name, std::nullopt};
    node.add_service(std::make_unique<sim::DnsServer>(
        "Amazon DNS server of VPC " + vpc.name + " (" + ip.str() + ")",
        dns_view(spec, out, where)));
  }
  if (auto core_id = out.network.find("internet:core");
      core_id && !out.endpoint_owning(kPublicResolver)) {
    auto& core = static_cast<sim::InternetCore&>(out.network.device(*core_id));
    std::string name = "internet:dns";
    sim::IpNode& node = add_server_node(out, name, kPublicResolver, "internet uplink");
    uint16_t port = core.add_host_port(name, sim::MacAddr::from_name(core.name() + ":dns"),
                                       node.interfaces()[0].mac);
    core.add_owned(kPublicResolver, port, "the public DNS resolver");
    out.network.connect({node.id(), 0}, {core.id(), port}, kFabricLatency);
    Endpoint where{name, node.id(), "internet-host", {}, {}, "", std::nullopt};
    node.add_service(std::make_unique<sim::DnsServer>(
        "public DNS resolver (" + kPublicResolver.str() + ")", dns_view(spec, out, where)));
  }
  auto serve = [&](const std::string& node_name, const Boxed<DnsNodeSpec>& dns) {
    if (!dns || !dns->server) return;
    const Endpoint* ep = out.endpoint(node_name);
    if (!ep) return;
    auto* node = dynamic_cast<sim::IpNode*>(&out.network.device(ep->device));
    if (!node) return;
    node->add_service(
        std::make_unique<sim::DnsServer>("DNS server on " + node_name, dns_view(spec, out, *ep)));
  };
  for (const NetworkSpec& net : spec.networks) {
    for (const NodeSpec& n : net.nodes) serve(n.name, n.dns);
  }
  if (spec.internet) {
    for (const InternetHostSpec& h : spec.internet->hosts) serve(h.name, h.dns);
  }
  for (const VpcSpec& vpc : spec.vpcs) {
    for (const InstanceSpec& i : vpc.instances) serve(i.name, i.dns);
  }
}

std::optional<ResolverChoice> resolver_of(const TopologySpec& spec, const LoweredTopology& t,
                                          const Endpoint& from, std::string* why) {
  auto fail = [&](std::string text) -> std::optional<ResolverChoice> {
    if (why) *why = std::move(text);
    return std::nullopt;
  };
  if (from.kind == "instance") {
    for (const VpcSpec& vpc : spec.vpcs) {
      if (vpc.name == from.vpc) {
        return ResolverChoice{vpc_dns_address(vpc), "Amazon DNS server of VPC " + vpc.name};
      }
    }
  }
  if (from.kind == "internet-host") {
    const Endpoint* owner = t.endpoint_owning(kPublicResolver);
    if (owner && owner->name != from.name && owner->kind == "internet-host") {
      return ResolverChoice{kPublicResolver, "DNS server on " + owner->name};
    }
    if (!owner) return ResolverChoice{kPublicResolver, "public DNS resolver"};
    return fail(from.name + " is " + kPublicResolver.str() + " itself and runs no resolver");
  }
  for (const NetworkSpec& net : spec.networks) {
    for (const NodeSpec& n : net.nodes) {
      if (n.name != from.name) continue;
      if (const auto& resolver = n.dns.view().resolver) {
        const Endpoint* server = t.endpoint_owning(*resolver);
        return ResolverChoice{
            *resolver, server ? "DNS server on " + server->name : "resolver=" + resolver->str()};
      }
      return fail(from.name + " has no DNS resolver: give it resolver=\"IP\" (docs/dns.md)");
    }
  }
  return fail(from.name + " (" + from.kind + ") has no DNS resolver (docs/dns.md)");
}

}  // namespace vpcsim::topo
