// EndpointGrouping: which instances may share a class, and the representative
// plan the grouped probes run on.
#include <gtest/gtest.h>

#include "tests/reach/reach_fixtures.hpp"
#include "tools/vpcsim/reach/endpoint_grouping.hpp"

namespace vpcsim::test {
namespace {

// A VPC with a web subnet and an app subnet; `extra` goes inside the VPC, after
// the instances w1, w2 (web, web-sg, tcp 443) and a1 (app, app-sg).
std::string plan_with(const std::string& extra, const std::string& rules = "",
                      const std::string& tables = "") {
  return R"(<topology name="g">
  <internet><host name="client" ip="198.51.100.10"/></internet>
  <network name="lan">
    <host name="pc" ip="192.168.0.10/24"/><host name="pc2" ip="192.168.0.11/24"/>
    <switch name="sw"/><link a="pc" b="sw"/><link a="pc2" b="sw"/>
  </network>
  <vpc name="v" cidr="10.0.0.0/16">
    <internet-gateway name="igw"/>
    <route-table name="rt" main="true"><route destination="0.0.0.0/0" target="igw"/></route-table>
)" + tables +
         R"(    <subnet name="web" cidr="10.0.1.0/24"/>
    <subnet name="app" cidr="10.0.2.0/24"/>
    <security-group name="web-sg"><inbound protocol="tcp" ports="443" source="0.0.0.0/0"/>)" +
         rules + R"(</security-group>
    <security-group name="app-sg"><inbound protocol="tcp" ports="8080" source-group="web-sg"/></security-group>
    <instance name="w1" subnet="web" ip="10.0.1.10" security-groups="web-sg"><listen protocol="tcp" port="443"/></instance>
    <instance name="w2" subnet="web" ip="10.0.1.11" security-groups="web-sg"><listen protocol="tcp" port="443"/></instance>
    <instance name="a1" subnet="app" ip="10.0.2.10" security-groups="app-sg"/>
)" + extra +
         R"(  </vpc>
</topology>)";
}

// The classes as "name name | name | ...", endpoints in name order.
std::string classes_of(const std::string& xml, bool group = true) {
  auto plan = load_plan(xml);
  if (!plan) return "(invalid)";
  std::vector<const topo::Endpoint*> eps;
  for (const topo::Endpoint& e : plan->lowered->endpoints) {
    if (cli::is_reach_endpoint(e)) eps.push_back(&e);
  }
  std::sort(eps.begin(), eps.end(), [](auto* a, auto* b) { return a->name < b->name; });
  cli::EndpointGrouping g(plan->spec, eps, group);
  std::string out;
  for (const auto& members : g.classes()) {
    out += out.empty() ? "" : " | ";
    for (size_t i = 0; i < members.size(); ++i) out += (i ? " " : "") + eps[members[i]]->name;
  }
  return out;
}

TEST(EndpointGrouping, InstancesAlikeInEveryRespectShareAClass) {
  EXPECT_EQ(classes_of(plan_with("")), "a1 | client | pc | pc2 | w1 w2");
}

TEST(EndpointGrouping, WithoutGroupingEveryEndpointIsAlone) {
  EXPECT_EQ(classes_of(plan_with(""), false), "a1 | client | pc | pc2 | w1 | w2");
}

TEST(EndpointGrouping, ARuleForOneAddressSetsItApart) {
  // A /32 in a security-group rule, in a NACL rule, in a route.
  EXPECT_EQ(
      classes_of(plan_with("", R"(<inbound protocol="tcp" ports="22" source="10.0.1.11/32"/>)")),
      "a1 | client | pc | pc2 | w1 | w2");
  EXPECT_EQ(
      classes_of(plan_with(
          R"(    <nacl name="acl"><rule number="1" direction="inbound" action="deny" protocol="all" cidr="10.0.1.10/31"/></nacl>
)")),
      "a1 | client | pc | pc2 | w1 w2");  // .10 and .11 are both in the /31
  EXPECT_EQ(
      classes_of(plan_with(
          R"(    <nacl name="acl"><rule number="1" direction="inbound" action="deny" protocol="all" cidr="10.0.1.11/32"/></nacl>
)")),
      "a1 | client | pc | pc2 | w1 | w2");
  EXPECT_EQ(
      classes_of(plan_with(
          "", "",
          R"(    <route-table name="other"><route destination="10.0.1.11/32" target="blackhole"/></route-table>
)")),
      "a1 | client | pc | pc2 | w1 | w2");
}

TEST(EndpointGrouping, SubnetGroupsPortsAndPublicIpSetInstancesApart) {
  EXPECT_EQ(
      classes_of(plan_with(
          R"(    <instance name="w3" subnet="app" ip="10.0.2.11" security-groups="web-sg"><listen protocol="tcp" port="443"/></instance>
)")),
      "a1 | client | pc | pc2 | w1 w2 | w3");
  EXPECT_EQ(
      classes_of(plan_with(
          R"(    <instance name="w3" subnet="web" ip="10.0.1.12" security-groups="web-sg,app-sg"><listen protocol="tcp" port="443"/></instance>
)")),
      "a1 | client | pc | pc2 | w1 w2 | w3");
  EXPECT_EQ(
      classes_of(plan_with(
          R"(    <instance name="w3" subnet="web" ip="10.0.1.12" security-groups="web-sg"><listen protocol="tcp" port="80"/></instance>
)")),
      "a1 | client | pc | pc2 | w1 w2 | w3");
  EXPECT_EQ(
      classes_of(plan_with(
          R"(    <instance name="w3" subnet="web" ip="10.0.1.12" elastic-ip="203.0.113.3" security-groups="web-sg"><listen protocol="tcp" port="443"/></instance>
)")),
      "a1 | client | pc | pc2 | w1 w2 | w3");
  EXPECT_EQ(
      classes_of(plan_with(
          R"(    <instance name="w3" subnet="web" ip="10.0.1.12" security-groups="web-sg"><listen protocol="tcp" port="443"/></instance>
)")),
      "a1 | client | pc | pc2 | w1 w2 w3");
}

TEST(EndpointGrouping, InstancesWithASpecialRoleAreAlone) {
  // A NAT instance that is a route target, and the destination of a port forward.
  EXPECT_EQ(
      classes_of(plan_with(
          R"(    <instance name="nat1" subnet="web" ip="10.0.1.20" security-groups="web-sg" source-dest-check="false"><masquerade/></instance>
    <instance name="nat2" subnet="web" ip="10.0.1.21" security-groups="web-sg" source-dest-check="false"><masquerade/></instance>
    <instance name="fw" subnet="web" ip="10.0.1.30" security-groups="web-sg"><listen protocol="tcp" port="443"/><port-forward protocol="tcp" port="443" to-ip="10.0.1.11" to-port="443"/></instance>
)",
          "",
          R"(    <route-table name="via-nat"><route destination="192.0.2.0/24" target="nat1"/></route-table>
)")),
      "a1 | client | fw | nat1 | nat2 | pc | pc2 | w1 | w2");
}

TEST(EndpointGrouping, RepresentativePlanKeepsTheFirstTwoMembersOfEachClass) {
  auto plan = load_plan(plan_with(
      R"(    <instance name="w3" subnet="web" ip="10.0.1.12" security-groups="web-sg"><listen protocol="tcp" port="443"/></instance>
    <instance name="w4" subnet="web" ip="10.0.1.13" security-groups="web-sg"><listen protocol="tcp" port="443"/></instance>
)"));
  ASSERT_TRUE(plan);
  std::vector<const topo::Endpoint*> eps;
  for (const topo::Endpoint& e : plan->lowered->endpoints) {
    if (cli::is_reach_endpoint(e)) eps.push_back(&e);
  }
  std::sort(eps.begin(), eps.end(), [](auto* a, auto* b) { return a->name < b->name; });
  cli::EndpointGrouping g(plan->spec, eps, true);
  topo::TopologySpec reduced = g.representative_plan(plan->spec);
  std::string kept;
  for (const auto& i : reduced.vpcs.front().instances) kept += i.name + " ";
  EXPECT_EQ(kept, "w1 w2 a1 ");
  EXPECT_EQ(reduced.networks.size(), 1u);
  EXPECT_EQ(reduced.internet->hosts.size(), 1u);
  EXPECT_EQ(g.description(g.class_of()[4]),
            "instance in v/web, security groups web-sg, no public IP, listens tcp 443");
}

}  // namespace
}  // namespace vpcsim::test
