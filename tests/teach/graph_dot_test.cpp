// vpcsim graph: DOT from the Boost.Graph view through boost::write_graphviz,
// VPCs and subnets as nested clusters, readable SVG ids, a probe's path in green
// and its drop in red.
#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include "sim/probes/tcp_connect.hpp"
#include "tests/teach/teach_fixtures.hpp"
#include "tests/teach/views_test_helpers.hpp"
#include "tools/vpcsim/format/graph_dot.hpp"

namespace vpcsim::cli {
namespace {

using testing::kOffice;

using testing::dot_of;
using testing::node_line;

TEST(GraphDot, VpcClusterHoldsSubnetClustersWhichHoldTheirInstances) {
  testing::Loaded vpc = testing::load_scenario_topology("small-service");
  std::string dot = dot_of(vpc);
  ASSERT_EQ(dot.rfind("graph topology {\n", 0), 0u) << dot.substr(0, 80);
  size_t vpc_at = dot.find("subgraph cluster_vpc_0 {");
  size_t subnet_at = dot.find("subgraph cluster_subnet_0_1 {");
  size_t app_at = dot.find("id=\"node-app\"");
  size_t internet_at = dot.find("id=\"node-:internet\"");
  ASSERT_NE(vpc_at, std::string::npos);
  ASSERT_NE(subnet_at, std::string::npos);
  EXPECT_LT(vpc_at, subnet_at);
  EXPECT_LT(subnet_at, app_at);
  EXPECT_NE(dot.find("label=\"VPC prod  10.0.0.0/16\""), std::string::npos);
  EXPECT_NE(dot.find("label=\"subnet app  10.0.2.0/24\""), std::string::npos);
  // The internet is outside every cluster: declared after all of them close.
  EXPECT_GT(internet_at, dot.rfind("}\n", dot.size() - 3));
  EXPECT_NE(
      node_line(dot, "node-bastion").find("label=\"bastion\\n10.0.1.10\\n203.0.113.10 (public)\""),
      std::string::npos);
}

TEST(GraphDot, EveryDeviceAndLinkHasAReadableUniqueId) {
  testing::Loaded vpc = testing::load_scenario_topology("small-service");
  TopologyDiagram d(vpc.spec, vpc.sim->network());
  EXPECT_EQ(d.node_id(vpc.id("prod:router")), "node-prod::router");
  EXPECT_EQ(d.node_id(vpc.id("internet:core")), "node-:internet");
  EXPECT_EQ(d.node_id(vpc.id("prod/app")), "node-prod:app");
  EXPECT_EQ(d.node_id(vpc.id("igw")), "node-igw");
  // Every device is drawn but the DNS resolvers AWS and the internet provide: this
  // plan has no DNS zone, so they answer nothing but EC2 names and are left out
  // of the picture (with zones they are drawn: services_views_test.cpp). So is
  // every link between drawn devices, each with its own id.
  const sim::Network& net = vpc.sim->network();
  std::set<std::string> undrawn;
  for (uint32_t dev = 0; dev < net.device_count(); ++dev) {
    if (d.node_id(sim::DeviceId{dev}).empty())
      undrawn.insert(net.device(sim::DeviceId{dev}).name());
  }
  EXPECT_EQ(undrawn, (std::set<std::string>{"internet:dns", "prod:dns"}));
  std::set<std::string> edges;
  size_t drawn_links = 0;
  const auto& links = net.links();
  for (uint32_t l = 0; l < links.size(); ++l) {
    const bool ends_drawn =
        !d.node_id(links[l].a.device).empty() && !d.node_id(links[l].b.device).empty();
    std::string id = d.edge_id(l);
    EXPECT_EQ(id.empty(), !ends_drawn) << "link " << l;
    if (!ends_drawn) continue;
    ++drawn_links;
    edges.insert(id);
  }
  EXPECT_EQ(edges.size(), drawn_links);
  EXPECT_EQ(drawn_links + 2, links.size());
}

TEST(GraphDot, ClassicNetworkIsOneCluster) {
  testing::Loaded office = testing::load(kOffice);
  std::string dot = dot_of(office);
  EXPECT_NE(dot.find("subgraph cluster_net_0 {"), std::string::npos);
  EXPECT_NE(dot.find("label=\"network office\""), std::string::npos);
  EXPECT_NE(node_line(dot, "node-r1").find("shape=diamond"), std::string::npos);
  EXPECT_NE(node_line(dot, "node-sw1").find("shape=box"), std::string::npos);
}

TEST(GraphDot, ProbePathIsGreenAndTheDropRed) {
  testing::Loaded vpc = testing::load_scenario_topology("small-service");
  auto r = sim::run_tcp_connect(*vpc.sim, vpc.id("bastion"), vpc.ip("10.0.3.10"), 3306, {});
  ASSERT_EQ(r.verdict, sim::ConnectVerdict::Timeout);
  PathHighlight path = path_of(*vpc.sim, false, r.reason, "telnet bastion -> db:3306: timeout");
  ASSERT_TRUE(path.drop_device.has_value());
  EXPECT_EQ(*path.drop_device, vpc.id("db"));
  std::string dot = dot_of(vpc, &path);
  EXPECT_NE(node_line(dot, "node-db").find("color=\"#d73027\""), std::string::npos);
  EXPECT_NE(node_line(dot, "node-db").find("xlabel=\"dropped: security group db-sg"),
            std::string::npos);
  EXPECT_NE(node_line(dot, "node-bastion").find("color=\"#1a9850\""), std::string::npos);
  EXPECT_NE(node_line(dot, "node-prod::router").find("color=\"#1a9850\""), std::string::npos);
  EXPECT_EQ(node_line(dot, "node-lb").find("color="), std::string::npos) << "not on the path";
  EXPECT_NE(dot.find("label=\"small-service\\ntelnet bastion -> db:3306: timeout\""),
            std::string::npos);
}

}  // namespace
}  // namespace vpcsim::cli
