// The lease plan (topology/dhcp_leases.hpp) and the DHCP diagnostics
// (topology/dhcp_validate.hpp): document order, the lowest free address, the
// segment a server reaches, and one code per mistake.
#include <gtest/gtest.h>

#include <algorithm>

#include "tests/dhcp/dhcp_fixture.hpp"

namespace vpcsim::testing {
namespace {

const topo::InterfaceSpec& iface(const topo::TopologySpec& spec, const std::string& node) {
  for (const topo::NodeSpec& n : spec.networks.front().nodes) {
    if (n.name == node) return n.interfaces.front();
  }
  throw std::runtime_error("no node " + node);
}

// The errors' codes (r1's unlinked eth1 is a warning in some of these files).
std::vector<std::string> codes(const topo::Diagnostics& d) {
  std::vector<std::string> out;
  for (const topo::Diagnostic& x : d.items()) {
    if (x.severity == topo::Severity::Error) out.push_back(x.code);
  }
  return out;
}

bool has_code(const topo::Diagnostics& d, const std::string& code) {
  auto c = codes(d);
  return std::find(c.begin(), c.end(), code) != c.end();
}

const std::string kThree = R"(<host name="b" ip="dhcp"/><host name="a" ip="dhcp"/>
  <host name="c"><interface name="eth0" ip="dhcp"/></host>)";
const std::string kThreeLinks =
    R"(<link a="b" b="sw1"/><link a="a" b="sw1"/><link a="c:eth0" b="sw1"/>)";

TEST(DhcpLeasePlan, DocumentOrderLowestFreeAddress) {
  Loaded l = load(dhcp_lan(kThree, "192.168.0.100-192.168.0.199", kThreeLinks));
  ASSERT_TRUE(l.spec);
  EXPECT_FALSE(l.diags.has_errors()) << codes(l.diags).size();
  // "b" comes first in the file, so it gets the first address, whatever its name.
  EXPECT_EQ(iface(*l.spec, "b").addr.str(), "192.168.0.100/24");
  EXPECT_EQ(iface(*l.spec, "a").addr.str(), "192.168.0.101/24");
  EXPECT_EQ(iface(*l.spec, "c").addr.str(), "192.168.0.102/24");
  EXPECT_EQ(iface(*l.spec, "c").gateway->str(), "192.168.0.1");
  const topo::DhcpLeasePlan& plan = *iface(*l.spec, "a").dhcp;
  EXPECT_EQ(plan.status, topo::DhcpLeasePlan::Status::Leased);
  EXPECT_EQ(plan.server, "r1");
  EXPECT_EQ(plan.server_interface, "eth0");
}

TEST(DhcpLeasePlan, PoolExhaustedNamesTheClientLeftOut) {
  Loaded l = load(dhcp_lan(kThree, "192.168.0.100-192.168.0.101", kThreeLinks));
  ASSERT_TRUE(l.spec);
  EXPECT_EQ(iface(*l.spec, "c").dhcp->status, topo::DhcpLeasePlan::Status::PoolExhausted);
  ASSERT_EQ(codes(l.diags), std::vector<std::string>{"dhcp-pool-exhausted"});
  const topo::Diagnostic& d = l.diags.items().back();
  EXPECT_NE(d.message.find("host 'c' eth0 gets no address"), std::string::npos);
  EXPECT_NE(d.message.find("(b, a)"), std::string::npos);
}

TEST(DhcpLeasePlan, NoServerBehindARouter) {
  // pc sits on r1's other side: DHCP does not cross the router (no relay).
  Loaded l = load(dhcp_lan("", "192.168.0.100-192.168.0.199",
                           R"(<host name="pc" ip="dhcp"/><link a="pc" b="r1:eth1"/>)"));
  ASSERT_TRUE(l.spec);
  EXPECT_EQ(codes(l.diags), std::vector<std::string>{"dhcp-no-server"});
  EXPECT_NE(l.diags.items().back().notes.at(0).find("no relay"), std::string::npos);
}

TEST(DhcpLeasePlan, ServerMistakes) {
  Loaded l = load(R"(<topology name="t"><network name="n">
    <host name="pc" ip="192.168.0.150/24"/>
    <switch name="sw1"/>
    <router name="r1">
      <interface name="eth0" ip="192.168.0.1/24"/>
      <dhcp-server interface="eht0" pool="192.168.0.100-192.168.0.199"/>
      <dhcp-server interface="eth0" pool="192.168.0.100-192.168.1.10" gateway="10.0.0.1"/>
    </router>
    <link a="pc" b="sw1"/><link a="r1:eth0" b="sw1"/>
  </network></topology>)");
  ASSERT_TRUE(l.spec);
  EXPECT_TRUE(has_code(l.diags, "dhcp-unknown-interface"));
  EXPECT_TRUE(has_code(l.diags, "dhcp-pool-outside-subnet"));
  EXPECT_TRUE(has_code(l.diags, "dhcp-gateway-off-subnet"));
  EXPECT_TRUE(has_code(l.diags, "dhcp-pool-conflict"));  // pc's 192.168.0.150
  for (const topo::Diagnostic& d : l.diags.items()) {
    if (d.code == "dhcp-unknown-interface") {
      EXPECT_EQ(d.notes.at(0), "did you mean 'eth0'?");
    }
  }
}

TEST(DhcpLeasePlan, BadValuesAreSyntaxErrors) {
  topo::Diagnostics d;
  auto spec = topo::load_topology_string(
      R"(<topology name="t"><network name="n"><router name="r1">
      <interface name="eth0" ip="dhcp"/>
      <dhcp-server interface="eth0" pool="192.168.0.9-192.168.0.2" lease="forever"/>
    </router></network></topology>)",
      "t.xml", d);
  EXPECT_EQ(codes(d), (std::vector<std::string>{"bad-ip", "bad-value", "bad-duration"}));
}

}  // namespace
}  // namespace vpcsim::testing
