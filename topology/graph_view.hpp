#pragma once
// GraphView: a read-only Boost.Graph picture of a TopologySpec, for analysis
// (L2 loops, connected components, LAN segments) and for drawing (`vpcsim graph`
// writes it as DOT). It copies what it needs, so it does not dangle if the spec
// goes away. Not modelled: forwarding behaviour, filters, NAT, link state beyond
// "down" — this is wiring, not a simulation; use sim::Network for packets.
//
// Vertices, in this order (each part in document order, so output is stable):
//   (internet)          the transparent internet core, if there is an <internet>
//                       or any VPC has an internet gateway
//   internet hosts      one each, attached to (internet)
//   per VPC:  VPC/(router)  its implicit router, attached to each subnet and the IGW
//             IGW           attached to (internet) and the VPC router
//             VPC/SUBNET    a subnet is a switch (its broadcast domain)
//             NAT gateways and instances, attached to their subnet
//             VPC/(dns)     its Amazon DNS server (base+2), attached to the VPC
//                           router: drawn only when the plan has DNS zones
//             LB/SUBNET     a load balancer's node in each of its subnets (the
//                           lowered device's name), attached to the subnet, with
//                           "forwards to" edges to its targets' instances
//   (internet-dns)      the public resolver 8.8.8.8, if the internet has one and
//                       the plan has DNS zones
//   per network: hosts, routers, switches and hubs; edges are its <link>s
// Peerings are edges between two VPC routers. Names cannot contain '/', '(' or
// ')', so the synthetic ids never collide with user names.
#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/graph/adjacency_list.hpp>

#include "topology/source_loc.hpp"
#include "topology/spec.hpp"

namespace vpcsim::topo {

// What a vertex is: the four classic devices, then the internet and the AWS
// constructs as `lower` turns them into devices (a subnet is a switch, the VPC
// router a router, gateways NAT devices). Security groups and NACLs are filters,
// not vertices.
enum class VertexKind : uint8_t {
  Host,
  Router,
  Switch,
  Hub,
  Internet,
  InternetHost,
  VpcRouter,
  InternetGateway,
  Subnet,
  NatGateway,
  Instance,
  LoadBalancer,  // one node of a load balancer: its network interface in one subnet
  DnsResolver,   // the Amazon DNS server of a VPC, or the internet's public resolver
};

// The target groups a load balancer forwards to, in the order its listeners and
// rules name them, each once (the "forwards to" edges; show --listeners).
[[nodiscard]] std::vector<std::string> forwarded_target_groups(const LoadBalancerSpec& lb);

// The Graphviz node shape that draws a vertex of this kind ("box", "diamond", ...).
[[nodiscard]] std::string_view dot_shape(VertexKind k);

[[nodiscard]] std::string_view vertex_kind_name(VertexKind kind);

// What a vertex stands for, and where to find it again in the spec.
struct VertexInfo {
  VertexKind kind = VertexKind::Host;
  std::string id;                       // unique in a valid spec; see the mapping above
  std::string name;                     // display name (node, subnet or gateway name)
  std::string scope;                    // network or VPC name; empty for the internet
  std::vector<std::string> addresses;   // e.g. "eth0 192.168.0.10/24", "203.0.113.10 (public)"
  std::vector<std::string> interfaces;  // hosts, routers, instances: interface names
  SourceLoc loc;
  size_t group = 0;   // index of the network or VPC in the spec
  size_t index = 0;   // index in that group's nodes / subnets / instances / ... vector
  bool down = false;  // down="true": powered off (labelled, drawn dashed)
  std::vector<std::string> roles{};  // services it runs: "DNS server", "DHCP server on eth0"
  std::string subnet{};  // instances, NAT gateways and load balancer nodes: their subnet
};

// Link: a classic <link>. Attachment: an implied wire (instance or NAT gateway to
// its subnet, subnet to the VPC router, IGW to router and internet, internet host
// to internet). Peering: a <vpc-peering> between two VPC routers. Forwards: a
// load balancer node to a target instance (not a wire: the load balancer's
// connections to it cross the subnets and the VPC router); `a` is the load
// balancer node, `label` "TARGET-GROUP:PORT".
enum class EdgeKind : uint8_t { Link, Attachment, Peering, Forwards };

// A wire: a classic <link>, an attachment (instance to subnet, subnet to VPC
// router, ...) or a peering. `a`/`b` keep the written direction, which an
// undirected graph's source()/target() do not.
struct EdgeInfo {
  EdgeKind kind = EdgeKind::Link;
  size_t a = 0, b = 0;         // vertex descriptors
  std::string a_port, b_port;  // interface name ("eth0"), the VPC router's address on a
                               // subnet, or empty (switch and hub ports, gateways)
  std::string label;           // peering name, or the link's latency/bandwidth
  SourceLoc loc;
  bool down = false;
};

// One L2 loop: the switches and hubs on it (vertex descriptors), starting with
// the one first in the file and going round towards its earlier-written
// neighbour; `loc` is the link that closes it in a depth-first search that visits
// devices and links in document order.
struct L2Cycle {
  std::vector<size_t> devices;
  SourceLoc loc;
};

// An interface of a host or router: (vertex, interface name).
struct PortRef {
  size_t vertex = 0;
  std::string interface;
  bool operator==(const PortRef&) const = default;
};

class GraphView {
 public:
  using Graph =
      boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, VertexInfo, EdgeInfo>;
  using Vertex = Graph::vertex_descriptor;
  using Edge = Graph::edge_descriptor;

  explicit GraphView(const TopologySpec& spec);

  [[nodiscard]] const Graph& graph() const { return graph_; }
  [[nodiscard]] size_t vertex_count() const { return boost::num_vertices(graph_); }
  [[nodiscard]] const VertexInfo& vertex(Vertex v) const { return graph_[v]; }
  // First vertex with this id.
  [[nodiscard]] std::optional<Vertex> find(std::string_view id) const;
  // The vertex of spec.networks[network].nodes[node].
  [[nodiscard]] std::optional<Vertex> classic_node(size_t network, size_t node) const;
  // "name\naddress\naddress…", for DOT labels.
  [[nodiscard]] std::string label(Vertex v) const;

  // L2 loops among switches and hubs over links that are up (a down link breaks
  // a loop, as a blocked STP port would). One cycle per link that closes one, so
  // a ring reports once and each extra link across it once more.
  [[nodiscard]] std::vector<L2Cycle> l2_cycles() const;
  // Connected components over every edge (down links included: they are wired),
  // ordered by their first vertex, vertices ascending.
  [[nodiscard]] std::vector<std::vector<Vertex>> components() const;
  // The other host/router interfaces on the LAN segment of `interface` of host or
  // router `v`: across its link(s) and on through switches and hubs (down links
  // included). Sorted by (vertex, interface).
  [[nodiscard]] std::vector<PortRef> segment(Vertex v, std::string_view interface) const;
  // The switches and hubs that links join (down links included), numbered: a
  // component number per vertex, kNoComponent for every other kind. One pass
  // over the links, for checks that would call segment() for every interface
  // (quadratic on a LAN of thousands of hosts).
  static constexpr size_t kNoComponent = SIZE_MAX;
  [[nodiscard]] std::vector<size_t> l2_components() const;

  // DOT via boost::write_graphviz: vertices labelled with label(), shaped by kind.
  void write_dot(std::ostream& out) const;

 private:
  Vertex add(VertexInfo info);
  void connect(EdgeInfo info);
  // The nodes of the VPC's load balancers and their "forwards to" edges (after
  // its subnets and instances).
  void add_load_balancers(const VpcSpec& vpc, size_t group,
                          const std::map<std::string, Vertex>& subnets);

  Graph graph_;
  std::vector<std::vector<Vertex>> classic_;  // [network][node]
};

}  // namespace vpcsim::topo
