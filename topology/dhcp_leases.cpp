#include "topology/dhcp_leases.hpp"

#include <algorithm>
#include <string_view>
#include <unordered_map>

namespace vpcsim::topo {
namespace {

bool uses_dhcp(const NetworkSpec& net) {
  for (const NodeSpec& n : net.nodes) {
    if (n.dhcp_servers) return true;
    for (const InterfaceSpec& i : n.interfaces) {
      if (i.dhcp) return true;
    }
  }
  return false;
}

std::optional<size_t> interface_index(const NodeSpec& node, std::string_view name) {
  for (size_t i = 0; i < node.interfaces.size(); ++i) {
    if (node.interfaces[i].name == name) return i;
  }
  return std::nullopt;
}

bool is_l2(const NodeSpec& n) { return n.kind == NodeKind::Switch || n.kind == NodeKind::Hub; }

}  // namespace

L2Segments::L2Segments(const NetworkSpec& net) {
  std::unordered_map<std::string_view, size_t> by_name;
  size_t vertices = 0;
  for (size_t i = 0; i < net.nodes.size(); ++i) {
    const NodeSpec& n = net.nodes[i];
    by_name.emplace(n.name, i);
    first_vertex_.push_back(vertices);
    vertices += is_l2(n) ? 1 : std::max<size_t>(n.interfaces.size(), 1);
  }
  first_vertex_.push_back(vertices);
  parent_.resize(vertices);
  for (size_t v = 0; v < vertices; ++v) parent_[v] = v;
  linked_.assign(vertices, false);
  auto vertex = [&](const LinkEndSpec& end) -> std::optional<size_t> {
    auto it = by_name.find(end.node);
    if (it == by_name.end()) return std::nullopt;
    const NodeSpec& n = net.nodes[it->second];
    if (is_l2(n) || end.interface.empty()) return first_vertex_[it->second];
    auto i = interface_index(n, end.interface);
    if (!i) return std::nullopt;
    return first_vertex_[it->second] + *i;
  };
  for (const LinkSpec& l : net.links) {
    auto a = vertex(l.a), b = vertex(l.b);
    if (!a || !b) continue;
    linked_[*a] = linked_[*b] = true;
    parent_[find(*a)] = find(*b);
  }
}

size_t L2Segments::find(size_t v) const {
  while (parent_[v] != v) v = parent_[v] = parent_[parent_[v]];
  return v;
}

std::optional<size_t> L2Segments::of(size_t node, size_t iface) const {
  size_t v = first_vertex_[node] + iface;
  if (v >= first_vertex_[node + 1] || !linked_[v]) return std::nullopt;
  return find(v);
}

namespace {

// AWS's DHCP service hands an instance a free address of its subnet: never the
// five reserved ones (network, .1 router, .2 DNS, .3, broadcast), nor one that
// another network interface holds (static instances, NAT gateways, earlier leases).
void plan_vpc_leases(VpcSpec& vpc) {
  for (const SubnetSpec& subnet : vpc.subnets) {
    std::vector<sim::Ipv4Addr> taken;
    for (const InstanceSpec& in : vpc.instances) {
      if (!in.dhcp && in.subnet == subnet.name) taken.push_back(in.ip);
    }
    for (const NatGatewaySpec& n : vpc.nat_gateways) {
      if (n.subnet == subnet.name) taken.push_back(n.ip);
    }
    const uint64_t first = uint64_t(subnet.cidr.addr.v) + 4;
    const uint64_t last =
        uint64_t(subnet.cidr.addr.v) + (uint64_t(1) << (32 - subnet.cidr.len)) - 2;
    for (InstanceSpec& in : vpc.instances) {
      if (!in.dhcp || in.subnet != subnet.name) continue;
      in.dhcp->server = vpc.name;
      in.dhcp->server_interface = subnet.name;
      in.dhcp->status = DhcpLeasePlan::Status::PoolExhausted;
      for (uint64_t a = first; a <= last; ++a) {
        sim::Ipv4Addr ip{uint32_t(a)};
        if (std::find(taken.begin(), taken.end(), ip) != taken.end()) continue;
        in.ip = ip;
        in.dhcp->status = DhcpLeasePlan::Status::Leased;
        taken.push_back(ip);
        break;
      }
    }
  }
}

}  // namespace

void plan_dhcp_leases(TopologySpec& spec) {
  for (VpcSpec& vpc : spec.vpcs) {
    bool any = false;
    for (const InstanceSpec& in : vpc.instances) any |= in.dhcp.has_value();
    if (any) plan_vpc_leases(vpc);
  }
  for (NetworkSpec& net : spec.networks) {
    if (!uses_dhcp(net)) continue;
    const L2Segments segments(net);
    struct Server {
      const NodeSpec* node;
      const DhcpServerSpec* spec;
      sim::InterfaceAddr addr;
      std::vector<sim::Ipv4Addr> taken;
    };
    std::vector<Server> servers;
    std::unordered_map<size_t, std::vector<size_t>> by_segment;  // segment -> servers
    for (size_t n = 0; n < net.nodes.size(); ++n) {
      const NodeSpec& node = net.nodes[n];
      for (const DhcpServerSpec& s : node.dhcp_servers.view()) {
        auto i = interface_index(node, s.interface);
        if (!i || node.interfaces[*i].dhcp) continue;  // validate reports it
        auto seg = segments.of(n, *i);
        if (!seg) continue;
        by_segment[*seg].push_back(servers.size());
        servers.push_back(Server{&node, &s, node.interfaces[*i].addr, {}});
      }
    }
    for (size_t n = 0; n < net.nodes.size(); ++n) {
      NodeSpec& node = net.nodes[n];
      for (size_t i = 0; i < node.interfaces.size(); ++i) {
        InterfaceSpec& iface = node.interfaces[i];
        if (!iface.dhcp) continue;
        DhcpLeasePlan& plan = *iface.dhcp;
        plan.gateway_written = iface.gateway.has_value();
        auto seg = segments.of(n, i);
        auto found = seg ? by_segment.find(*seg) : by_segment.end();
        if (found == by_segment.end()) {
          plan.status = DhcpLeasePlan::Status::NoServer;
          continue;
        }
        Server& server = servers[found->second.front()];
        plan.server = server.node->name;
        plan.server_interface = server.spec->interface;
        plan.server_loc = server.spec->loc;
        if (found->second.size() > 1) {
          plan.status = DhcpLeasePlan::Status::Competing;
          continue;
        }
        // The lowest address of the pool no earlier client took.
        std::optional<sim::Ipv4Addr> pick;
        for (uint64_t a = server.spec->pool_first.v; a <= server.spec->pool_last.v; ++a) {
          sim::Ipv4Addr ip{uint32_t(a)};
          if (std::find(server.taken.begin(), server.taken.end(), ip) == server.taken.end()) {
            pick = ip;
            break;
          }
        }
        if (!pick) {
          plan.status = DhcpLeasePlan::Status::PoolExhausted;
          continue;
        }
        server.taken.push_back(*pick);
        plan.status = DhcpLeasePlan::Status::Leased;
        iface.addr = sim::InterfaceAddr{*pick, server.addr.len};
        iface.gateway = server.spec->gateway;  // option 3, or none
      }
    }
  }
}

}  // namespace vpcsim::topo
