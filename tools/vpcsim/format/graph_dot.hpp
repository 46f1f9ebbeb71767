#pragma once
// TopologyDiagram: the topology as a Graphviz DOT drawing, written with
// boost::write_graphviz from the Boost.Graph view (topo::GraphView), with our
// own labels (names and addresses), shapes per device kind, VPCs and subnets as
// clusters, and optionally a probe's path: green where its packets went, red
// at the device that dropped them. Services: load balancer nodes in their
// subnets with dashed blue "forwards to" arrows to their targets, nodes that
// run a DNS or DHCP server with a double outline and the service in the label,
// the Amazon DNS server and the public resolver when the plan has DNS zones.
//
// Clusters: write_graphviz's plain overloads cannot nest vertices in
// subgraphs, and faking clusters through its graph-property writer (printing
// `subgraph cluster_x {...}` blocks by hand before the vertices) would bypass
// it. So the drawing is a boost::subgraph (a VPC is a child subgraph, each of
// its subnets a child of that, each classic network one) whose graph_name
// starts with "cluster", which the subgraph overload of write_graphviz writes
// as nested DOT subgraphs that dot draws as boxes. Vertex and edge attributes
// are attribute maps (GraphvizAttrList) filled here.
//
// Ids, stable and readable, for tests and the HTML report: every node has
// `id="node-NAME"` in the SVG that dot makes, where NAME is the node's name,
// "VPC:SUBNET" for a subnet, "VPC::router" for a VPC router, "VPC::dns" for its
// Amazon DNS server, "LB:SUBNET" for a load balancer's node in a subnet,
// ":internet" for the internet and ":internet-dns" for its public resolver
// (':' cannot appear in a name, so they never collide);
// every edge has `id="edge-N"` (N in the order the view lists them).
#include <cstdint>
#include <map>
#include <optional>
#include <ostream>
#include <set>
#include <string>

#include "sim/core/simulation.hpp"
#include "sim/probes/probe_common.hpp"
#include "topology/graph_view.hpp"
#include "topology/spec.hpp"

namespace vpcsim::cli {

// Where a probe's packets went: devices and links to draw green, and the drop
// to draw red.
struct PathHighlight {
  std::set<sim::DeviceId> devices;
  std::set<uint32_t> links;
  bool delivered = false;
  std::optional<sim::DeviceId> drop_device;
  std::string drop_text;  // "dropped: security group ... [security-group]"
  std::string caption;    // the graph's title line, e.g. "ping pc1 -> srv: reachable"
};

// The path of the probe whose run the simulation's journey holds: every device
// that handled one of its IP packets (not a NIC ignoring a frame for another
// MAC) and every link such a packet crossed, plus the decisive drop.
[[nodiscard]] PathHighlight path_of(const sim::Simulation& sim, bool delivered,
                                    const std::optional<sim::ProbeReason>& why,
                                    std::string caption);

class TopologyDiagram {
 public:
  // `net`: the lowered network of `spec` (devices and links map to the view's
  // vertices and edges by name).
  TopologyDiagram(const topo::TopologySpec& spec, const sim::Network& net);

  void write_dot(std::ostream& out, const PathHighlight* path = nullptr) const;
  // The SVG id of a device's node / a link's edge, "" when it is not drawn.
  [[nodiscard]] std::string node_id(sim::DeviceId device) const;
  [[nodiscard]] std::string edge_id(uint32_t link) const;

 private:
  const topo::TopologySpec& spec_;
  topo::GraphView view_;
  std::map<sim::DeviceId, topo::GraphView::Vertex> vertex_of_;
  std::map<uint32_t, size_t> edge_of_;  // sim link -> index in the view's edge list
};

}  // namespace vpcsim::cli
