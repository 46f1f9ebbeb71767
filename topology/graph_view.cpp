#include "topology/graph_view.hpp"

#include <algorithm>
#include <map>
#include <ostream>
#include <tuple>
#include <unordered_map>

#include <boost/graph/connected_components.hpp>
#include <boost/graph/graphviz.hpp>
#include <boost/graph/undirected_dfs.hpp>

#include "topology/dns_lower.hpp"
#include "topology/load_balancer_validate.hpp"

namespace vpcsim::topo {
namespace {

bool is_l2(VertexKind k) { return k == VertexKind::Switch || k == VertexKind::Hub; }

std::string dot_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

// The subgraph of switches and hubs joined by up links, for loop search. Edges
// carry their index so undirected_dfs can colour them (parallel links between
// two switches are a loop, and only edge colours tell them apart).
struct L2Edge {
  size_t index = 0;
  SourceLoc loc;
};
using L2Graph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, boost::no_property, L2Edge>;

struct CycleRecorder : boost::default_dfs_visitor {
  std::vector<size_t>* parent;
  std::vector<std::pair<size_t, size_t>>* back_edges;  // (from, ancestor)
  std::vector<SourceLoc>* locs;

  void tree_edge(L2Graph::edge_descriptor e, const L2Graph& g) const {
    (*parent)[boost::target(e, g)] = boost::source(e, g);
  }
  void back_edge(L2Graph::edge_descriptor e, const L2Graph& g) const {
    back_edges->emplace_back(boost::source(e, g), boost::target(e, g));
    locs->push_back(g[e].loc);
  }
};

// "DNS server" for a node with <dns-server/>: what a reader of the drawing needs
// to see to follow a name lookup.
std::vector<std::string> dns_roles(const Boxed<DnsNodeSpec>& dns) {
  if (dns && dns->server) return {"DNS server"};
  return {};
}

// Whether the internet has the public resolver: lowering adds it unless an
// address in the plan already is 8.8.8.8 (dns_lower.hpp).
bool public_resolver_taken(const TopologySpec& spec) {
  auto is = [](const sim::Ipv4Addr& a) { return a == kPublicResolver; };
  if (spec.internet) {
    for (const InternetHostSpec& h : spec.internet->hosts) {
      if (is(h.ip)) return true;
    }
  }
  for (const VpcSpec& vpc : spec.vpcs) {
    for (const InstanceSpec& i : vpc.instances) {
      if (i.elastic_ip && is(*i.elastic_ip)) return true;
    }
    for (const NatGatewaySpec& n : vpc.nat_gateways) {
      if (is(n.elastic_ip)) return true;
    }
    for (const LoadBalancerSpec& lb : vpc.load_balancers) {
      if (std::any_of(lb.elastic_ips.begin(), lb.elastic_ips.end(), is)) return true;
    }
  }
  return false;
}

}  // namespace

std::vector<std::string> forwarded_target_groups(const LoadBalancerSpec& lb) {
  std::vector<std::string> out;
  auto add = [&](const LbActionSpec& a) {
    if (a.kind != LbActionSpec::Kind::Forward) return;
    if (std::find(out.begin(), out.end(), a.target_group) == out.end()) {
      out.push_back(a.target_group);
    }
  };
  for (const LbListenerSpec& l : lb.listeners) {
    add(l.default_action);
    for (const LbRuleSpec& r : l.rules) add(r.action);
  }
  return out;
}

namespace {

// "ALB HTTP:80 HTTPS:443": the kind and the listeners, for the node's label.
std::string lb_summary(const LoadBalancerSpec& lb) {
  std::string out = lb.type == LbType::Application ? "ALB" : "NLB";
  for (const LbListenerSpec& l : lb.listeners) {
    out += std::string(" ") + lb_protocol_name(l.protocol) + ":" + std::to_string(l.port);
  }
  return out;
}

}  // namespace

std::string_view dot_shape(VertexKind k) {
  switch (k) {
    case VertexKind::Switch:
    case VertexKind::Subnet:
      return "box";
    case VertexKind::Hub:
      return "box3d";
    case VertexKind::Router:
    case VertexKind::VpcRouter:
      return "diamond";
    case VertexKind::Internet:
      return "doublecircle";
    case VertexKind::InternetGateway:
    case VertexKind::NatGateway:
      return "hexagon";
    case VertexKind::LoadBalancer:
      return "invtrapezium";  // a funnel: many clients in, spread over targets
    case VertexKind::DnsResolver:
      return "cylinder";  // a store of records
    default:
      return "ellipse";
  }
}

std::string_view vertex_kind_name(VertexKind kind) {
  switch (kind) {
    case VertexKind::Host:
      return "host";
    case VertexKind::Router:
      return "router";
    case VertexKind::Switch:
      return "switch";
    case VertexKind::Hub:
      return "hub";
    case VertexKind::Internet:
      return "internet";
    case VertexKind::InternetHost:
      return "internet host";
    case VertexKind::VpcRouter:
      return "VPC router";
    case VertexKind::InternetGateway:
      return "internet gateway";
    case VertexKind::Subnet:
      return "subnet";
    case VertexKind::NatGateway:
      return "NAT gateway";
    case VertexKind::Instance:
      return "instance";
    case VertexKind::LoadBalancer:
      return "load balancer";
    case VertexKind::DnsResolver:
      return "DNS resolver";
  }
  return "node";
}

// add_vertex(g) then assign: add_vertex(property, g) trips GCC 12's
// -Wuninitialized inside Boost's named_graph in optimised builds.
GraphView::Vertex GraphView::add(VertexInfo info) {
  Vertex v = boost::add_vertex(graph_);
  graph_[v] = std::move(info);
  return v;
}

void GraphView::connect(EdgeInfo info) {
  size_t a = info.a, b = info.b;
  boost::add_edge(a, b, std::move(info), graph_);
}

GraphView::GraphView(const TopologySpec& spec) {
  std::optional<Vertex> internet;
  bool any_igw = std::any_of(spec.vpcs.begin(), spec.vpcs.end(),
                             [](const VpcSpec& v) { return v.internet_gateway.has_value(); });
  if (spec.internet || any_igw) {
    VertexInfo info;
    info.kind = VertexKind::Internet;
    info.id = "(internet)";
    info.name = "internet";
    if (spec.internet) info.loc = spec.internet->loc;
    internet = add(std::move(info));
    if (!spec.dns_zones.empty() && !public_resolver_taken(spec)) {
      VertexInfo dns;
      dns.kind = VertexKind::DnsResolver;
      dns.id = "(internet-dns)";
      dns.name = "public DNS resolver";
      dns.addresses = {kPublicResolver.str()};
      dns.loc = info.loc;
      connect({EdgeKind::Attachment, add(std::move(dns)), *internet, "", "", "", info.loc});
    }
  }
  if (spec.internet) {
    for (size_t i = 0; i < spec.internet->hosts.size(); ++i) {
      const InternetHostSpec& h = spec.internet->hosts[i];
      Vertex v = add({VertexKind::InternetHost,
                      h.name,
                      h.name,
                      "",
                      {h.ip.str()},
                      {},
                      h.loc,
                      0,
                      i,
                      h.down,
                      dns_roles(h.dns)});
      connect({EdgeKind::Attachment, v, *internet, "", "", "", h.loc});
    }
  }

  std::vector<std::optional<Vertex>> vpc_router(spec.vpcs.size());
  for (size_t g = 0; g < spec.vpcs.size(); ++g) {
    const VpcSpec& vpc = spec.vpcs[g];
    Vertex router = add({VertexKind::VpcRouter,
                         vpc.name + "/(router)",
                         "router",
                         vpc.name,
                         {vpc.cidr.str()},
                         {},
                         vpc.loc,
                         g,
                         0});
    vpc_router[g] = router;
    if (!spec.dns_zones.empty()) {
      Vertex dns = add({VertexKind::DnsResolver,
                        vpc.name + "/(dns)",
                        "Amazon DNS server",
                        vpc.name,
                        {vpc_dns_address(vpc).str()},
                        {},
                        vpc.loc,
                        g,
                        0});
      connect({EdgeKind::Attachment, dns, router, "", "", "", vpc.loc});
    }
    if (vpc.internet_gateway) {
      const InternetGatewaySpec& igw = *vpc.internet_gateway;
      Vertex v =
          add({VertexKind::InternetGateway, igw.name, igw.name, vpc.name, {}, {}, igw.loc, g, 0});
      connect({EdgeKind::Attachment, v, *internet, "", "", "", igw.loc});
      connect({EdgeKind::Attachment, v, router, "", "", "", igw.loc});
    }
    std::map<std::string, Vertex> subnets;  // first definition wins, as in validate
    for (size_t i = 0; i < vpc.subnets.size(); ++i) {
      const SubnetSpec& s = vpc.subnets[i];
      Vertex v = add({VertexKind::Subnet,
                      vpc.name + "/" + s.name,
                      s.name,
                      vpc.name,
                      {s.cidr.str()},
                      {},
                      s.loc,
                      g,
                      i});
      subnets.emplace(s.name, v);
      // The VPC router's interface on a subnet is its .1 address.
      connect(
          {EdgeKind::Attachment, router, v, sim::Ipv4Addr{s.cidr.addr.v + 1}.str(), "", "", s.loc});
    }
    for (size_t i = 0; i < vpc.nat_gateways.size(); ++i) {
      const NatGatewaySpec& n = vpc.nat_gateways[i];
      Vertex v = add({VertexKind::NatGateway,
                      n.name,
                      n.name,
                      vpc.name,
                      {n.ip.str(), n.elastic_ip.str() + " (elastic)"},
                      {},
                      n.loc,
                      g,
                      i,
                      n.down,
                      {},
                      n.subnet});
      if (auto it = subnets.find(n.subnet); it != subnets.end()) {
        connect({EdgeKind::Attachment, v, it->second, "", "", "", n.loc});
      }
    }
    for (size_t i = 0; i < vpc.instances.size(); ++i) {
      const InstanceSpec& in = vpc.instances[i];
      std::vector<std::string> addrs{in.ip.str() + (in.dhcp ? " (dhcp)" : "")};
      if (in.elastic_ip) addrs.push_back(in.elastic_ip->str() + " (public)");
      Vertex v = add({VertexKind::Instance,
                      in.name,
                      in.name,
                      vpc.name,
                      std::move(addrs),
                      {"eth0"},
                      in.loc,
                      g,
                      i,
                      in.down,
                      dns_roles(in.dns),
                      in.subnet});
      if (auto it = subnets.find(in.subnet); it != subnets.end()) {
        connect({EdgeKind::Attachment, v, it->second, "eth0", "", "", in.loc});
      }
    }
    add_load_balancers(vpc, g, subnets);
  }
  for (const PeeringSpec& p : spec.peerings) {
    std::optional<Vertex> a, b;
    for (size_t g = 0; g < spec.vpcs.size(); ++g) {
      if (!a && spec.vpcs[g].name == p.a) a = vpc_router[g];
      if (!b && spec.vpcs[g].name == p.b) b = vpc_router[g];
    }
    if (a && b && *a != *b) connect({EdgeKind::Peering, *a, *b, "", "", p.name, p.loc});
  }

  classic_.resize(spec.networks.size());
  for (size_t g = 0; g < spec.networks.size(); ++g) {
    const NetworkSpec& net = spec.networks[g];
    // Node index by the spec's own names (lookups only); first definition wins.
    std::unordered_map<std::string_view, size_t> by_name;
    by_name.reserve(net.nodes.size());
    for (size_t i = 0; i < net.nodes.size(); ++i) {
      const NodeSpec& n = net.nodes[i];
      VertexInfo info;
      info.kind = n.kind == NodeKind::Host     ? VertexKind::Host
                  : n.kind == NodeKind::Router ? VertexKind::Router
                  : n.kind == NodeKind::Switch ? VertexKind::Switch
                                               : VertexKind::Hub;
      info.id = info.name = n.name;
      info.scope = net.name;
      for (const InterfaceSpec& i : n.interfaces) {
        info.addresses.push_back(i.name + " " + i.addr.str() + (i.dhcp ? " (dhcp)" : ""));
        info.interfaces.push_back(i.name);
      }
      info.roles = dns_roles(n.dns);
      if (n.dhcp_servers) {
        for (const DhcpServerSpec& d : *n.dhcp_servers) {
          info.roles.push_back("DHCP server on " + d.interface);
        }
      }
      info.loc = n.loc;
      info.group = g;
      info.index = i;
      info.down = n.down;
      classic_[g].push_back(add(std::move(info)));
      by_name.emplace(n.name, i);
    }
    for (const LinkSpec& l : net.links) {
      auto ia = by_name.find(l.a.node);
      auto ib = by_name.find(l.b.node);
      if (ia == by_name.end() || ib == by_name.end()) continue;
      // "pc1" stands for pc1's only interface; switch and hub ports have no name.
      auto port = [&](const LinkEndSpec& end, size_t node) {
        const NodeSpec& n = net.nodes[node];
        if (end.interface.empty() && n.interfaces.size() == 1 &&
            (n.kind == NodeKind::Host || n.kind == NodeKind::Router)) {
          return n.interfaces.front().name;
        }
        return end.interface;
      };
      std::string label = "latency " + l.latency.ms_str() + " ms";
      if (l.bandwidth_bps) label += ", " + std::to_string(*l.bandwidth_bps) + " bps";
      connect({EdgeKind::Link, classic_[g][ia->second], classic_[g][ib->second],
               port(l.a, ia->second), port(l.b, ib->second), std::move(label), l.loc, l.down});
    }
  }
}

void GraphView::add_load_balancers(const VpcSpec& vpc, size_t g,
                                   const std::map<std::string, Vertex>& subnets) {
  if (vpc.load_balancers.empty()) return;
  std::map<std::string, Vertex> instances;  // first definition wins, as in validate
  for (Vertex v = 0; v < vertex_count(); ++v) {
    if (graph_[v].kind == VertexKind::Instance && graph_[v].group == g) {
      instances.emplace(graph_[v].name, v);
    }
  }
  for (size_t i = 0; i < vpc.load_balancers.size(); ++i) {
    const LoadBalancerSpec& lb = vpc.load_balancers[i];
    std::vector<Vertex> nodes;
    for (const LbEni& eni : lb_enis(vpc, lb)) {
      std::vector<std::string> addrs{eni.ip.str()};
      if (eni.public_ip) addrs.push_back(eni.public_ip->str() + " (public)");
      addrs.push_back(lb_summary(lb));
      Vertex v = add({VertexKind::LoadBalancer,
                      lb.name + "/" + eni.subnet->name,
                      lb.name,
                      vpc.name,
                      std::move(addrs),
                      {"eth0"},
                      lb.loc,
                      g,
                      i,
                      false,
                      {},
                      eni.subnet->name});
      if (auto it = subnets.find(eni.subnet->name); it != subnets.end()) {
        connect({EdgeKind::Attachment, v, it->second, "", "", "", lb.loc});
      }
      nodes.push_back(v);
    }
    // Every node forwards to every target: each is a full copy of the load balancer.
    for (const std::string& group : forwarded_target_groups(lb)) {
      auto tg = std::find_if(vpc.target_groups.begin(), vpc.target_groups.end(),
                             [&](const TargetGroupSpec& t) { return t.name == group; });
      if (tg == vpc.target_groups.end()) continue;
      for (const LbTargetSpec& t : tg->targets) {
        auto it = instances.find(t.instance);
        if (it == instances.end()) continue;
        std::string label = tg->name + ":" + std::to_string(t.port ? t.port : tg->port);
        for (Vertex node : nodes) {
          connect({EdgeKind::Forwards, node, it->second, "", "", label, t.loc});
        }
      }
    }
  }
}

std::optional<GraphView::Vertex> GraphView::find(std::string_view id) const {
  for (Vertex v = 0; v < vertex_count(); ++v) {
    if (graph_[v].id == id) return v;
  }
  return std::nullopt;
}

std::optional<GraphView::Vertex> GraphView::classic_node(size_t network, size_t node) const {
  if (network >= classic_.size() || node >= classic_[network].size()) return std::nullopt;
  return classic_[network][node];
}

std::string GraphView::label(Vertex v) const {
  const VertexInfo& info = graph_[v];
  std::string out = info.kind == VertexKind::VpcRouter ? info.scope + " router"
                    : info.kind == VertexKind::Subnet  ? info.scope + "/" + info.name
                                                       : info.name;
  for (const std::string& a : info.addresses) out += "\n" + a;
  for (const std::string& r : info.roles) out += "\n[" + r + "]";
  if (info.down) out += "\n(down)";
  return out;
}

std::vector<L2Cycle> GraphView::l2_cycles() const {
  // Renumber the switches and hubs densely, keeping document order.
  std::vector<Vertex> to_full;
  std::vector<size_t> to_sub(vertex_count(), SIZE_MAX);
  for (Vertex v = 0; v < vertex_count(); ++v) {
    if (is_l2(graph_[v].kind)) {
      to_sub[v] = to_full.size();
      to_full.push_back(v);
    }
  }
  L2Graph sub(to_full.size());
  size_t edge_count = 0;
  for (auto [it, end] = boost::edges(graph_); it != end; ++it) {
    const EdgeInfo& e = graph_[*it];
    if (e.kind != EdgeKind::Link || e.down || e.a == e.b) continue;
    if (to_sub[e.a] == SIZE_MAX || to_sub[e.b] == SIZE_MAX) continue;
    boost::add_edge(to_sub[e.a], to_sub[e.b], L2Edge{edge_count++, e.loc}, sub);
  }
  // boost::edges() of an undirected adjacency_list walks its edge list in the
  // order edges were added, i.e. the order links are written.

  std::vector<size_t> parent(to_full.size(), SIZE_MAX);
  std::vector<std::pair<size_t, size_t>> back_edges;
  std::vector<SourceLoc> locs;
  std::vector<boost::default_color_type> vcolor(to_full.size());
  std::vector<boost::default_color_type> ecolor(edge_count);
  CycleRecorder rec;
  rec.parent = &parent;
  rec.back_edges = &back_edges;
  rec.locs = &locs;
  if (!to_full.empty()) {
    boost::undirected_dfs(
        sub, rec,
        boost::make_iterator_property_map(vcolor.begin(), boost::get(boost::vertex_index, sub)),
        boost::make_iterator_property_map(ecolor.begin(), boost::get(&L2Edge::index, sub)));
  }

  std::vector<L2Cycle> cycles;
  for (size_t k = 0; k < back_edges.size(); ++k) {
    auto [from, ancestor] = back_edges[k];
    std::vector<size_t> ring{from};
    for (size_t v = from; v != ancestor && parent[v] != SIZE_MAX;) {
      v = parent[v];
      ring.push_back(v);
    }
    // Start at the device written first, then go towards its earlier neighbour.
    auto first = std::min_element(ring.begin(), ring.end());
    std::rotate(ring.begin(), first, ring.end());
    if (ring.size() > 2 && ring.back() < ring[1]) std::reverse(ring.begin() + 1, ring.end());
    L2Cycle c;
    for (size_t s : ring) c.devices.push_back(to_full[s]);
    c.loc = locs[k];
    cycles.push_back(std::move(c));
  }
  return cycles;
}

std::vector<std::vector<GraphView::Vertex>> GraphView::components() const {
  std::vector<int> comp(vertex_count());
  int n = vertex_count() == 0 ? 0 : boost::connected_components(graph_, comp.data());
  std::vector<std::vector<Vertex>> out(static_cast<size_t>(n));
  for (Vertex v = 0; v < vertex_count(); ++v) out[static_cast<size_t>(comp[v])].push_back(v);
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<PortRef> GraphView::segment(Vertex v, std::string_view interface) const {
  std::vector<PortRef> found;
  std::vector<bool> seen_l2(vertex_count(), false);
  std::vector<Vertex> queue;
  auto visit_end = [&](Vertex w, const std::string& port) {
    if (is_l2(graph_[w].kind)) {
      if (!seen_l2[w]) {
        seen_l2[w] = true;
        queue.push_back(w);
      }
    } else if (graph_[w].kind == VertexKind::Host || graph_[w].kind == VertexKind::Router) {
      found.push_back({w, port});
    }
  };
  for (auto [it, end] = boost::out_edges(v, graph_); it != end; ++it) {
    const EdgeInfo& e = graph_[*it];
    if (e.kind != EdgeKind::Link || e.a == e.b) continue;
    if (e.a == v && e.a_port == interface) visit_end(e.b, e.b_port);
    if (e.b == v && e.b_port == interface) visit_end(e.a, e.a_port);
  }
  for (size_t q = 0; q < queue.size(); ++q) {
    Vertex s = queue[q];
    for (auto [it, end] = boost::out_edges(s, graph_); it != end; ++it) {
      const EdgeInfo& e = graph_[*it];
      if (e.kind != EdgeKind::Link) continue;
      if (e.a == s) visit_end(e.b, e.b_port);
      if (e.b == s) visit_end(e.a, e.a_port);
    }
  }
  std::sort(found.begin(), found.end(), [](const PortRef& x, const PortRef& y) {
    return std::tie(x.vertex, x.interface) < std::tie(y.vertex, y.interface);
  });
  found.erase(std::unique(found.begin(), found.end()), found.end());
  // The asking interface itself is not its own neighbour.
  std::erase_if(found, [&](const PortRef& p) { return p.vertex == v && p.interface == interface; });
  return found;
}

std::vector<size_t> GraphView::l2_components() const {
  std::vector<size_t> parent(vertex_count());
  for (Vertex v = 0; v < parent.size(); ++v) parent[v] = is_l2(graph_[v].kind) ? v : kNoComponent;
  auto root = [&](size_t v) {
    while (parent[v] != v) v = parent[v] = parent[parent[v]];  // path halving
    return v;
  };
  for (auto [it, end] = boost::edges(graph_); it != end; ++it) {
    const EdgeInfo& e = graph_[*it];
    if (e.kind != EdgeKind::Link || parent[e.a] == kNoComponent || parent[e.b] == kNoComponent) {
      continue;
    }
    parent[root(e.a)] = root(e.b);
  }
  for (Vertex v = 0; v < parent.size(); ++v) {
    if (parent[v] != kNoComponent) parent[v] = root(v);
  }
  return parent;
}

void GraphView::write_dot(std::ostream& out) const {
  boost::write_graphviz(
      out, graph_,
      [this](std::ostream& o, Vertex v) {
        o << "[label=\"" << dot_escape(label(v)) << "\", shape=" << dot_shape(graph_[v].kind)
          << (graph_[v].down ? ", style=dashed" : "") << "]";
      },
      [this](std::ostream& o, Edge e) {
        const EdgeInfo& info = graph_[e];
        std::vector<std::string> attrs;
        if (!info.a_port.empty()) attrs.push_back("taillabel=\"" + dot_escape(info.a_port) + "\"");
        if (!info.b_port.empty()) attrs.push_back("headlabel=\"" + dot_escape(info.b_port) + "\"");
        if (!info.label.empty()) attrs.push_back("label=\"" + dot_escape(info.label) + "\"");
        if (info.down) attrs.push_back("style=dashed");
        if (attrs.empty()) return;
        o << "[";
        for (size_t i = 0; i < attrs.size(); ++i) o << (i ? ", " : "") << attrs[i];
        o << "]";
      });
}

}  // namespace vpcsim::topo
