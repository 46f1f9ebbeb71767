#include "topology/validate.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "topology/dhcp_validate.hpp"
#include "topology/dns_validate.hpp"
#include "topology/graph_view.hpp"
#include "topology/limits.hpp"
#include "topology/load_balancer_validate.hpp"

// Namespaces, as the checks below resolve names:
// - one global namespace for everything a probe or a route can name: classic
//   hosts, routers, switches and hubs, internet hosts, instances, internet and NAT
//   gateways, and peerings ("local" and "blackhole" are route-target keywords);
// - VPC names among VPCs, network names among networks;
// - per VPC: subnets, route tables, NACLs, security groups (a subnet may share
//   its name with an instance, as "app" does in DESIGN.md's example);
// - per node: interface names. An instance has one interface, eth0.
// Link ends resolve among the devices of the link's own <network>.
// Address uniqueness: interface IPs and MACs per classic network (separate labs
// may reuse 192.168.0.0/24), private IPs per VPC, public IPs across the internet.

namespace vpcsim::topo {
namespace {

using sim::Ipv4Addr;
using sim::MacAddr;
using sim::Prefix;

// Longer names cannot be within 2 edits of a valid one (names are at most 64).
constexpr size_t kMaxSuggestLength = 64;

std::string q(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out.push_back('\'');
  out.append(s);
  out.push_back('\'');
  return out;
}

// "a switch", "an instance".
std::string a_an(const std::string& noun) {
  bool vowel =
      !noun.empty() && std::string_view("aeiouAEIOU").find(noun[0]) != std::string_view::npos;
  return (vowel ? "an " : "a ") + noun;
}

std::string node_kind_name(NodeKind k) {
  switch (k) {
    case NodeKind::Host:
      return "host";
    case NodeKind::Router:
      return "router";
    case NodeKind::Switch:
      return "switch";
    case NodeKind::Hub:
      return "hub";
  }
  return "node";
}

std::string protocol_name(Protocol p) {
  switch (p) {
    case Protocol::All:
      return "all";
    case Protocol::Tcp:
      return "tcp";
    case Protocol::Udp:
      return "udp";
    case Protocol::Icmp:
      return "icmp";
  }
  return "all";
}

bool loc_less(const SourceLoc& a, const SourceLoc& b) {
  return std::tie(a.file, a.line, a.col) < std::tie(b.file, b.line, b.col);
}

// "did you mean" (when one name is close) followed by the list of known names.
std::vector<std::string> name_notes(std::string_view wrong, std::string_view what,
                                    const std::vector<std::string>& known) {
  std::vector<std::string> notes;
  if (auto near = closest_name(wrong, known)) notes.push_back("did you mean " + q(*near) + "?");
  notes.push_back(known_names_note(what, known));
  return notes;
}

// First user of a value (an address, a name, a port) and where it was written.
struct FirstUse {
  std::string who;
  SourceLoc loc;
};

// Records `key` for `who`; on a repeat returns the first user.
template <class Key>
std::optional<FirstUse> claim(std::map<Key, FirstUse>& seen, const Key& key, std::string who,
                              const SourceLoc& loc) {
  auto [it, fresh] = seen.emplace(key, FirstUse{std::move(who), loc});
  if (fresh) return std::nullopt;
  return it->second;
}

// A host or router interface in a network: (node index, interface name).
using PortKey = std::pair<size_t, std::string_view>;
struct PortKeyHash {
  size_t operator()(const PortKey& k) const {
    return std::hash<std::string_view>{}(k.second) * 31 + k.first;
  }
};

// One address and who uses it, for duplicate checks in file order.
struct AddressUse {
  uint32_t ip = 0;
  std::string who, what;  // "instance 'web'", "elastic IP"
  SourceLoc loc;
};

class Validator {
 public:
  explicit Validator(const TopologySpec& spec) : spec_(spec), graph_(spec) {}

  Diagnostics run() {
    check_global_names();
    for (size_t g = 0; g < spec_.networks.size(); ++g) check_network(g);
    check_l2_loops();
    for (size_t g = 0; g < spec_.vpcs.size(); ++g) check_vpc(g);
    check_peerings();
    check_internet();
    validate_dns(spec_, diags_);
    diags_.append(validate_dhcp(spec_));  // docs/dhcp.md
    report_duplicate_ips(std::move(public_ips_));
    return std::move(diags_);
  }

 private:
  void check_global_names();
  void check_network(size_t g);
  void check_node_services(const std::string& who, const std::vector<ListenSpec>& listens,
                           const std::vector<PortForwardSpec>& forwards);
  void check_l2_loops();
  [[nodiscard]] std::string l2_loop_ports(size_t network, const std::vector<std::string>& ring,
                                          const SourceLoc& closing) const;
  void check_vpc(size_t g);
  void check_vpc_routes(const VpcSpec& vpc);
  void check_rule_ports(const std::string& who, const SourceLoc& loc, Protocol p,
                        const PortRange& ports);
  void check_vpc_address(const VpcSpec& vpc, const std::string& who, const SourceLoc& loc,
                         const std::string& subnet_name, Ipv4Addr ip);
  void check_peerings();
  void check_internet();
  void report_duplicate_ips(std::vector<AddressUse> uses);

  // Whether the far end of a link from an interface puts `hop` on its segment:
  // the end is that address, or a switch/hub whose segment has it.
  bool on_segment_end(GraphView::Vertex end, const std::string& port, Ipv4Addr hop);
  // Interfaces of classic host/router `v` named `port` that have address `hop`.
  bool has_address(GraphView::Vertex v, const std::string& port, Ipv4Addr hop) const;

  const TopologySpec& spec_;
  GraphView graph_;
  // Built on first use: the L2 component of each vertex, and (component, ip) of
  // every host/router interface linked to a switch or hub, sorted.
  std::vector<size_t> l2_component_;
  std::vector<std::pair<size_t, uint32_t>> segment_ips_;
  Diagnostics diags_;
  std::vector<AddressUse> public_ips_;  // checked once all are known, in file order
};

// ---- names ------------------------------------------------------------------

void Validator::check_global_names() {
  struct Entry {
    std::string_view name;  // viewed in the spec
    std::string kind;
    SourceLoc loc;
  };
  std::vector<Entry> all;
  if (spec_.internet) {
    for (const auto& h : spec_.internet->hosts) all.push_back({h.name, "internet host", h.loc});
  }
  for (const VpcSpec& vpc : spec_.vpcs) {
    if (vpc.internet_gateway) {
      all.push_back({vpc.internet_gateway->name, "internet gateway", vpc.internet_gateway->loc});
    }
    for (const auto& n : vpc.nat_gateways) all.push_back({n.name, "NAT gateway", n.loc});
    for (const auto& i : vpc.instances) all.push_back({i.name, "instance", i.loc});
  }
  for (const auto& p : spec_.peerings) all.push_back({p.name, "peering", p.loc});
  for (const NetworkSpec& net : spec_.networks) {
    for (const NodeSpec& n : net.nodes) all.push_back({n.name, node_kind_name(n.kind), n.loc});
  }
  // "First definition" means first in the file, whatever section it is in.
  std::stable_sort(all.begin(), all.end(),
                   [](const Entry& a, const Entry& b) { return loc_less(a.loc, b.loc); });
  std::unordered_map<std::string_view, const Entry*> first;  // lookups only
  first.reserve(all.size());
  for (const Entry& e : all) {
    if (e.name == "local" || e.name == "blackhole") {
      diags_.error(e.loc, "reserved-name",
                   e.kind + " " + q(e.name) + ": " + q(e.name) +
                       " is a route target keyword and cannot name a node");
    }
    auto [it, fresh] = first.emplace(e.name, &e);
    if (fresh) continue;
    std::vector<std::string> notes{"the " + it->second->kind + " " + q(e.name) + " is defined at " +
                                   it->second->loc.str()};
    if (it->second->kind != e.kind) {
      notes.push_back(
          "devices, instances, gateways, internet hosts and peerings share one namespace");
    }
    diags_.error(
        e.loc, "duplicate-name",
        e.kind + " " + q(e.name) + ": the name is already used by " + a_an(it->second->kind),
        std::move(notes));
  }

  std::map<std::string, FirstUse> vpcs, networks;
  for (const VpcSpec& vpc : spec_.vpcs) {
    if (auto f = claim(vpcs, vpc.name, "vpc", vpc.loc)) {
      diags_.error(vpc.loc, "duplicate-name",
                   "vpc " + q(vpc.name) + ": the name is already used by a vpc",
                   {"the vpc " + q(vpc.name) + " is defined at " + f->loc.str()});
    }
  }
  for (const NetworkSpec& net : spec_.networks) {
    if (auto f = claim(networks, net.name, "network", net.loc)) {
      diags_.error(net.loc, "duplicate-name",
                   "network " + q(net.name) + ": the name is already used by a network",
                   {"the network " + q(net.name) + " is defined at " + f->loc.str()});
    }
  }
}

// ---- classic networks ----------------------------------------------------------

void Validator::check_network(size_t g) {
  const NetworkSpec& net = spec_.networks[g];
  // Lookups only (never iterated), keyed by views of the spec's own names: a
  // network may hold a million nodes, so no copies and no tree nodes.
  std::unordered_map<std::string_view, size_t> by_name;
  by_name.reserve(net.nodes.size());
  for (size_t i = 0; i < net.nodes.size(); ++i) by_name.emplace(net.nodes[i].name, i);
  auto device_names = [&net] {  // for messages only
    std::vector<std::string> names;
    for (const NodeSpec& n : net.nodes) names.push_back(n.name);
    return names;
  };
  const std::string devices_what = "devices in network " + q(net.name);

  // The first interface to use each address and MAC; "who" is spelled out
  // only when a duplicate is reported.
  struct FirstIface {
    const NodeSpec* node;
    const InterfaceSpec* iface;
    [[nodiscard]] std::string who() const {
      return node_kind_name(node->kind) + " " + q(node->name) + " " + iface->name;
    }
  };
  std::unordered_map<uint32_t, FirstIface> ips;
  std::unordered_map<uint64_t, FirstIface> macs;

  for (const NodeSpec& node : net.nodes) {
    const std::string who = node_kind_name(node.kind) + " " + q(node.name);
    for (auto ii = node.interfaces.begin(); ii != node.interfaces.end(); ++ii) {
      const InterfaceSpec& i = *ii;
      // A node has few interfaces: the first of the same name is found by a scan.
      auto first = std::find_if(node.interfaces.begin(), ii,
                                [&i](const InterfaceSpec& o) { return o.name == i.name; });
      if (first != ii) {
        diags_.error(i.loc, "duplicate-interface",
                     who + ": interface " + q(i.name) + " is defined twice",
                     {"the first " + q(i.name) + " is at " + first->loc.str()});
        continue;  // its derived MAC would repeat the first one's: say it once
      }
      const FirstIface self{&node, &i};
      // An ip="dhcp" interface without a lease has no address (validate_dhcp says why).
      if (auto [f, fresh] = ips.try_emplace(i.addr.ip.v, self); !fresh && i.addr.ip.v != 0) {
        diags_.error(i.loc, "duplicate-ip",
                     self.who() + ": address " + i.addr.ip.str() + " is already used by " +
                         f->second.who(),
                     {"first used at " + f->second.iface->loc.str()});
      }
      MacAddr mac = i.mac ? *i.mac : MacAddr::from_name(node.name + ":" + i.name);
      if (auto [f, fresh] = macs.try_emplace(mac.v, self); !fresh) {
        diags_.error(i.loc, "duplicate-mac",
                     self.who() + ": MAC " + mac.str() + " is already used by " + f->second.who(),
                     {"first used at " + f->second.iface->loc.str()});
      }
      if (i.gateway) {
        bool on_subnet = std::any_of(
            node.interfaces.begin(), node.interfaces.end(),
            [&](const InterfaceSpec& o) { return o.addr.subnet().contains(*i.gateway); });
        if (!on_subnet) {
          std::string subnets;
          for (const InterfaceSpec& o : node.interfaces) {
            subnets += (subnets.empty() ? "" : ", ") + o.name + " " + o.addr.subnet().str();
          }
          diags_.error(i.loc, "gateway-off-subnet",
                       who + ": gateway " + i.gateway->str() + " of " + i.name +
                           " is not on any of its subnets (" + subnets + ")");
        }
      }
    }

    std::vector<std::string> iface_list;
    for (const InterfaceSpec& i : node.interfaces) iface_list.push_back(i.name);
    auto has_iface = [&](const std::string& n) {
      return std::find(iface_list.begin(), iface_list.end(), n) != iface_list.end();
    };
    std::map<Prefix, FirstUse> route_dests;
    bool has_default_route =
        std::any_of(node.interfaces.begin(), node.interfaces.end(),
                    [](const InterfaceSpec& i) { return i.gateway.has_value(); });
    for (const RouteSpec& r : node.routes) {
      const std::string rwho = "route to " + r.destination.str() + " of " + who;
      if (r.destination.len == 0) has_default_route = true;
      if (auto f = claim(route_dests, r.destination, rwho, r.loc)) {
        diags_.error(r.loc, "duplicate-route",
                     rwho + ": " + who + " already has a route to " + r.destination.str(),
                     {"the first is at " + f->loc.str()});
      }
      if (r.type == RouteType::Normal) {
        if (r.via && !r.interface.empty()) {
          diags_.error(r.loc, "bad-route", rwho + ": give either via= or interface=, not both");
        } else if (!r.via && r.interface.empty()) {
          diags_.error(r.loc, "bad-route",
                       rwho +
                           ": needs via= (next hop) or interface= (directly attached), or a "
                           "type= of blackhole, unreachable or prohibit");
        }
      } else if (r.via || !r.interface.empty()) {
        diags_.error(r.loc, "bad-route",
                     rwho +
                         ": a blackhole, unreachable or prohibit route takes no via= or "
                         "interface=");
      }
      if (!r.interface.empty() && !has_iface(r.interface)) {
        diags_.error(r.loc, "unknown-interface",
                     rwho + ": no interface " + q(r.interface) + " on " + who,
                     name_notes(r.interface, "interfaces of " + who, iface_list));
      }
      if (r.via && r.interface.empty()) {
        bool connected =
            std::any_of(node.interfaces.begin(), node.interfaces.end(),
                        [&](const InterfaceSpec& i) { return i.addr.subnet().contains(*r.via); });
        if (!connected) {
          // Linux refuses such a route ("Nexthop has invalid gateway").
          diags_.error(r.loc, "via-off-subnet",
                       rwho + ": next hop " + r.via->str() + " is not on any subnet of " + who);
        }
      }
    }
    for (const MasqueradeSpec& m : node.masquerades) {
      if (!m.interface.empty() && !has_iface(m.interface)) {
        diags_.error(m.loc, "unknown-interface",
                     "masquerade of " + who + ": no interface " + q(m.interface) + " on " + who,
                     name_notes(m.interface, "interfaces of " + who, iface_list));
      } else if (m.interface.empty() && node.interfaces.size() > 1 && !has_default_route) {
        diags_.error(m.loc, "ambiguous-masquerade",
                     "masquerade of " + who + ": names no interface, and " + who + " has " +
                         std::to_string(node.interfaces.size()) +
                         " interfaces and no default route to choose one by",
                     {"add interface=\"NAME\" to <masquerade>"});
      }
    }
    if (!node.listens.empty() || !node.port_forwards.empty()) {
      check_node_services(who, node.listens, node.port_forwards);
    }
  }

  // Links: resolve both ends, then check the wiring.
  // (node index, interface name), the names viewed in the spec; lookups only.
  std::unordered_map<PortKey, SourceLoc, PortKeyHash> used_ports;
  std::vector<bool> mentioned(net.nodes.size(), false);
  std::unordered_set<PortKey, PortKeyHash> linked;
  // Links per switch and hub: each is a port, and port numbers are 16-bit.
  std::vector<uint32_t> l2_ports(net.nodes.size(), 0);
  for (const LinkSpec& l : net.links) {
    // Spelled out only for a message: this loop runs once per link of the file.
    auto lwho = [&l] {
      return "link " + l.a.node + (l.a.interface.empty() ? "" : ":" + l.a.interface) + " -- " +
             l.b.node + (l.b.interface.empty() ? "" : ":" + l.b.interface);
    };
    std::optional<size_t> ends[2];
    const LinkEndSpec* specs[2] = {&l.a, &l.b};
    for (int k = 0; k < 2; ++k) {
      const LinkEndSpec& end = *specs[k];
      auto it = by_name.find(end.node);
      if (it != by_name.end()) {
        ends[k] = it->second;
        mentioned[it->second] = true;
        continue;
      }
      std::string where;
      for (const NetworkSpec& other : spec_.networks) {
        if (&other == &net) continue;
        for (const NodeSpec& n : other.nodes) {
          if (n.name == end.node && where.empty())
            where = " (it is in network " + q(other.name) + "; links join devices of one network)";
        }
      }
      for (const VpcSpec& vpc : spec_.vpcs) {
        for (const InstanceSpec& i : vpc.instances) {
          if (i.name == end.node && where.empty())
            where = " (it is an instance in vpc " + q(vpc.name) +
                    "; instances attach to subnets, not links)";
        }
      }
      diags_.error(l.loc, "unknown-device",
                   lwho() + ": no device " + q(end.node) + " in network " + q(net.name) + where,
                   name_notes(end.node, devices_what, device_names()));
      // The device the typo most likely meant is not "unlinked" on top of that.
      if (auto near = closest_name(end.node, device_names())) mentioned[by_name.at(*near)] = true;
    }
    if (ends[0] && ends[1] && *ends[0] == *ends[1]) {
      diags_.error(l.loc, "self-link", lwho() + ": both ends are on " + q(l.a.node));
      continue;
    }
    std::string_view ports[2];  // interface names, viewed in the spec
    bool ok[2] = {false, false};
    for (int k = 0; k < 2; ++k) {
      if (!ends[k]) continue;
      const NodeSpec& node = net.nodes[*ends[k]];
      const LinkEndSpec& end = *specs[k];
      // For messages only, so spelled out only then.
      auto who = [&node] { return node_kind_name(node.kind) + " " + q(node.name); };
      auto iface_list = [&node] {
        std::vector<std::string> names;
        for (const InterfaceSpec& i : node.interfaces) names.push_back(i.name);
        return names;
      };
      if (node.kind == NodeKind::Switch || node.kind == NodeKind::Hub) {
        if (++l2_ports[*ends[k]] == limits::kMaxPortsPerDevice + 1) {
          diags_.error(l.loc, "too-many-ports",
                       lwho() + ": more than " + std::to_string(limits::kMaxPortsPerDevice) +
                           " links on " + who() + " (a limit of vpcsim, see docs/fuzzing.md)");
        }
        if (!end.interface.empty()) {
          diags_.error(l.loc, "bad-link-end",
                       lwho() + ": " + who() + " has no named interfaces; write " + q(node.name) +
                           " (its ports are numbered in link order)");
        }
        continue;
      }
      if (end.interface.empty()) {
        if (node.interfaces.size() == 1) {
          ports[k] = node.interfaces.front().name;
          ok[k] = true;
        } else if (node.interfaces.empty()) {
          diags_.error(l.loc, "unknown-interface", lwho() + ": " + who() + " has no interface to link",
                       {known_names_note("interfaces of " + who(), iface_list())});
        } else {
          diags_.error(l.loc, "bad-link-end",
                       lwho() + ": " + who() + " has " + std::to_string(node.interfaces.size()) +
                           " interfaces; name one, as " + node.name + ":" +
                           node.interfaces.front().name,
                       {known_names_note("interfaces of " + who(), iface_list())});
        }
        continue;
      }
      if (std::none_of(node.interfaces.begin(), node.interfaces.end(),
                       [&end](const InterfaceSpec& i) { return i.name == end.interface; })) {
        diags_.error(l.loc, "unknown-interface",
                     lwho() + ": no interface " + q(end.interface) + " on " + who(),
                     name_notes(end.interface, "interfaces of " + who(), iface_list()));
        continue;
      }
      ports[k] = end.interface;
      ok[k] = true;
    }
    for (int k = 0; k < 2; ++k) {
      if (!ok[k]) continue;
      const PortKey key(*ends[k], ports[k]);
      auto [it, fresh] = used_ports.emplace(key, l.loc);
      if (!fresh) {
        const NodeSpec& node = net.nodes[*ends[k]];
        diags_.error(l.loc, "port-in-use",
                     lwho() + ": interface " + std::string(ports[k]) + " of " + node_kind_name(node.kind) + " " +
                         q(node.name) + " is already linked",
                     {"its first link is at " + it->second.str()});
      }
      linked.insert(key);
    }
  }

  for (size_t i = 0; i < net.nodes.size(); ++i) {
    const NodeSpec& node = net.nodes[i];
    if (node.kind != NodeKind::Host && node.kind != NodeKind::Router) continue;
    auto who = [&node] { return node_kind_name(node.kind) + " " + q(node.name); };  // messages only
    if (!mentioned[i]) {
      if (node.kind == NodeKind::Host) {
        diags_.error(
            node.loc, "host-not-linked",
            who() + " has no link; connect it with <link a=\"" + node.name + "\" b=\"...\"/>");
        continue;
      }
    }
    bool any_linked = false;
    for (const InterfaceSpec& f : node.interfaces) any_linked |= linked.count({i, f.name}) > 0;
    // A link to this node that failed to resolve was already reported; do not
    // guess which interface it meant.
    if (mentioned[i] && !any_linked) continue;
    for (const InterfaceSpec& f : node.interfaces) {
      if (!linked.count({i, f.name})) {
        diags_.warning(f.loc, "unlinked-interface",
                       who() + ": interface " + f.name + " (" + f.addr.str() + ") has no link");
      }
    }
  }

  // Host gateways that no interface on the LAN answers to: ARP would go unanswered.
  // Route next hops are not checked: routes often lead to networks the file does
  // not model (DESIGN.md's own example does), and a warning there would be noise.
  for (size_t i = 0; i < net.nodes.size(); ++i) {
    const NodeSpec& node = net.nodes[i];
    auto v = graph_.classic_node(g, i);
    if (!v || (node.kind != NodeKind::Host && node.kind != NodeKind::Router)) continue;
    auto who = [&node] { return node_kind_name(node.kind) + " " + q(node.name); };  // messages only
    // Whether `hop` is an address on the segment of `out` (GraphView::segment),
    // answered from the per-segment index rather than by walking the segment.
    auto answered = [&](const InterfaceSpec& out, Ipv4Addr hop) {
      const GraphView::Graph& gr = graph_.graph();
      for (auto [it, end] = boost::out_edges(*v, gr); it != end; ++it) {
        const EdgeInfo& e = gr[*it];
        if (e.kind != EdgeKind::Link || e.a == e.b) continue;
        if (e.a == *v && e.a_port == out.name && on_segment_end(e.b, e.b_port, hop)) return true;
        if (e.b == *v && e.b_port == out.name && on_segment_end(e.a, e.a_port, hop)) return true;
      }
      return false;
    };
    auto check_gateway = [&](Ipv4Addr hop, const SourceLoc& loc) {
      for (const InterfaceSpec& out : node.interfaces) {
        if (!out.addr.subnet().contains(hop) || !linked.count({i, out.name})) continue;
        if (out.addr.ip == hop || answered(out, hop)) return;
        diags_.warning(loc, "gateway-not-found",
                       who() + ": gateway " + hop.str() +
                           " is not the address of any interface on the LAN of " + out.name +
                           " (ARP for it would go unanswered)");
        return;
      }
    };
    for (const InterfaceSpec& f : node.interfaces) {
      if (f.gateway) check_gateway(*f.gateway, f.loc);
    }
  }
}

bool Validator::has_address(GraphView::Vertex v, const std::string& port, Ipv4Addr hop) const {
  const VertexInfo& info = graph_.vertex(v);
  if (info.kind != VertexKind::Host && info.kind != VertexKind::Router) return false;
  const NodeSpec& node = spec_.networks[info.group].nodes[info.index];
  return std::any_of(node.interfaces.begin(), node.interfaces.end(), [&](const InterfaceSpec& i) {
    return i.name == port && i.addr.ip == hop;
  });
}

bool Validator::on_segment_end(GraphView::Vertex end, const std::string& port, Ipv4Addr hop) {
  if (l2_component_.empty()) {
    l2_component_ = graph_.l2_components();
    const GraphView::Graph& gr = graph_.graph();
    for (auto [it, stop] = boost::edges(gr); it != stop; ++it) {
      const EdgeInfo& e = gr[*it];
      if (e.kind != EdgeKind::Link) continue;
      for (auto [sw, node, node_port] : {std::tuple{e.a, e.b, &e.b_port}, std::tuple{e.b, e.a, &e.a_port}}) {
        const VertexInfo& info = graph_.vertex(node);
        if (l2_component_[sw] == GraphView::kNoComponent ||
            (info.kind != VertexKind::Host && info.kind != VertexKind::Router)) {
          continue;
        }
        for (const InterfaceSpec& i : spec_.networks[info.group].nodes[info.index].interfaces) {
          if (i.name == *node_port) segment_ips_.emplace_back(l2_component_[sw], i.addr.ip.v);
        }
      }
    }
    std::sort(segment_ips_.begin(), segment_ips_.end());
  }
  if (l2_component_[end] == GraphView::kNoComponent) return has_address(end, port, hop);
  return std::binary_search(segment_ips_.begin(), segment_ips_.end(),
                            std::make_pair(l2_component_[end], hop.v));
}

void Validator::check_node_services(const std::string& who, const std::vector<ListenSpec>& listens,
                                    const std::vector<PortForwardSpec>& forwards) {
  std::map<std::pair<Protocol, uint16_t>, FirstUse> seen;
  for (const ListenSpec& l : listens) {
    if (auto f = claim(seen, std::make_pair(l.protocol, l.port), who, l.loc)) {
      diags_.warning(l.loc, "duplicate-listen",
                     who + " listens on " + protocol_name(l.protocol) + " port " +
                         std::to_string(l.port) + " twice",
                     {"the first <listen> is at " + f->loc.str()});
    }
  }
  std::map<std::pair<Protocol, uint16_t>, FirstUse> fwd;
  for (const PortForwardSpec& p : forwards) {
    if (auto f = claim(fwd, std::make_pair(p.protocol, p.port), who, p.loc)) {
      diags_.error(p.loc, "duplicate-port-forward",
                   who + " forwards " + protocol_name(p.protocol) + " port " +
                       std::to_string(p.port) + " twice; only one destination can win",
                   {"the first <port-forward> is at " + f->loc.str()});
    }
  }
}

void Validator::check_l2_loops() {
  for (const L2Cycle& c : graph_.l2_cycles()) {
    std::vector<std::string> ring;
    for (size_t v : c.devices) ring.push_back(graph_.vertex(v).name);
    std::string path = l2_loop_ports(graph_.vertex(c.devices.front()).group, ring, c.loc);
    diags_.warning(c.loc, "l2-loop",
                   "switches and hubs form a loop: " + path +
                       "; with no spanning tree modelled, broadcasts would circulate forever",
                   {"set down=\"true\" on one of its links to break it"});
  }
}

// The ring's ports, as the frames of a storm would cross them: "sw1:p2 -> sw2:p1 ->
// sw2:p3 -> sw3:p2 -> sw3:p1 -> sw1:p3". Switch and hub ports are p1, p2, ... in the
// order links attach to them, down links included (as lowering numbers them).
std::string Validator::l2_loop_ports(size_t network, const std::vector<std::string>& ring,
                                     const SourceLoc& closing) const {
  const NetworkSpec& net = spec_.networks[network];
  std::set<std::string_view> l2;
  for (const NodeSpec& n : net.nodes) {
    if (n.kind == NodeKind::Switch || n.kind == NodeKind::Hub) l2.insert(n.name);
  }
  std::map<std::string_view, int> attached;
  std::vector<std::pair<int, int>> ports(net.links.size());  // p-number of the a and b ends
  for (size_t i = 0; i < net.links.size(); ++i) {
    const LinkSpec& l = net.links[i];
    if (l2.count(l.a.node)) ports[i].first = ++attached[l.a.node];
    if (l2.count(l.b.node)) ports[i].second = ++attached[l.b.node];
  }
  std::set<size_t> used;
  std::string out;
  for (size_t k = 0; k < ring.size(); ++k) {
    const std::string& from = ring[k];
    const std::string& to = ring[(k + 1) % ring.size()];
    std::optional<size_t> pick;
    for (size_t i = 0; i < net.links.size(); ++i) {
      const LinkSpec& l = net.links[i];
      bool joins = (l.a.node == from && l.b.node == to) || (l.a.node == to && l.b.node == from);
      if (!joins || l.down || used.count(i)) continue;
      // The link that closes the ring is the last one crossed.
      bool closes = l.loc.line == closing.line && l.loc.col == closing.col;
      if (k + 1 == ring.size() ? closes : !closes) {
        pick = i;
        break;
      }
      if (!pick) pick = i;
    }
    if (!pick) return "";  // not a classic ring (cannot happen for a valid cycle)
    used.insert(*pick);
    const LinkSpec& l = net.links[*pick];
    bool a_first = l.a.node == from;
    int out_port = a_first ? ports[*pick].first : ports[*pick].second;
    int in_port = a_first ? ports[*pick].second : ports[*pick].first;
    out += (out.empty() ? "" : " -> ") + from + ":p" + std::to_string(out_port) + " -> " + to +
           ":p" + std::to_string(in_port);
  }
  return out;
}

// ---- VPCs ---------------------------------------------------------------------

void Validator::check_rule_ports(const std::string& who, const SourceLoc& loc, Protocol p,
                                 const PortRange& ports) {
  if ((p == Protocol::All || p == Protocol::Icmp) && ports != PortRange{}) {
    diags_.warning(loc, "ports-ignored",
                   who + ": ports are ignored for protocol " + protocol_name(p) +
                       " (the rule matches every " +
                       (p == Protocol::All ? "packet" : "ICMP message") + ")");
  }
}

void Validator::check_vpc_address(const VpcSpec& vpc, const std::string& who, const SourceLoc& loc,
                                  const std::string& subnet_name, Ipv4Addr ip) {
  auto s = std::find_if(vpc.subnets.begin(), vpc.subnets.end(),
                        [&](const SubnetSpec& x) { return x.name == subnet_name; });
  if (s == vpc.subnets.end()) {
    std::vector<std::string> names;
    for (const SubnetSpec& x : vpc.subnets) names.push_back(x.name);
    diags_.error(loc, "unknown-subnet",
                 who + ": no subnet " + q(subnet_name) + " in vpc " + q(vpc.name),
                 name_notes(subnet_name, "subnets in vpc " + q(vpc.name), names));
    return;
  }
  const std::string of_subnet = "subnet " + q(s->name) + " (" + s->cidr.str() + ")";
  if (!s->cidr.contains(ip)) {
    diags_.error(loc, "ip-outside-subnet",
                 who + ": ip " + ip.str() + " is outside its " + of_subnet);
    return;
  }
  uint32_t offset = ip.v - s->cidr.addr.v;
  std::string role;
  if (offset == 0)
    role = "reserved as the network address of ";
  else if (offset == 1)
    role = "reserved for the VPC router of ";
  else if (offset == 2)
    role = "reserved for the Amazon DNS server of ";
  else if (offset == 3)
    role = "reserved by AWS for future use in ";
  else if (ip == s->cidr.broadcast())
    role = "reserved as the broadcast address of ";
  if (role.empty()) return;
  std::vector<std::string> notes;
  if (s->cidr.size() > 5) {
    notes.push_back("usable addresses in subnet " + q(s->name) + ": " +
                    Ipv4Addr{s->cidr.addr.v + 4}.str() + " to " +
                    Ipv4Addr{s->cidr.broadcast().v - 1}.str());
  }
  diags_.error(loc, "reserved-ip", who + " uses " + ip.str() + ", " + role + of_subnet,
               std::move(notes));
}

void Validator::check_vpc(size_t g) {
  const VpcSpec& vpc = spec_.vpcs[g];
  const std::string vwho = "vpc " + q(vpc.name);
  auto check_size = [&](const std::string& who, const SourceLoc& loc, const Prefix& p) {
    if (p.len < 16 || p.len > 28) {
      diags_.error(loc, "cidr-size",
                   who + ": CIDR " + p.str() + " is too " + (p.len < 16 ? "large" : "small") +
                       "; AWS allows /16 to /28");
    }
  };
  check_size(vwho, vpc.loc, vpc.cidr);

  std::vector<std::string> subnet_names, table_names, nacl_names, sg_names;
  for (const auto& x : vpc.subnets) subnet_names.push_back(x.name);
  for (const auto& x : vpc.route_tables) table_names.push_back(x.name);
  for (const auto& x : vpc.nacls) nacl_names.push_back(x.name);
  for (const auto& x : vpc.security_groups) sg_names.push_back(x.name);
  auto has = [](const std::vector<std::string>& v, const std::string& n) {
    return std::find(v.begin(), v.end(), n) != v.end();
  };
  // Every VPC has a default security group, declared or not (lowering synthesizes it).
  if (!has(sg_names, "default")) sg_names.push_back("default");
  auto dup_names = [&](auto const& items, const char* kind) {
    std::map<std::string, FirstUse> seen;
    for (const auto& x : items) {
      if (auto f = claim(seen, x.name, kind, x.loc)) {
        diags_.error(x.loc, "duplicate-name",
                     std::string(kind) + " " + q(x.name) + ": " + vwho + " already has a " + kind +
                         " of that name",
                     {"the first is at " + f->loc.str()});
      }
    }
  };
  dup_names(vpc.subnets, "subnet");
  dup_names(vpc.route_tables, "route table");
  dup_names(vpc.nacls, "nacl");
  dup_names(vpc.security_groups, "security group");

  for (size_t i = 0; i < vpc.subnets.size(); ++i) {
    const SubnetSpec& s = vpc.subnets[i];
    const std::string who = "subnet " + q(s.name);
    check_size(who, s.loc, s.cidr);
    if (!vpc.cidr.contains(s.cidr)) {
      diags_.error(
          s.loc, "subnet-outside-vpc",
          who + ": CIDR " + s.cidr.str() + " is not inside " + vwho + " (" + vpc.cidr.str() + ")");
    }
    for (size_t j = 0; j < i; ++j) {
      const SubnetSpec& o = vpc.subnets[j];
      if (o.cidr.overlaps(s.cidr)) {
        diags_.error(s.loc, "subnet-overlap",
                     who + ": CIDR " + s.cidr.str() + " overlaps subnet " + q(o.name) + " (" +
                         o.cidr.str() + ")",
                     {"subnet " + q(o.name) + " is at " + o.loc.str()});
        break;
      }
    }
    if (!s.route_table.empty() && !has(table_names, s.route_table)) {
      diags_.error(s.loc, "unknown-route-table",
                   who + ": no route table " + q(s.route_table) + " in " + vwho,
                   name_notes(s.route_table, "route tables in " + vwho, table_names));
    }
    if (!s.nacl.empty() && !has(nacl_names, s.nacl)) {
      diags_.error(s.loc, "unknown-nacl", who + ": no nacl " + q(s.nacl) + " in " + vwho,
                   name_notes(s.nacl, "nacls in " + vwho, nacl_names));
    }
  }

  check_vpc_routes(vpc);

  for (const NaclSpec& acl : vpc.nacls) {
    std::map<std::pair<bool, uint32_t>, FirstUse> numbers;
    for (const NaclRuleSpec& r : acl.rules) {
      const std::string who = "rule " + std::to_string(r.number) + " of nacl " + q(acl.name);
      if (r.number < 1 || r.number > 32766) {
        diags_.error(r.loc, "bad-rule-number", who + ": rule numbers run from 1 to 32766");
      }
      if (auto f = claim(numbers, std::make_pair(r.inbound, r.number), who, r.loc)) {
        diags_.error(r.loc, "duplicate-nacl-rule",
                     who + ": nacl " + q(acl.name) + " already has an " +
                         (r.inbound ? "inbound" : "outbound") + " rule " + std::to_string(r.number),
                     {"the first is at " + f->loc.str()});
      }
      check_rule_ports(who, r.loc, r.protocol, r.ports);
    }
  }

  for (const SecurityGroupSpec& sg : vpc.security_groups) {
    for (const SgRuleSpec& r : sg.rules) {
      const std::string who =
          std::string(r.inbound ? "inbound" : "outbound") + " rule of security group " + q(sg.name);
      if (!r.group.empty() && !has(sg_names, r.group)) {
        diags_.error(r.loc, "unknown-security-group",
                     who + ": no security group " + q(r.group) + " in " + vwho,
                     name_notes(r.group, "security groups in " + vwho, sg_names));
      }
      check_rule_ports(who, r.loc, r.protocol, r.ports);
    }
  }

  std::vector<AddressUse> private_ips;
  std::map<uint64_t, FirstUse> macs;
  const std::string igw_name = vpc.internet_gateway ? vpc.internet_gateway->name : "";

  for (const NatGatewaySpec& n : vpc.nat_gateways) {
    const std::string who = "NAT gateway " + q(n.name);
    check_vpc_address(vpc, who, n.loc, n.subnet, n.ip);
    private_ips.push_back({n.ip.v, who, "ip", n.loc});
    if (n.elastic_ip.is_private()) {
      diags_.error(n.loc, "private-elastic-ip",
                   who + ": elastic IP " + n.elastic_ip.str() +
                       " is a private (RFC 1918) address; elastic IPs are public");
    } else {
      public_ips_.push_back({n.elastic_ip.v, who, "elastic IP", n.loc});
    }
    if (!vpc.internet_gateway) {
      diags_.error(n.loc, "nat-without-igw",
                   who + ": " + vwho +
                       " has no internet gateway, so a NAT gateway cannot reach "
                       "the internet",
                   {"add <internet-gateway name=\"...\"/> to " + vwho});
      continue;
    }
    auto s = std::find_if(vpc.subnets.begin(), vpc.subnets.end(),
                          [&](const SubnetSpec& x) { return x.name == n.subnet; });
    if (s == vpc.subnets.end()) continue;
    const RouteTableSpec* table = nullptr;
    for (const RouteTableSpec& t : vpc.route_tables) {
      if (s->route_table.empty() ? t.main : t.name == s->route_table) {
        table = &t;
        break;
      }
    }
    if (!s->route_table.empty() && !table) continue;  // reported as unknown-route-table
    bool public_route =
        table &&
        std::any_of(table->routes.begin(), table->routes.end(), [&](const VpcRouteSpec& r) {
          return r.destination.len == 0 && r.target == igw_name;
        });
    if (!public_route) {
      std::string table_desc =
          table ? "route table " + q(table->name) : std::string("the implicit main route table");
      diags_.warning(n.loc, "nat-subnet-not-public",
                     who + " is in subnet " + q(s->name) + ", whose " + table_desc +
                         " has no 0.0.0.0/0 route to internet gateway " + q(igw_name) +
                         "; its traffic cannot reach the internet");
    }
  }

  for (const InstanceSpec& in : vpc.instances) {
    const std::string who = "instance " + q(in.name);
    // An ip="dhcp" instance left without an address: validate_dhcp says why.
    if (in.dhcp && in.dhcp->status == DhcpLeasePlan::Status::PoolExhausted) continue;
    check_vpc_address(vpc, who, in.loc, in.subnet, in.ip);
    private_ips.push_back({in.ip.v, who, "ip", in.loc});
    if (in.mac) {
      if (auto f = claim(macs, in.mac->v, who, in.loc)) {
        diags_.error(in.loc, "duplicate-mac",
                     who + ": MAC " + in.mac->str() + " is already used by " + f->who,
                     {"first used at " + f->loc.str()});
      }
    }
    if (in.elastic_ip) {
      if (in.elastic_ip->is_private()) {
        diags_.error(in.loc, "private-elastic-ip",
                     who + ": public IP " + in.elastic_ip->str() +
                         " is a private (RFC 1918) address; public and elastic IPs are public");
      } else {
        public_ips_.push_back({in.elastic_ip->v, who, "public IP", in.loc});
      }
      if (!vpc.internet_gateway) {
        // AWS refuses the association ("Gateway.NotAttached").
        diags_.error(in.loc, "eip-without-igw",
                     who + " has public IP " + in.elastic_ip->str() + ", but " + vwho +
                         " has no internet gateway to map it",
                     {"add <internet-gateway name=\"...\"/> to " + vwho});
      }
    }
    for (const std::string& sg : in.security_groups) {
      if (!has(sg_names, sg)) {
        diags_.error(in.loc, "unknown-security-group",
                     who + ": no security group " + q(sg) + " in " + vwho,
                     name_notes(sg, "security groups in " + vwho, sg_names));
      }
    }
    for (const MasqueradeSpec& m : in.masquerades) {
      if (!m.interface.empty() && m.interface != "eth0") {
        diags_.error(m.loc, "unknown-interface",
                     "masquerade of " + who + ": no interface " + q(m.interface) + " on " + who +
                         " (an instance has one interface, eth0)",
                     {known_names_note("interfaces of " + who, {"eth0"})});
      }
    }
    check_node_services(who, in.listens, in.port_forwards);
  }
  report_duplicate_ips(std::move(private_ips));
  validate_load_balancers(spec_, vpc, diags_);  // topology/load_balancer_validate.cpp
}

void Validator::check_vpc_routes(const VpcSpec& vpc) {
  const std::string vwho = "vpc " + q(vpc.name);
  const RouteTableSpec* main_table = nullptr;
  for (const RouteTableSpec& t : vpc.route_tables) {
    if (!t.main) continue;
    if (main_table) {
      diags_.error(t.loc, "duplicate-main-route-table",
                   "route table " + q(t.name) + ": " + vwho + " already has main route table " +
                       q(main_table->name),
                   {"route table " + q(main_table->name) + " is at " + main_table->loc.str()});
    } else {
      main_table = &t;
    }
  }

  // What a route in this VPC can point at.
  std::vector<std::string> targets{"local", "blackhole"};
  if (vpc.internet_gateway) targets.push_back(vpc.internet_gateway->name);
  for (const auto& n : vpc.nat_gateways) targets.push_back(n.name);
  for (const auto& i : vpc.instances) targets.push_back(i.name);
  for (const auto& p : spec_.peerings) {
    if (p.a == vpc.name || p.b == vpc.name) targets.push_back(p.name);
  }

  for (const RouteTableSpec& t : vpc.route_tables) {
    std::map<Prefix, FirstUse> dests;
    for (const VpcRouteSpec& r : t.routes) {
      const std::string who = "route to " + r.destination.str() + " of route table " + q(t.name);
      if (r.destination == vpc.cidr && r.target != "local") {
        diags_.error(r.loc, "duplicate-route",
                     who + ": duplicates the implicit local route for " + vwho + " (" +
                         vpc.cidr.str() + ")");
      } else if (auto f = claim(dests, r.destination, who, r.loc)) {
        diags_.error(
            r.loc, "duplicate-route",
            who + ": route table " + q(t.name) + " already has a route to " + r.destination.str(),
            {"the first is at " + f->loc.str()});
      }
      if (r.target == "local" || r.target == "blackhole") continue;
      if (vpc.internet_gateway && r.target == vpc.internet_gateway->name) continue;
      if (std::any_of(vpc.nat_gateways.begin(), vpc.nat_gateways.end(),
                      [&](const NatGatewaySpec& n) { return n.name == r.target; })) {
        continue;
      }
      auto inst = std::find_if(vpc.instances.begin(), vpc.instances.end(),
                               [&](const InstanceSpec& i) { return i.name == r.target; });
      if (inst != vpc.instances.end()) {
        if (inst->source_dest_check) {
          // AWS accepts the route, but the instance drops what it forwards.
          diags_.warning(r.loc, "nat-instance-source-dest-check",
                         who + ": target instance " + q(inst->name) +
                             " has source/destination check on, so it drops traffic it does not "
                             "own",
                         {"set source-dest-check=\"false\" on instance " + q(inst->name)});
        }
        continue;
      }
      auto peering = std::find_if(spec_.peerings.begin(), spec_.peerings.end(),
                                  [&](const PeeringSpec& p) { return p.name == r.target; });
      if (peering != spec_.peerings.end()) {
        if (peering->a != vpc.name && peering->b != vpc.name) {
          diags_.error(r.loc, "peering-not-attached",
                       who + ": peering " + q(peering->name) + " joins vpc " + q(peering->a) +
                           " and vpc " + q(peering->b) + ", not " + vwho);
        }
        continue;
      }
      // Say where the name does live, if it is somewhere else.
      std::string elsewhere;
      for (const VpcSpec& other : spec_.vpcs) {
        if (&other == &vpc || !elsewhere.empty()) continue;
        if (other.internet_gateway && other.internet_gateway->name == r.target) {
          elsewhere = "the internet gateway of vpc " + q(other.name);
        }
        for (const auto& n : other.nat_gateways) {
          if (n.name == r.target) elsewhere = "a NAT gateway in vpc " + q(other.name);
        }
        for (const auto& i : other.instances) {
          if (i.name == r.target) elsewhere = "an instance in vpc " + q(other.name);
        }
      }
      diags_.error(r.loc, "unknown-route-target",
                   elsewhere.empty() ? who + ": no route target " + q(r.target) + " in " + vwho
                                     : who + ": target " + q(r.target) + " is " + elsewhere +
                                           "; routes of " + vwho + " can only use its own targets",
                   name_notes(r.target, "route targets in " + vwho, targets));
    }
  }
}

// ---- peerings and the internet ---------------------------------------------------

void Validator::check_peerings() {
  std::vector<std::string> vpc_names;
  for (const VpcSpec& v : spec_.vpcs) vpc_names.push_back(v.name);
  auto find_vpc = [&](const std::string& n) -> const VpcSpec* {
    for (const VpcSpec& v : spec_.vpcs) {
      if (v.name == n) return &v;
    }
    return nullptr;
  };
  std::map<std::pair<std::string, std::string>, FirstUse> pairs;
  for (const PeeringSpec& p : spec_.peerings) {
    const std::string who = "peering " + q(p.name);
    const VpcSpec* a = find_vpc(p.a);
    const VpcSpec* b = find_vpc(p.b);
    for (const std::string* end : {&p.a, &p.b}) {
      if (!find_vpc(*end)) {
        diags_.error(p.loc, "unknown-vpc", who + ": no vpc " + q(*end),
                     name_notes(*end, "vpcs", vpc_names));
      }
    }
    if (p.a == p.b) {
      diags_.error(p.loc, "self-peering", who + ": a vpc cannot peer with itself (" + q(p.a) + ")");
      continue;
    }
    auto key = p.a < p.b ? std::make_pair(p.a, p.b) : std::make_pair(p.b, p.a);
    if (auto f = claim(pairs, key, who, p.loc)) {
      diags_.error(
          p.loc, "duplicate-peering",
          who + ": vpc " + q(p.a) + " and vpc " + q(p.b) + " are already peered by " + f->who,
          {"the first peering is at " + f->loc.str()});
    }
    if (a && b && a->cidr.overlaps(b->cidr)) {
      diags_.error(p.loc, "peering-overlap",
                   who + ": vpc " + q(a->name) + " (" + a->cidr.str() + ") and vpc " + q(b->name) +
                       " (" + b->cidr.str() + ") have overlapping CIDRs and cannot peer");
    }
  }
}

void Validator::report_duplicate_ips(std::vector<AddressUse> uses) {
  // "First" means first in the file, whichever section found it first.
  std::stable_sort(uses.begin(), uses.end(),
                   [](const AddressUse& a, const AddressUse& b) { return loc_less(a.loc, b.loc); });
  std::map<uint32_t, FirstUse> seen;
  for (const AddressUse& u : uses) {
    if (auto f = claim(seen, u.ip, u.who, u.loc)) {
      diags_.error(
          u.loc, "duplicate-ip",
          u.who + ": " + u.what + " " + Ipv4Addr{u.ip}.str() + " is already used by " + f->who,
          {"first used at " + f->loc.str()});
    }
  }
}

void Validator::check_internet() {
  if (!spec_.internet) return;
  for (const InternetHostSpec& h : spec_.internet->hosts) {
    const std::string who = "internet host " + q(h.name);
    if (h.ip.is_private()) {
      diags_.error(
          h.loc, "private-internet-ip",
          who + ": " + h.ip.str() + " is a private (RFC 1918) address; the internet drops those");
    } else {
      public_ips_.push_back({h.ip.v, who, "ip", h.loc});
    }
    check_node_services(who, h.listens, {});
  }
}

}  // namespace

Diagnostics validate(const TopologySpec& spec) { return Validator(spec).run(); }

std::optional<std::string> closest_name(std::string_view name,
                                        const std::vector<std::string>& candidates) {
  std::vector<std::string> sorted = candidates;
  std::sort(sorted.begin(), sorted.end());
  std::optional<std::string> best;
  size_t best_distance = 3;                              // at most 2 edits
  if (name.size() > 2 * kMaxSuggestLength) return best;  // no one typed that by hand
  for (const std::string& c : sorted) {
    if (c == name) continue;
    // Edit distance counting a swap of neighbours as one edit ("vcp" for "vpc"),
    // the commonest typo (optimal string alignment distance).
    const size_t n = name.size(), m = c.size();
    std::vector<std::vector<size_t>> dist(n + 1, std::vector<size_t>(m + 1));
    for (size_t i = 0; i <= n; ++i) dist[i][0] = i;
    for (size_t j = 0; j <= m; ++j) dist[0][j] = j;
    for (size_t i = 1; i <= n; ++i) {
      for (size_t j = 1; j <= m; ++j) {
        size_t cost = name[i - 1] == c[j - 1] ? 0 : 1;
        dist[i][j] = std::min({dist[i - 1][j] + 1, dist[i][j - 1] + 1, dist[i - 1][j - 1] + cost});
        if (i > 1 && j > 1 && name[i - 1] == c[j - 2] && name[i - 2] == c[j - 1]) {
          dist[i][j] = std::min(dist[i][j], dist[i - 2][j - 2] + 1);
        }
      }
    }
    size_t d = dist[n][m];
    if (d < best_distance && 2 * d < name.size()) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

}  // namespace vpcsim::topo
