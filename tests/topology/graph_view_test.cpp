#include "topology/graph_view.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "topology/xml_loader.hpp"

namespace vpcsim::topo {
namespace {

TopologySpec load(std::string_view xml) {
  Diagnostics d;
  auto spec = load_topology_string(xml, "t.xml", d);
  EXPECT_FALSE(d.has_errors()) << d.render();
  return spec ? *spec : TopologySpec{};
}

std::vector<std::string> ids(const GraphView& g) {
  std::vector<std::string> out;
  for (size_t v = 0; v < g.vertex_count(); ++v) out.push_back(g.vertex(v).id);
  return out;
}

constexpr std::string_view kMixed = R"(<topology name="t">
  <internet><host name="client" ip="198.51.100.10"/></internet>
  <vpc name="prod" cidr="10.0.0.0/16">
    <internet-gateway name="igw"/>
    <subnet name="public" cidr="10.0.1.0/24"/>
    <subnet name="app" cidr="10.0.2.0/24"/>
    <nat-gateway name="nat" subnet="public" ip="10.0.1.20" elastic-ip="203.0.113.20"/>
    <instance name="web" subnet="public" ip="10.0.1.10" elastic-ip="203.0.113.10"/>
    <instance name="app" subnet="app" ip="10.0.2.10"/>
  </vpc>
  <vpc name="shared" cidr="10.1.0.0/16"/>
  <vpc-peering name="p" a="prod" b="shared"/>
  <network name="office">
    <host name="pc1" ip="192.168.0.10/24"/>
    <switch name="sw1"/>
    <router name="r1"><interface name="eth0" ip="192.168.0.1/24"/></router>
    <link a="pc1" b="sw1"/>
    <link a="r1:eth0" b="sw1"/>
  </network>
</topology>)";

TEST(GraphView, HasOneVertexPerNodeInDocumentOrderWithSyntheticIdsForAwsParts) {
  GraphView g(load(kMixed));
  EXPECT_EQ(ids(g), (std::vector<std::string>{"(internet)", "client", "prod/(router)", "igw",
                                              "prod/public", "prod/app", "nat", "web", "app",
                                              "shared/(router)", "pc1", "sw1", "r1"}));
  EXPECT_EQ(g.vertex(*g.find("prod/public")).kind, VertexKind::Subnet);
  EXPECT_EQ(g.vertex(*g.find("nat")).kind, VertexKind::NatGateway);
  EXPECT_EQ(g.vertex(*g.find("r1")).scope, "office");
  EXPECT_EQ(*g.classic_node(0, 2), *g.find("r1"));
  EXPECT_FALSE(g.classic_node(0, 3));
  EXPECT_FALSE(g.find("nope"));
}

TEST(GraphView, EverythingWiredIsOneComponent) {
  GraphView g(load(kMixed));
  auto comps = g.components();
  ASSERT_EQ(comps.size(), 2u) << "the office LAN is not wired to the VPCs";
  EXPECT_EQ(comps[0].size(), 10u);
  EXPECT_EQ(comps[1], (std::vector<GraphView::Vertex>{10, 11, 12}));
}

TEST(GraphView, LabelsCarryNamesAndAddresses) {
  GraphView g(load(kMixed));
  EXPECT_EQ(g.label(*g.find("web")), "web\n10.0.1.10\n203.0.113.10 (public)");
  EXPECT_EQ(g.label(*g.find("prod/app")), "prod/app\n10.0.2.0/24");
  EXPECT_EQ(g.label(*g.find("pc1")), "pc1\neth0 192.168.0.10/24");
  EXPECT_EQ(g.label(*g.find("prod/(router)")), "prod router\n10.0.0.0/16");
}

TEST(GraphView, WritesDotThroughBoostGraphviz) {
  GraphView g(load(kMixed));
  std::ostringstream out;
  g.write_dot(out);
  const std::string dot = out.str();
  EXPECT_EQ(dot.rfind("graph G {", 0), 0u) << dot;
  EXPECT_NE(dot.find("[label=\"web\\n10.0.1.10\\n203.0.113.10 (public)\", shape=ellipse]"),
            std::string::npos)
      << dot;
  EXPECT_NE(dot.find("[taillabel=\"eth0\", label=\"latency 0.100 ms\"]"), std::string::npos) << dot;
  EXPECT_NE(dot.find("[label=\"p\"]"), std::string::npos) << "peering edge named";
}

TEST(GraphView, DevicesThatAreDownAreLabelledAndDashed) {
  GraphView g(load(R"(<topology name="t">
  <internet><host name="client" ip="198.51.100.10" down="true"/></internet>
  <vpc name="v" cidr="10.0.0.0/16">
    <subnet name="s" cidr="10.0.1.0/24"/>
    <instance name="web" subnet="s" ip="10.0.1.10" down="true"/>
    <instance name="db" subnet="s" ip="10.0.1.11"/>
  </vpc>
  <network name="n"><host name="pc1" ip="192.168.0.10/24"/><switch name="sw1" down="true"/>
    <link a="pc1" b="sw1"/></network>
</topology>)"));
  for (const char* name : {"client", "web", "sw1"}) {
    EXPECT_TRUE(g.vertex(*g.find(name)).down) << name;
    EXPECT_TRUE(g.label(*g.find(name)).ends_with("\n(down)")) << g.label(*g.find(name));
  }
  EXPECT_FALSE(g.vertex(*g.find("db")).down);
  EXPECT_EQ(g.label(*g.find("pc1")), "pc1\neth0 192.168.0.10/24");
  std::ostringstream out;
  g.write_dot(out);
  EXPECT_NE(out.str().find("[label=\"sw1\\n(down)\", shape=box, style=dashed]"), std::string::npos)
      << out.str();
}

TEST(GraphView, FindsEachLoopOnceWithDevicesStartingAtTheFirstWritten) {
  GraphView g(load(R"(<topology name="t"><network name="n">
<switch name="a"/><switch name="b"/><hub name="c"/><switch name="d"/>
<link a="a" b="b"/><link a="b" b="c"/><link a="c" b="a"/>
<link a="c" b="d"/><link a="d" b="c"/>
</network></topology>)"));
  auto cycles = g.l2_cycles();
  ASSERT_EQ(cycles.size(), 2u);
  auto names = [&](const L2Cycle& c) {
    std::vector<std::string> out;
    for (size_t v : c.devices) out.push_back(g.vertex(v).name);
    return out;
  };
  EXPECT_EQ(names(cycles[0]), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(cycles[0].loc.line, 3u);
  EXPECT_EQ(names(cycles[1]), (std::vector<std::string>{"c", "d"}));
  EXPECT_EQ(cycles[1].loc.line, 4u);
}

TEST(GraphView, SegmentCrossesSwitchesAndHubsButNotRouters) {
  GraphView g(load(R"(<topology name="t"><network name="n">
<host name="h1" ip="10.0.0.1/24"/><host name="h2" ip="10.0.0.2/24"/><host name="h3" ip="10.1.0.3/24"/>
<router name="r"><interface name="a" ip="10.0.0.254/24"/><interface name="b" ip="10.1.0.254/24"/></router>
<switch name="s"/><hub name="hub"/>
<link a="h1" b="s"/><link a="s" b="hub"/><link a="hub" b="h2"/><link a="r:a" b="s"/><link a="r:b" b="h3"/>
</network></topology>)"));
  auto seg = g.segment(*g.find("h1"), "eth0");
  EXPECT_EQ(seg, (std::vector<PortRef>{{*g.find("h2"), "eth0"}, {*g.find("r"), "a"}}));
  EXPECT_EQ(g.segment(*g.find("r"), "b"), (std::vector<PortRef>{{*g.find("h3"), "eth0"}}));
  EXPECT_TRUE(g.segment(*g.find("h1"), "eth9").empty());
}

TEST(GraphView, DrawsLoadBalancerNodesPerSubnetWithForwardEdgesAndResolversWhenZonesExist) {
  GraphView g(load(R"(<topology name="t">
  <internet><host name="client" ip="198.51.100.10"/></internet>
  <dns-zone name="example.net"><record name="www" type="A" value="203.0.113.50"/></dns-zone>
  <vpc name="v" cidr="10.0.0.0/16">
    <internet-gateway name="igw"/>
    <subnet name="a" cidr="10.0.1.0/24"/><subnet name="b" cidr="10.0.2.0/24"/>
    <load-balancer name="lb" type="application" subnets="a,b" elastic-ip="203.0.113.50,203.0.113.51">
      <listener protocol="HTTP" port="80" forward="tg"/>
    </load-balancer>
    <target-group name="tg" protocol="HTTP" port="8080"><target instance="web"/></target-group>
    <instance name="web" subnet="b" ip="10.0.2.10"><dns-server/></instance>
  </vpc>
</topology>)"));
  EXPECT_EQ(ids(g),
            (std::vector<std::string>{"(internet)", "(internet-dns)", "client", "v/(router)",
                                      "v/(dns)", "igw", "v/a", "v/b", "web", "lb/a", "lb/b"}));
  const VertexInfo& lb = g.vertex(*g.find("lb/b"));
  EXPECT_EQ(lb.kind, VertexKind::LoadBalancer);
  EXPECT_EQ(lb.subnet, "b");
  EXPECT_EQ(g.label(*g.find("lb/b")), "lb\n10.0.2.254\n203.0.113.51 (public)\nALB HTTP:80");
  EXPECT_EQ(g.label(*g.find("v/(dns)")), "Amazon DNS server\n10.0.0.2");
  EXPECT_EQ(g.label(*g.find("web")), "web\n10.0.2.10\n[DNS server]");
  std::vector<std::string> forwards;
  for (auto [it, end] = boost::edges(g.graph()); it != end; ++it) {
    const EdgeInfo& e = g.graph()[*it];
    if (e.kind != EdgeKind::Forwards) continue;
    forwards.push_back(g.vertex(e.a).id + " -> " + g.vertex(e.b).id + " " + e.label);
  }
  EXPECT_EQ(forwards, (std::vector<std::string>{"lb/a -> web tg:8080", "lb/b -> web tg:8080"}));
}

TEST(GraphView, ToleratesUnresolvedReferences) {
  GraphView g(load(R"(<topology name="t"><vpc name="v" cidr="10.0.0.0/16">
<instance name="i" subnet="missing" ip="10.0.0.10"/></vpc>
<vpc-peering name="p" a="v" b="nowhere"/>
<network name="n"><link a="x" b="y"/></network></topology>)"));
  EXPECT_EQ(g.vertex_count(), 2u);
  EXPECT_EQ(boost::num_edges(g.graph()), 0u);
  EXPECT_TRUE(g.l2_cycles().empty());
}

}  // namespace
}  // namespace vpcsim::topo
