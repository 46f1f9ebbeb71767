#include "topology/lower.hpp"

#include <string_view>
#include <unordered_map>

#include "sim/devices/hub.hpp"
#include "sim/devices/ip_node.hpp"
#include "sim/devices/l2_switch.hpp"
#include "topology/dhcp_lower.hpp"
#include "topology/dns_lower.hpp"
#include "topology/load_balancer_lower.hpp"
#include "topology/lower_vpc.hpp"

namespace vpcsim::topo {
namespace {

using sim::DeviceId;
using sim::IpNode;

sim::IpProto ip_proto(Protocol p) {
  return p == Protocol::Udp ? sim::IpProto::Udp : sim::IpProto::Tcp;
}

sim::RouteAction route_action(RouteType t) {
  switch (t) {
    case RouteType::Normal:
      return sim::RouteAction::Forward;
    case RouteType::Blackhole:
      return sim::RouteAction::Blackhole;
    case RouteType::Unreachable:
      return sim::RouteAction::Unreachable;
    case RouteType::Prohibit:
      return sim::RouteAction::Prohibit;
  }
  return sim::RouteAction::Forward;
}

// Index of the interface whose subnet holds `ip` (validated to exist for gateways).
std::optional<uint16_t> interface_on_subnet(const NodeSpec& node, sim::Ipv4Addr ip) {
  for (size_t i = 0; i < node.interfaces.size(); ++i) {
    if (node.interfaces[i].addr.subnet().contains(ip)) return uint16_t(i);
  }
  return std::nullopt;
}

std::optional<uint16_t> interface_named(const NodeSpec& node, const std::string& name) {
  for (size_t i = 0; i < node.interfaces.size(); ++i) {
    if (node.interfaces[i].name == name) return uint16_t(i);
  }
  return std::nullopt;
}

class NetworkLowering {
 public:
  NetworkLowering(LoweredTopology& out) : out_(out) {}

  void add_nodes(const NetworkSpec& net) {
    nodes_.reserve(nodes_.size() + net.nodes.size());
    for (const NodeSpec& node : net.nodes) {
      switch (node.kind) {
        case NodeKind::Host:
        case NodeKind::Router:
          add_ip_node(node);
          break;
        case NodeKind::Switch:
          nodes_[node.name] = {
              &node, out_.network
                         .add<sim::L2Switch>(
                             node.name, node.mac_aging.value_or(sim::Duration{300'000'000'000}))
                         .id()};
          break;
        case NodeKind::Hub:
          nodes_[node.name] = {&node, out_.network.add<sim::Hub>(node.name).id()};
          break;
      }
      out_.network.device(nodes_[node.name].device).set_down(node.down);
    }
  }

  void add_links(const NetworkSpec& net) {
    for (const LinkSpec& link : net.links) {
      sim::PortRef a = port_for(link.a), b = port_for(link.b);
      out_.network.connect(a, b, link.latency, link.bandwidth_bps.value_or(0), link.down);
    }
  }

 private:
  struct Lowered {
    const NodeSpec* spec;
    DeviceId device;
  };

  void add_ip_node(const NodeSpec& node) {
    auto role = node.kind == NodeKind::Router ? IpNode::Role::Router : IpNode::Role::Host;
    IpNode& dev = out_.network.add<IpNode>(node.name, role);
    Endpoint ep{
        node.name, dev.id(), node.kind == NodeKind::Router ? "router" : "host", {}, node.listens, "", std::nullopt};
    for (const InterfaceSpec& i : node.interfaces) {
      dev.add_interface(i.name, i.addr,
                        i.mac.value_or(sim::MacAddr::from_name(node.name + ":" + i.name)));
      ep.addresses.push_back(i.addr);
    }
    for (size_t i = 0; i < node.interfaces.size(); ++i) {
      const InterfaceSpec& iface = node.interfaces[i];
      if (!iface.gateway) continue;
      // Several gateways: the first interface's wins ties (lower metric), as the
      // order of `ip route add default` would.
      dev.add_route(sim::RouteEntry{sim::Prefix{}, sim::RouteAction::Forward, *iface.gateway,
                                    uint16_t(i), uint32_t(i), 0, "default gateway",
                                    iface.loc.str()});
    }
    for (const RouteSpec& r : node.routes) {
      sim::RouteEntry e{
          r.destination,  route_action(r.type), r.via.value_or(sim::Ipv4Addr{}), 0, 0, 0,
          "static route", r.loc.str()};
      if (r.type == RouteType::Normal) {
        auto iface = r.via ? interface_on_subnet(node, *r.via) : interface_named(node, r.interface);
        if (!iface) continue;  // validate() reports it; nothing sensible to install
        e.iface = *iface;
      }
      dev.add_route(std::move(e));
    }
    for (const ListenSpec& l : node.listens) dev.add_listener(ip_proto(l.protocol), l.port);
    // NAT (DESIGN.md section 3): masquerade to an interface's address (without one
    // named, the only interface or the one the default route leaves by), port forwards.
    // A host that masquerades forwards what it translates (Linux: ip_forward=1), as
    // a NAT instance does in lower_vpc.
    if (!node.masquerades.empty()) dev.set_forwarding(true);
    for (const MasqueradeSpec& m : node.masquerades) {
      auto iface = m.interface.empty() ? default_interface(dev) : interface_named(node, m.interface);
      if (!iface) continue;  // validate() reports it
      dev.add_masquerade(sim::Masquerade{*iface, m.source});
    }
    for (const PortForwardSpec& f : node.port_forwards) {
      dev.add_port_forward(sim::PortForward{ip_proto(f.protocol), f.port, f.to_ip, f.to_port});
    }
    lower_dhcp(node, dev, out_.network);  // docs/dhcp.md
    nodes_[node.name] = {&node, dev.id()};
    out_.endpoints.push_back(std::move(ep));
  }

  // The interface a masquerade without interface= means: the only one, else the
  // one the default route leaves by.
  static std::optional<uint16_t> default_interface(const IpNode& dev) {
    if (dev.interfaces().size() == 1) return 0;
    for (const sim::RouteEntry& e : dev.routes().entries()) {
      if (e.dst.len == 0 && e.action == sim::RouteAction::Forward) return e.iface;
    }
    return std::nullopt;
  }

  sim::PortRef port_for(const LinkEndSpec& end) {
    const Lowered& n = nodes_.at(end.node);
    sim::Device& dev = out_.network.device(n.device);
    if (n.spec->kind == NodeKind::Switch || n.spec->kind == NodeKind::Hub) {
      uint16_t port = dev.add_port("p" + std::to_string(dev.ports().size() + 1));
      return {n.device, port};
    }
    // One-interface nodes may be named without the interface.
    auto iface = end.interface.empty() ? std::optional<uint16_t>(0)
                                       : interface_named(*n.spec, end.interface);
    return {n.device, iface.value_or(0)};
  }

  LoweredTopology& out_;
  // By the spec's own names (the spec outlives the lowering): no copies.
  std::unordered_map<std::string_view, Lowered> nodes_;
};

}  // namespace

const Endpoint* LoweredTopology::endpoint(std::string_view name) const {
  auto it = by_name_.find(name);
  return it == by_name_.end() ? nullptr : &endpoints[it->second];
}

const Endpoint* LoweredTopology::endpoint_owning(sim::Ipv4Addr ip) const {
  for (const Endpoint& ep : endpoints) {
    for (const sim::InterfaceAddr& a : ep.addresses) {
      if (a.ip == ip) return &ep;
    }
  }
  return nullptr;
}

namespace {

// Whether `from` sees `to` from inside: same VPC, or a peered one.
bool sees_private(const LoweredTopology& t, const Endpoint& from, const Endpoint& to) {
  return from.vpc == to.vpc || t.peered.count({from.vpc, to.vpc}) > 0;
}

}  // namespace

std::optional<sim::Ipv4Addr> LoweredTopology::resolve(const Endpoint& from,
                                                      std::string_view target) const {
  if (auto ip = sim::Ipv4Addr::parse(target)) return ip;
  const Endpoint* to = endpoint(target);
  if (!to || to->addresses.empty()) return std::nullopt;
  if (!to->vpc.empty()) {
    if (sees_private(*this, from, *to) || !to->public_ip) return to->addresses.front().ip;
    return to->public_ip;
  }
  for (const sim::InterfaceAddr& mine : from.addresses) {
    for (const sim::InterfaceAddr& theirs : to->addresses) {
      if (mine.subnet().contains(theirs.ip)) return theirs.ip;
    }
  }
  return to->addresses.front().ip;
}

std::optional<std::string> LoweredTopology::no_public_ip(const Endpoint& from,
                                                         std::string_view target) const {
  const Endpoint* to = endpoint(target);
  if (!to || to->vpc.empty() || to->public_ip || sees_private(*this, from, *to)) return std::nullopt;
  std::string where = from.kind == "internet-host" ? "on the internet"
                      : from.vpc.empty()              ? "outside VPC " + to->vpc
                                                      : "in VPC " + from.vpc;
  return to->name + " has no public IP: from " + from.name + " " + where + " its name stands " +
         "only for its private address " + to->addresses.front().ip.str() +
         ", which cannot be reached from there";
}

LoweredTopology lower(const TopologySpec& spec) {
  LoweredTopology out;
  for (const NetworkSpec& net : spec.networks) {
    NetworkLowering lowering(out);
    lowering.add_nodes(net);
    lowering.add_links(net);
  }
  lower_aws(spec, out);
  add_http_servers(out);  // topology/load_balancer_lower.cpp
  for (size_t i = 0; i < out.endpoints.size(); ++i) out.by_name_.emplace(out.endpoints[i].name, i);
  lower_dns(spec, out);  // after the endpoints: alias records resolve through them
  return out;
}

}  // namespace vpcsim::topo
