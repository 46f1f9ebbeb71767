#include "tools/vpcsim/format/graph_dot.hpp"

#include <map>
#include <vector>

#include <boost/graph/graphviz.hpp>
#include <boost/graph/subgraph.hpp>

#include "sim/trace/drop_reason.hpp"

namespace vpcsim::cli {
namespace {

using Attrs = std::map<std::string, std::string>;
using DrawGraph = boost::subgraph<boost::adjacency_list<
    boost::vecS, boost::vecS, boost::undirectedS, boost::property<boost::vertex_attribute_t, Attrs>,
    boost::property<boost::edge_index_t, int, boost::property<boost::edge_attribute_t, Attrs>>,
    boost::property<
        boost::graph_name_t, std::string,
        boost::property<boost::graph_graph_attribute_t, Attrs,
                        boost::property<boost::graph_vertex_attribute_t, Attrs,
                                        boost::property<boost::graph_edge_attribute_t, Attrs>>>>>>;
using topo::VertexKind;

constexpr const char* kGreen = "#1a9850";
constexpr const char* kRed = "#d73027";
constexpr const char* kForwardColour = "#4575b4";  // load balancer -> targets

// The view's vertex id of a simulator device (lowering names the implicit
// devices "VPC:router", "VPC:dns", "internet:core" and "internet:dns"; the view
// "VPC/(router)", "VPC/(dns)", "(internet)" and "(internet-dns)"). Load
// balancer nodes are "LB/SUBNET" in both.
std::string view_id_of(const std::string& device) {
  if (device == "internet:core") return "(internet)";
  if (device == "internet:dns") return "(internet-dns)";
  for (const char* implicit : {"router", "dns"}) {
    const std::string suffix = std::string(":") + implicit;
    if (device.size() > suffix.size() &&
        device.compare(device.size() - suffix.size(), suffix.size(), suffix) == 0) {
      return device.substr(0, device.size() - suffix.size()) + "/(" + implicit + ")";
    }
  }
  return device;
}

// "prod/app" -> "prod:app", "prod/(router)" -> "prod::router", "(internet)" -> ":internet".
std::string svg_name(const std::string& view_id) {
  std::string out;
  for (char c : view_id) {
    if (c == '/') {
      out += ':';
    } else if (c == '(') {
      out += ':';
    } else if (c != ')') {
      out += c;
    }
  }
  return out;
}

// DOT's "\n" escape for line breaks (names and addresses hold no quotes or
// backslashes; write_graphviz quotes the value and escapes '"').
std::string dot_lines(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string cluster_label(const std::string& kind, const std::string& name,
                          const std::string& cidr) {
  return kind + " " + name + (cidr.empty() ? "" : "  " + cidr);
}

}  // namespace

PathHighlight path_of(const sim::Simulation& sim, bool delivered,
                      const std::optional<sim::ProbeReason>& why, std::string caption) {
  PathHighlight p;
  p.delivered = delivered;
  p.caption = std::move(caption);
  const sim::Network& net = sim.network();
  for (const sim::Hop& hop : sim.journey().hops()) {
    if (!hop.packet.is_ip()) continue;  // ARP floods reach every station: not the path
    bool ignored = false;
    for (const sim::Step& s : hop.steps) {
      if (s.drop && (*s.drop == sim::DropReason::NotAddressedToUs ||
                     *s.drop == sim::DropReason::SamePortReflection)) {
        ignored = true;
      }
    }
    if (ignored) continue;
    p.devices.insert(hop.device);
    if (hop.in_port >= 0) {
      uint32_t link = net.device(hop.device).ports()[size_t(hop.in_port)].link;
      if (link != sim::kNoLink) p.links.insert(link);
    }
  }
  if (!delivered && why && why->reason != sim::DropReason::EventBudget) {
    p.drop_device = why->device;
    p.drop_text =
        "dropped: " + why->detail + " [" + std::string(sim::reason_code(why->reason)) + "]";
  }
  return p;
}

TopologyDiagram::TopologyDiagram(const topo::TopologySpec& spec, const sim::Network& net)
    : spec_(spec), view_(spec) {
  for (size_t d = 0; d < net.device_count(); ++d) {
    sim::DeviceId id{uint32_t(d)};
    if (auto v = view_.find(view_id_of(net.device(id).name()))) vertex_of_[id] = *v;
  }
  // Each link takes the first edge between its two vertices that no earlier
  // link took (parallel links are listed in the same order in both).
  std::vector<std::pair<size_t, size_t>> edge_ends;
  for (auto [it, end] = boost::edges(view_.graph()); it != end; ++it) {
    const topo::EdgeInfo& e = view_.graph()[*it];
    edge_ends.emplace_back(std::min(e.a, e.b), std::max(e.a, e.b));
  }
  std::vector<bool> taken(edge_ends.size(), false);
  for (size_t l = 0; l < net.links().size(); ++l) {
    const sim::Link& link = net.links()[l];
    auto a = vertex_of_.find(link.a.device), b = vertex_of_.find(link.b.device);
    if (a == vertex_of_.end() || b == vertex_of_.end()) continue;
    std::pair<size_t, size_t> ends(std::min(a->second, b->second), std::max(a->second, b->second));
    for (size_t e = 0; e < edge_ends.size(); ++e) {
      if (!taken[e] && edge_ends[e] == ends) {
        taken[e] = true;
        edge_of_[uint32_t(l)] = e;
        break;
      }
    }
  }
}

std::string TopologyDiagram::node_id(sim::DeviceId device) const {
  auto it = vertex_of_.find(device);
  return it == vertex_of_.end() ? "" : "node-" + svg_name(view_.vertex(it->second).id);
}

std::string TopologyDiagram::edge_id(uint32_t link) const {
  auto it = edge_of_.find(link);
  return it == edge_of_.end() ? "" : "edge-" + std::to_string(it->second);
}

void TopologyDiagram::write_dot(std::ostream& out, const PathHighlight* path) const {
  const auto& g = view_.graph();
  const size_t n = view_.vertex_count();
  DrawGraph root(n);
  boost::get_property(root, boost::graph_name) = "topology";
  Attrs& graph_attrs = boost::get_property(root, boost::graph_graph_attribute);
  graph_attrs["fontname"] = "Helvetica";
  graph_attrs["label"] =
      dot_lines(spec_.name + (path && !path->caption.empty() ? "\n" + path->caption : ""));
  graph_attrs["labelloc"] = "t";
  boost::get_property(root, boost::graph_vertex_attribute)["fontname"] = "Helvetica";
  boost::get_property(root, boost::graph_edge_attribute)["fontname"] = "Helvetica";

  // Clusters: one per VPC with one per subnet inside, one per classic network.
  std::vector<DrawGraph*> vpc_cluster(spec_.vpcs.size(), nullptr);
  std::vector<std::map<std::string, DrawGraph*>> subnet_cluster(spec_.vpcs.size());
  for (size_t i = 0; i < spec_.vpcs.size(); ++i) {
    const topo::VpcSpec& vpc = spec_.vpcs[i];
    DrawGraph& c = root.create_subgraph();
    boost::get_property(c, boost::graph_name) = "cluster_vpc_" + std::to_string(i);
    Attrs& a = boost::get_property(c, boost::graph_graph_attribute);
    a["label"] = cluster_label("VPC", vpc.name, vpc.cidr.str());
    a["style"] = "rounded";
    vpc_cluster[i] = &c;
    for (size_t s = 0; s < vpc.subnets.size(); ++s) {
      if (subnet_cluster[i].count(vpc.subnets[s].name)) continue;
      DrawGraph& sc = c.create_subgraph();
      boost::get_property(sc, boost::graph_name) =
          "cluster_subnet_" + std::to_string(i) + "_" + std::to_string(s);
      Attrs& sa = boost::get_property(sc, boost::graph_graph_attribute);
      sa["label"] = cluster_label("subnet", vpc.subnets[s].name, vpc.subnets[s].cidr.str());
      sa["style"] = "dashed";
      subnet_cluster[i][vpc.subnets[s].name] = &sc;
    }
  }
  std::vector<DrawGraph*> net_cluster(spec_.networks.size(), nullptr);
  for (size_t i = 0; i < spec_.networks.size(); ++i) {
    DrawGraph& c = root.create_subgraph();
    boost::get_property(c, boost::graph_name) = "cluster_net_" + std::to_string(i);
    boost::get_property(c, boost::graph_graph_attribute)["label"] =
        cluster_label("network", spec_.networks[i].name, "");
    net_cluster[i] = &c;
  }

  std::map<topo::GraphView::Vertex, sim::DeviceId> device_of;
  for (const auto& [dev, v] : vertex_of_) device_of[v] = dev;
  auto in_path = [&](topo::GraphView::Vertex v) {
    auto it = device_of.find(v);
    return path && it != device_of.end() && path->devices.count(it->second);
  };
  auto dropped_here = [&](topo::GraphView::Vertex v) {
    auto it = device_of.find(v);
    return path && path->drop_device && it != device_of.end() && *path->drop_device == it->second;
  };

  for (topo::GraphView::Vertex v = 0; v < n; ++v) {
    const topo::VertexInfo& info = view_.vertex(v);
    Attrs& a = boost::get(boost::vertex_attribute, root)[v];
    a["id"] = "node-" + svg_name(info.id);
    a["label"] = dot_lines(view_.label(v));
    a["shape"] = std::string(topo::dot_shape(info.kind));
    a["tooltip"] = std::string(topo::vertex_kind_name(info.kind)) + " " + info.name;
    if (dropped_here(v)) {
      a["color"] = kRed;
      a["penwidth"] = "3";
      a["style"] = "filled";
      a["fillcolor"] = "#fde0dd";
      a["xlabel"] =
          path->drop_text.size() > 60 ? path->drop_text.substr(0, 57) + "..." : path->drop_text;
      a["fontcolor"] = kRed;
    } else if (in_path(v)) {
      a["color"] = kGreen;
      a["penwidth"] = "3";
    } else if (info.down) {
      a["style"] = "dashed";
    }
    if (!info.roles.empty()) a["peripheries"] = "2";  // runs a service: DNS, DHCP
    // Cluster membership, by what the vertex stands for in the spec.
    switch (info.kind) {
      case VertexKind::VpcRouter:
      case VertexKind::InternetGateway:
        boost::add_vertex(v, *vpc_cluster[info.group]);
        break;
      case VertexKind::DnsResolver:  // a VPC's (in its box) or the internet's (outside)
        if (!info.scope.empty()) boost::add_vertex(v, *vpc_cluster[info.group]);
        break;
      case VertexKind::Subnet:
        boost::add_vertex(v, *subnet_cluster[info.group].at(info.name));
        break;
      case VertexKind::NatGateway:
      case VertexKind::Instance:
      case VertexKind::LoadBalancer: {
        auto it = subnet_cluster[info.group].find(info.subnet);
        boost::add_vertex(
            v, it != subnet_cluster[info.group].end() ? *it->second : *vpc_cluster[info.group]);
        break;
      }
      case VertexKind::Host:
      case VertexKind::Router:
      case VertexKind::Switch:
      case VertexKind::Hub:
        boost::add_vertex(v, *net_cluster[info.group]);
        break;
      case VertexKind::Internet:
      case VertexKind::InternetHost:
        break;  // outside every cluster
    }
  }

  std::set<size_t> path_edges;
  if (path) {
    for (const auto& [link, e] : edge_of_) {
      if (path->links.count(link)) path_edges.insert(e);
    }
  }
  size_t index = 0;
  for (auto [it, end] = boost::edges(g); it != end; ++it, ++index) {
    const topo::EdgeInfo& info = g[*it];
    auto added = boost::add_edge(info.a, info.b, root);
    Attrs& a = boost::get(boost::edge_attribute, root)[added.first];
    a["id"] = "edge-" + std::to_string(index);
    if (!info.a_port.empty()) a["taillabel"] = info.a_port;
    if (!info.b_port.empty()) a["headlabel"] = info.b_port;
    if (!info.label.empty()) a["label"] = info.label;
    if (info.kind == topo::EdgeKind::Peering) a["style"] = "bold";
    if (info.kind == topo::EdgeKind::Forwards) {
      // Not a wire: the load balancer's connections to the target cross the
      // subnets and the VPC router, which the path highlight shows.
      a["style"] = "dashed";
      a["dir"] = "forward";
      a["color"] = kForwardColour;
      a["fontcolor"] = kForwardColour;
      a["tooltip"] = "forwards to";
    }
    if (info.down) a["style"] = "dashed";
    // A load balancer's forwarding is on the path when both its node and the
    // target handled the probe's packets.
    const bool forwarded =
        info.kind == topo::EdgeKind::Forwards && in_path(info.a) && in_path(info.b);
    if (path_edges.count(index) || forwarded) {
      a["color"] = kGreen;
      a["penwidth"] = "3";
    }
    a["fontsize"] = "10";
  }
  boost::write_graphviz(out, root);
}

}  // namespace vpcsim::cli
