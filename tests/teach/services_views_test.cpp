// The views of the services (issue 9): `graph` draws load balancers, DNS
// servers and resolvers; `show --zones` / `--listeners` print a DNS server's
// zones and a load balancer's listeners; probe lines (`show --after`, `graph
// --highlight`) take DNS names and curl. On the bundled scenarios, through the
// real loader, lowering and simulation.
#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include "tests/teach/teach_fixtures.hpp"
#include "tests/teach/views_test_helpers.hpp"
#include "tools/vpcsim/cli_common.hpp"
#include "tools/vpcsim/commands/show_services.hpp"
#include "tools/vpcsim/format/graph_dot.hpp"
#include "tools/vpcsim/probe_line.hpp"

namespace vpcsim::cli {
namespace {

using testing::dot_of;
using testing::node_line;

// The DOT vertex number of the node with this id ("13" in `13[id="node-x", ...]`).
std::string vertex_number(const std::string& dot, const std::string& id) {
  std::string line = node_line(dot, id);
  return line.substr(0, line.find('['));
}

// The lines of the edges between two DOT vertex numbers, in either direction.
std::vector<std::string> edges_between(const std::string& dot, const std::string& a,
                                       const std::string& b) {
  std::vector<std::string> out;
  std::istringstream in(dot);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(a + " -- " + b + "[", 0) == 0 || line.rfind(b + " -- " + a + "[", 0) == 0) {
      out.push_back(line);
    }
  }
  return out;
}

TEST(ServicesGraph, WithDnsZonesEveryDeviceIsDrawnResolversAndLoadBalancerNodesIncluded) {
  testing::Loaded alb = testing::load_scenario_topology("alb-wildcard");
  TopologyDiagram d(alb.spec, alb.sim->network());
  const sim::Network& net = alb.sim->network();
  std::set<std::string> undrawn;
  for (uint32_t dev = 0; dev < net.device_count(); ++dev) {
    if (d.node_id(sim::DeviceId{dev}).empty())
      undrawn.insert(net.device(sim::DeviceId{dev}).name());
  }
  EXPECT_TRUE(undrawn.empty()) << *undrawn.begin();
  EXPECT_EQ(d.node_id(alb.id("prod:dns")), "node-prod::dns");
  EXPECT_EQ(d.node_id(alb.id("internet:dns")), "node-:internet-dns");
  EXPECT_EQ(d.node_id(alb.id("web-alb/public-a")), "node-web-alb:public-a");
  // Every link is an edge of the drawing, each with its own id.
  std::set<std::string> edges;
  for (uint32_t l = 0; l < net.links().size(); ++l) edges.insert(d.edge_id(l));
  EXPECT_EQ(edges.size(), net.links().size());
  EXPECT_EQ(edges.count(""), 0u);
}

TEST(ServicesGraph, LoadBalancerNodesSitInTheirSubnetsAndForwardToTheirTargets) {
  testing::Loaded alb = testing::load_scenario_topology("alb-wildcard");
  std::string dot = dot_of(alb);
  std::string node = node_line(dot, "node-web-alb:public-b");
  EXPECT_NE(node.find("label=\"web-alb\\n10.0.2.254\\n203.0.113.51 (public)\\nALB HTTP:80 "
                      "HTTPS:443\""),
            std::string::npos)
      << node;
  EXPECT_NE(node.find("shape=invtrapezium"), std::string::npos) << node;
  // Declared inside the cluster of subnet public-b (the second subnet).
  size_t cluster = dot.find("subgraph cluster_subnet_0_1 {");
  ASSERT_NE(cluster, std::string::npos);
  size_t at = dot.find(node);
  EXPECT_GT(at, cluster);
  EXPECT_LT(at, dot.find("subgraph cluster_subnet_0_2 {"));
  // One "forwards to" arrow from each node to each target, labelled with the group.
  for (const char* lb : {"node-web-alb:public-a", "node-web-alb:public-b"}) {
    auto to_api = edges_between(dot, vertex_number(dot, lb), vertex_number(dot, "node-api-2"));
    ASSERT_EQ(to_api.size(), 1u) << lb;
    EXPECT_NE(to_api[0].find("label=\"tg-api:8080\""), std::string::npos) << to_api[0];
    EXPECT_NE(to_api[0].find("dir=forward"), std::string::npos) << to_api[0];
    EXPECT_NE(to_api[0].find("tooltip=\"forwards to\""), std::string::npos) << to_api[0];
  }
  EXPECT_TRUE(edges_between(dot, vertex_number(dot, "node-web-alb:public-a"),
                            vertex_number(dot, "node-client"))
                  .empty());
}

TEST(ServicesGraph, WithoutDnsZonesTheResolversStayOutOfThePicture) {
  // small-service has no zone: its resolvers answer nothing but EC2 names, so
  // they would only crowd the drawing.
  testing::Loaded vpc = testing::load_scenario_topology("small-service");
  std::string dot = dot_of(vpc);
  EXPECT_EQ(dot.find("node-prod::dns"), std::string::npos);
  EXPECT_EQ(dot.find("cylinder"), std::string::npos);
}

TEST(ServicesGraph, DnsServersAreMarked) {
  testing::Loaded split = testing::load_scenario_topology("dns-split-horizon");
  std::string dot = dot_of(split);
  std::string dns1 = node_line(dot, "node-dns1");
  EXPECT_NE(dns1.find("label=\"dns1\\n10.0.1.53\\n[DNS server]\""), std::string::npos) << dns1;
  EXPECT_NE(dns1.find("peripheries=2"), std::string::npos) << dns1;
  EXPECT_EQ(node_line(dot, "node-web").find("peripheries"), std::string::npos);
  std::string resolver = node_line(dot, "node-prod::dns");
  EXPECT_NE(resolver.find("label=\"Amazon DNS server\\n10.0.0.2\""), std::string::npos) << resolver;
}

TEST(ServicesGraph, ACurlHighlightColoursTheLookupTheListenerAndTheForwarding) {
  testing::Loaded alb = testing::load_scenario_topology("alb-wildcard");
  ProbeLine p = parse_probe_line("curl client https://api.example.net/", "--highlight");
  PathHighlight merged;
  int runs = 0;
  ProbeLineOutcome outcome =
      run_probe_line(*alb.sim, alb.spec, *alb.lowered, p, [&](const sim::Simulation& s) {
        ++runs;
        PathHighlight leg = path_of(s, true, std::nullopt, "");
        merged.devices.insert(leg.devices.begin(), leg.devices.end());
        merged.links.insert(leg.links.begin(), leg.links.end());
      });
  EXPECT_TRUE(outcome.success);
  EXPECT_EQ(outcome.verdict, "response");
  EXPECT_EQ(outcome.caption, "curl client -> https://api.example.net/: HTTP 200 from api-1");
  EXPECT_EQ(runs, 2);  // the lookup, the request
  std::string dot = dot_of(alb, &merged);
  const char* green = "color=\"#1a9850\"";
  EXPECT_NE(node_line(dot, "node-:internet-dns").find(green), std::string::npos);
  EXPECT_NE(node_line(dot, "node-web-alb:public-a").find(green), std::string::npos);
  EXPECT_NE(node_line(dot, "node-api-1").find(green), std::string::npos);
  EXPECT_EQ(node_line(dot, "node-api-2").find(green), std::string::npos);
  auto forward = edges_between(dot, vertex_number(dot, "node-web-alb:public-a"),
                               vertex_number(dot, "node-api-1"));
  ASSERT_EQ(forward.size(), 1u);
  EXPECT_NE(forward[0].find(green), std::string::npos) << forward[0];
}

TEST(ServicesProbeLine, ParsesCurlWithItsHostHeaderAndRedirects) {
  ProbeLine c =
      parse_probe_line("curl client http://web-alb/ -H 'Host: api.example.net' -L", "--after");
  EXPECT_EQ(c.type, "curl");
  EXPECT_EQ(c.to, "http://web-alb/");
  EXPECT_EQ(c.host_header, "api.example.net");
  EXPECT_TRUE(c.follow);
  auto message = [](const std::string& text) { return testing::probe_line_error(text); };
  EXPECT_EQ(message("curl a ftp://x/"),
            "--after \"curl a ftp://x/\": Protocol \"ftp\" not supported");
  EXPECT_EQ(message("ping a b -L"), "--after \"ping a b -L\": -L has no meaning for ping");
  EXPECT_EQ(message("curl a http://x/ -H 'Accept: */*'"),
            "-H 'Accept: */*': only the Host header is supported (-H 'Host: NAME')");
}

TEST(ServicesProbeLine, LooksADnsNameUpFromTheSourceFirst) {
  testing::Loaded split = testing::load_scenario_topology("dns-split-horizon");
  int runs = 0;
  // Inside prod, www is web's private address (split horizon).
  ProbeLineOutcome in = run_probe_line(*split.sim, split.spec, *split.lowered,
                                       parse_probe_line("telnet app www.example.net 80", "--after"),
                                       [&](const sim::Simulation&) { ++runs; });
  EXPECT_EQ(runs, 2);
  EXPECT_EQ(in.caption.rfind("telnet app -> www.example.net:80 (10.0.1.10): ", 0), 0u)
      << in.caption;
  ProbeLineOutcome out = run_probe_line(*split.sim, split.spec, *split.lowered,
                                        parse_probe_line("ping client www.example.net", "--after"));
  EXPECT_EQ(out.caption, "ping client -> www.example.net (203.0.113.10): " + out.verdict);
  ProbeLineOutcome none =
      run_probe_line(*split.sim, split.spec, *split.lowered,
                     parse_probe_line("ping client nope.example.net", "--after"));
  EXPECT_FALSE(none.success);
  EXPECT_EQ(none.verdict, "unresolved");
  ASSERT_TRUE(none.reason.has_value());
  EXPECT_EQ(sim::reason_code(none.reason->reason), "nxdomain");
  EXPECT_EQ(none.caption,
            "ping client -> nope.example.net: unresolved (Name or service not known)");
}

TEST(ServicesShow, ZonesAreThoseTheServerAnswersFromAfterSplitHorizon) {
  testing::Loaded split = testing::load_scenario_topology("dns-split-horizon");
  std::optional<std::string> inside = zones_text(split.spec, *split.lowered, "prod:dns");
  ASSERT_TRUE(inside.has_value());
  EXPECT_NE(inside->find("; private zone example.net (VPC prod)\n$ORIGIN example.net.\n"
                         "www.example.net.\t300\tIN\tA\t10.0.1.10\n"),
            std::string::npos)
      << *inside;
  EXPECT_EQ(inside->find("shop.example.net."), std::string::npos) << "the private zone shadows";
  std::optional<std::string> outside = zones_text(split.spec, *split.lowered, "internet:dns");
  ASSERT_TRUE(outside.has_value());
  EXPECT_NE(outside->find("www.example.net.\t300\tIN\tA\t203.0.113.10\n"), std::string::npos)
      << *outside;
  EXPECT_TRUE(zones_text(split.spec, *split.lowered, "dns1").has_value());
  EXPECT_FALSE(zones_text(split.spec, *split.lowered, "web").has_value());
}

TEST(ServicesShow, ListenersListRulesInEvaluationOrderAndTargetsWithAddresses) {
  testing::Loaded alb = testing::load_scenario_topology("alb-wildcard");
  std::optional<std::string> text = listeners_text(alb.spec, *alb.lowered, "web-alb/public-b");
  ASSERT_TRUE(text.has_value());
  EXPECT_EQ(text, listeners_text(alb.spec, *alb.lowered, "web-alb"));
  EXPECT_NE(text->find("listener HTTPS:443\n"
                       "  rule 5: path /health -> fixed response 200\n"
                       "  rule 10: host api.example.net -> forward to tg-api\n"),
            std::string::npos)
      << *text;
  EXPECT_NE(text->find("target group tg-api (HTTP:8080, round robin)\n"
                       "  api-1 10.0.10.11:8080\n  api-2 10.0.10.12:8080\n"),
            std::string::npos)
      << *text;
  EXPECT_FALSE(listeners_text(alb.spec, *alb.lowered, "api-1").has_value());
}

}  // namespace
}  // namespace vpcsim::cli
