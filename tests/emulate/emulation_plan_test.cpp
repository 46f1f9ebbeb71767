// Invariants of every plan, checked on every bundled topology: commands act only
// inside the plan's own namespaces, Linux names fit, destroying removes every
// namespace, plans are deterministic and the MACs are the simulator's.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "sim/devices/ip_node.hpp"
#include "tests/emulate/plan_fixtures.hpp"
#include "topology/lower.hpp"

namespace vpcsim::emulate::test {
namespace {

class EveryBundled : public ::testing::TestWithParam<std::string> {};

TEST_P(EveryBundled, CommandsActOnlyInsideTheirOwnNamespaces) {
  EmulationPlan plan = EmulationPlan::build(bundled(GetParam()));
  std::set<std::string> owned(plan.namespaces().begin(), plan.namespaces().end());
  EXPECT_EQ(plan.name_prefix(), "vs-" + GetParam() + "-");
  for (const std::vector<Command>* list : {&plan.create_commands(), &plan.destroy_commands()}) {
    for (const Command& c : *list) {
      std::string ns = acting_namespace(c);
      ASSERT_FALSE(ns.empty()) << "not confined to a namespace: " << lines({c}).front();
      EXPECT_TRUE(owned.count(ns)) << ns << " is not a namespace of the plan";
      EXPECT_EQ(ns.rfind(plan.name_prefix(), 0), 0u) << ns;
      EXPECT_FALSE(c.why.empty()) << lines({c}).front();
      // A veth's peer must be moved into a namespace of the plan too.
      auto netns = std::find(c.argv.begin(), c.argv.end(), "netns");
      if (c.argv.size() > 3 && c.argv[1] == "-n" && netns != c.argv.end()) {
        ASSERT_NE(netns + 1, c.argv.end());
        EXPECT_TRUE(owned.count(*(netns + 1))) << lines({c}).front();
      }
    }
  }
  for (const Listener& l : plan.listeners()) {
    EXPECT_TRUE(owned.count(l.netns)) << l.why;
    EXPECT_EQ(l.argv.front(), "nc");
  }
}

TEST_P(EveryBundled, InterfaceNamesFitLinux) {
  EmulationPlan plan = EmulationPlan::build(bundled(GetParam()));
  for (const Command& c : plan.create_commands()) {
    const std::vector<std::string>& a = c.argv;
    for (size_t k = 0; k + 1 < a.size(); ++k) {
      // Names created: `link add NAME`, `peer name NAME`; names used: `dev NAME`.
      bool names_one = (a[k] == "add" && k > 0 && a[k - 1] == "link") || a[k] == "name" ||
                       a[k] == "dev" || a[k] == "master" || a[k] == "-i" || a[k] == "-o";
      if (!names_one) continue;
      const std::string& name = a[k + 1];
      EXPECT_LE(name.size(), 15u) << name << " in " << lines({c}).front();
      EXPECT_EQ(name.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                       "0123456789_.-"),
                std::string::npos)
          << name;
    }
  }
}

TEST_P(EveryBundled, DestroyDeletesEveryNamespace) {
  EmulationPlan plan = EmulationPlan::build(bundled(GetParam()));
  std::vector<std::string> deleted, stopped;
  for (const Command& c : plan.destroy_commands()) {
    if (c.argv[2] == "del") deleted.push_back(c.argv[3]);
    if (c.argv[2] == "pids") {
      EXPECT_TRUE(c.kill_listed_pids);
      stopped.push_back(c.argv[3]);
    }
  }
  std::vector<std::string> created = plan.namespaces();
  std::reverse(created.begin(), created.end());
  EXPECT_EQ(deleted, created);
  EXPECT_EQ(stopped, created);
  std::set<std::string> unique(created.begin(), created.end());
  EXPECT_EQ(unique.size(), created.size());
}

TEST_P(EveryBundled, SameTopologySamePlan) {
  EmulationPlan a = EmulationPlan::build(bundled(GetParam()));
  EmulationPlan b = EmulationPlan::build(bundled(GetParam()));
  EXPECT_EQ(lines(a.create_commands()), lines(b.create_commands()));
  EXPECT_EQ(lines(a.destroy_commands()), lines(b.destroy_commands()));
}

// The MAC of every interface of a host, router, instance, NAT gateway and
// internet host is the one the simulator gives it, so ARP tables compare.
TEST_P(EveryBundled, MacsAreTheSimulators) {
  topo::TopologySpec spec = bundled(GetParam());
  EmulationPlan plan = EmulationPlan::build(spec);
  topo::LoweredTopology lowered = topo::lower(spec);
  std::vector<std::string> all = lines(plan.create_commands());
  size_t checked = 0;
  // Load balancers are not emulated (emulate/unemulated.hpp): they have no namespace.
  std::set<std::string> unemulated;
  for (const topo::VpcSpec& vpc : spec.vpcs) {
    for (const topo::LoadBalancerSpec& lb : vpc.load_balancers) unemulated.insert(lb.name);
  }
  for (const topo::Endpoint& ep : lowered.endpoints) {
    if (unemulated.count(ep.name)) continue;
    const auto* node = dynamic_cast<const sim::IpNode*>(&lowered.network.device(ep.device));
    ASSERT_NE(node, nullptr) << ep.name;
    std::optional<std::string> ns = plan.namespace_of(ep.name);
    ASSERT_TRUE(ns) << ep.name;
    for (const auto& iface : node->interfaces()) {
      std::string created_by_node =
          "ip -n " + *ns + " link add " + iface.name + " address " + iface.mac.str() + " ";
      std::string created_as_peer =
          "peer name " + iface.name + " address " + iface.mac.str() + " netns " + *ns;
      bool found = std::any_of(all.begin(), all.end(), [&](const std::string& l) {
        return l.rfind(created_by_node, 0) == 0 || l.find(created_as_peer) != std::string::npos;
      });
      EXPECT_TRUE(found) << ep.name << ":" << iface.name << " " << iface.mac.str();
      ++checked;
    }
  }
  EXPECT_GT(checked, 0u);
}

INSTANTIATE_TEST_SUITE_P(Scenarios, EveryBundled, ::testing::ValuesIn(bundled_names()),
                         [](const auto& info) {
                           std::string n = info.param;
                           std::replace(n.begin(), n.end(), '-', '_');
                           return n;
                         });

TEST(EmulationPlan, NamespaceOfEveryNodeAndNothingElse) {
  EmulationPlan plan = EmulationPlan::build(bundled("small-service"));
  EXPECT_EQ(plan.namespace_of("app"), "vs-small-service-app");
  EXPECT_EQ(plan.namespace_of("client"), "vs-small-service-client");
  EXPECT_EQ(plan.namespace_of("prod:router"), "vs-small-service-prod:router");
  EXPECT_EQ(plan.namespace_of("internet:core"), "vs-small-service-internet:core");
  EXPECT_EQ(plan.namespace_of("igw"), "vs-small-service-igw");
  EXPECT_EQ(plan.namespace_of("nope"), std::nullopt);
}

TEST(EmulationPlan, PrefixStartsEveryName) {
  EmulationPlan plan = EmulationPlan::build(bundled("lan-switch"), "vsx");
  EXPECT_EQ(plan.name_prefix(), "vsx-lan-switch-");
  for (const std::string& ns : plan.namespaces()) EXPECT_EQ(ns.rfind("vsx-lan-switch-", 0), 0u);
  EXPECT_EQ(plan.namespace_of("h1"), "vsx-lan-switch-h1");
}

TEST(EmulationPlan, LongNamesGetShortInterfaces) {
  EmulationPlan plan = EmulationPlan::build(from_xml(R"(<topology name="long">
    <network name="n">
      <router name="a-router-with-a-very-long-name">
        <interface name="an-interface-name-too-long" ip="10.0.0.1/24"/>
        <interface name="another-long-interface" ip="10.0.1.1/24"/>
      </router>
      <host name="h"><interface name="eth0" ip="10.0.0.2/24" gateway="10.0.0.1"/></host>
      <link a="a-router-with-a-very-long-name:an-interface-name-too-long" b="h:eth0"/>
    </network>
  </topology>)"));
  std::string ns = "vs-long-a-router-with-a-very-long-name";
  EXPECT_TRUE(has_line(plan.create_commands(), "ip -n " + ns + " addr add 10.0.0.1/24 dev if1"));
  EXPECT_TRUE(has_line(plan.create_commands(), "ip -n " + ns + " addr add 10.0.1.1/24 dev if2"));
}

}  // namespace
}  // namespace vpcsim::emulate::test
