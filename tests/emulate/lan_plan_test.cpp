// Classic networks: what each element of the bundled LAN topologies becomes.
#include <gtest/gtest.h>

#include <algorithm>

#include "tests/emulate/plan_fixtures.hpp"
#include "tools/vpcsim/emulate/fault_model.hpp"

namespace vpcsim::emulate::test {
namespace {

TEST(LanPlan, SwitchIsALearningBridgeAloneInItsNamespace) {
  EmulationPlan plan = EmulationPlan::build(bundled("lan-switch"));
  const auto& c = plan.create_commands();
  EXPECT_TRUE(has_line(c, "ip -n vs-lan-switch-sw1 link add br0 type bridge ageing_time 30000"));
  // Ports p1.. in link order, as the simulator numbers them, enslaved to br0.
  EXPECT_EQ(lines_with(c, {"ip -n vs-lan-switch-h1 link add eth0 address",
                           "type veth peer name p1 netns vs-lan-switch-sw1"})
                .size(),
            1u);
  EXPECT_TRUE(has_line(c, "ip -n vs-lan-switch-sw1 link set p3 master br0"));
  EXPECT_EQ(
      lines_with(c, {"vs-lan-switch-h3 link add eth0", "peer name p3 netns vs-lan-switch-sw1"})
          .size(),
      1u);
  EXPECT_TRUE(has_line(c, "ip -n vs-lan-switch-h1 addr add 192.168.1.11/24 dev eth0"));
  // A switch has no address and does not route.
  EXPECT_TRUE(lines_with(c, {"vs-lan-switch-sw1 addr add"}).empty());
  EXPECT_EQ(lines_with(c, {"vs-lan-switch-sw1", "net.ipv4.ip_forward=0"}).size(), 1u);
}

TEST(LanPlan, HubIsABridgeThatNeverLearns) {
  EmulationPlan plan = EmulationPlan::build(bundled("hub-vs-switch"));
  EXPECT_TRUE(has_line(plan.create_commands(),
                       "ip -n vs-hub-vs-switch-hub1 link add br0 type bridge ageing_time 0"));
  EXPECT_TRUE(has_line(plan.create_commands(),
                       "ip -n vs-hub-vs-switch-sw1 link add br0 type bridge ageing_time 30000"));
}

TEST(LanPlan, RoutersForwardHostsDoNot) {
  EmulationPlan plan = EmulationPlan::build(bundled("lan-three-routers"));
  const auto& c = plan.create_commands();
  for (const char* r : {"r1", "r2", "r3"}) {
    EXPECT_EQ(
        lines_with(c, {std::string("vs-lan-three-routers-") + r, "net.ipv4.ip_forward=1"}).size(),
        1u)
        << r;
  }
  for (const char* h : {"h1", "h2"}) {
    EXPECT_EQ(
        lines_with(c, {std::string("vs-lan-three-routers-") + h, "net.ipv4.ip_forward=0"}).size(),
        1u)
        << h;
  }
  EXPECT_TRUE(has_line(
      c, "ip -n vs-lan-three-routers-h1 route add default via 10.0.1.1 dev eth0 metric 0"));
  EXPECT_TRUE(
      has_line(c, "ip -n vs-lan-three-routers-r1 route add 10.0.2.0/24 via 10.0.12.2 dev eth1"));
  // Point-to-point links join two nodes' interfaces directly.
  EXPECT_EQ(lines_with(c, {"ip -n vs-lan-three-routers-r1 link add eth1", "peer name eth0",
                           "netns vs-lan-three-routers-r2"})
                .size(),
            1u);
  ASSERT_EQ(plan.listeners().size(), 1u);
  EXPECT_EQ(plan.listeners()[0].netns, "vs-lan-three-routers-h2");
  EXPECT_EQ(plan.listeners()[0].argv, (std::vector<std::string>{"nc", "-lkn", "22"}));
}

TEST(LanPlan, RouteTypesBecomeKernelRouteTypes) {
  EmulationPlan plan = EmulationPlan::build(bundled("lan-missing-route"));
  const auto& c = plan.create_commands();
  EXPECT_TRUE(has_line(c, "ip -n vs-lan-missing-route-r1 route add blackhole 10.60.0.0/16"));
  EXPECT_TRUE(has_line(c, "ip -n vs-lan-missing-route-r1 route add unreachable 10.70.0.0/16"));
  EXPECT_TRUE(has_line(c, "ip -n vs-lan-missing-route-r1 route add prohibit 10.80.0.0/16"));
}

TEST(LanPlan, MasqueradeAndPortForwards) {
  EmulationPlan plan = EmulationPlan::build(bundled("lan-port-forward"));
  const auto& c = plan.create_commands();
  std::string gw = "ip netns exec vs-lan-port-forward-gw iptables -t nat -A ";
  EXPECT_TRUE(has_line(c, gw + "POSTROUTING -o ext -j MASQUERADE"));
  EXPECT_TRUE(has_line(c, gw + "PREROUTING -p tcp --dport 80 -m addrtype --dst-type LOCAL -j DNAT "
                               "--to-destination 10.0.0.10:8080"));
  EXPECT_TRUE(has_line(c, gw + "PREROUTING -p tcp --dport 2222 -m addrtype --dst-type LOCAL -j "
                               "REDIRECT --to-ports 22"));
  EmulationPlan docker = EmulationPlan::build(bundled("container-bridge"));
  EXPECT_TRUE(
      has_line(docker.create_commands(),
               "ip netns exec vs-container-bridge-dockerhost iptables -t nat -A POSTROUTING "
               "-o eth0 -s 172.17.0.0/16 -j MASQUERADE"));
}

TEST(LanPlan, UdpListener) {
  EmulationPlan plan = EmulationPlan::build(bundled("lan-ports"));
  bool udp = false;
  for (const Listener& l : plan.listeners()) {
    if (l.udp) {
      udp = true;
      EXPECT_EQ(l.port, 53);
      EXPECT_EQ(l.argv, (std::vector<std::string>{"nc", "-lknu", "53"}));
      EXPECT_EQ(l.node, "srv");
    }
  }
  EXPECT_TRUE(udp);
}

TEST(LanPlan, DownLinkBetweenTwoHostsRunsThroughACableWhoseEndsStayDown) {
  EmulationPlan plan = EmulationPlan::build(from_xml(R"(<topology name="cut">
    <network name="n">
      <host name="a"><interface name="eth0" ip="10.0.0.1/24"/></host>
      <host name="b"><interface name="eth0" ip="10.0.0.2/24"/></host>
      <link a="a:eth0" b="b:eth0" down="true"/>
    </network>
  </topology>)"));
  const auto& c = plan.create_commands();
  ASSERT_TRUE(plan.namespace_of("cable:1"));
  EXPECT_EQ(lines_with(c, {"ip -n vs-cut-a link add eth0", "peer name end-a netns vs-cut-cable:1"})
                .size(),
            1u);
  EXPECT_EQ(lines_with(c, {"ip -n vs-cut-b link add eth0", "peer name end-b netns vs-cut-cable:1"})
                .size(),
            1u);
  // A wire between its ends (so that a restore can plug it in), cut at the end:
  // both nodes' interfaces are up, without carrier.
  EXPECT_EQ(lines_with(c, {"vs-cut-cable:1 tc filter add dev end-a ingress", "redirect dev end-b"})
                .size(),
            1u);
  std::vector<std::string> all = lines(c);
  auto at = [&](const std::string& l) {
    return std::find(all.begin(), all.end(), l) - all.begin();
  };
  EXPECT_LT(at("ip -n vs-cut-cable:1 link set end-a up"),
            at("ip -n vs-cut-cable:1 link set end-a down"));
  EXPECT_LT(at("ip -n vs-cut-cable:1 link set end-b down"), long(all.size()));
  EXPECT_TRUE(has_line(c, "ip -n vs-cut-a link set eth0 up"));
  EXPECT_FALSE(has_line(c, "ip -n vs-cut-a link set eth0 down"));
}

TEST(LanPlan, DownLinkToASwitchIsCutAtTheSwitchPort) {
  EmulationPlan plan = EmulationPlan::build(from_xml(R"(<topology name="cut">
    <network name="n">
      <host name="a"><interface name="eth0" ip="10.0.0.1/24"/></host>
      <switch name="sw"/>
      <link a="a:eth0" b="sw" down="true"/>
    </network>
  </topology>)"));
  EXPECT_FALSE(plan.namespace_of("cable:1"));
  EXPECT_TRUE(has_line(plan.create_commands(), "ip -n vs-cut-sw link set p1 down"));
  EXPECT_FALSE(has_line(plan.create_commands(), "ip -n vs-cut-a link set eth0 down"));
}

TEST(LanPlan, DownDeviceIsConfiguredThenSwitchedOff) {
  EmulationPlan plan = EmulationPlan::build(from_xml(R"(<topology name="off">
    <network name="n">
      <host name="a"><interface name="eth0" ip="10.0.0.1/24"/></host>
      <host name="b" down="true"><interface name="eth0" ip="10.0.0.2/24" gateway="10.0.0.1"/>
        <listen protocol="tcp" port="22"/></host>
      <link a="a:eth0" b="b:eth0"/>
    </network>
  </topology>)"));
  // Everything a restore needs is there; the interfaces go down last.
  const auto& c = plan.create_commands();
  EXPECT_TRUE(has_line(c, "ip -n vs-off-b route add default via 10.0.0.1 dev eth0 metric 0"));
  EXPECT_EQ(lines(c).back(), "ip -n vs-off-b link set eth0 down");
  EXPECT_EQ(plan.listeners().size(), 1u);
  EXPECT_TRUE(plan.fault_model().devices.at("b"));
  EXPECT_EQ(plan.fault_model().on_restore.at("b").size(), 1u);
}

TEST(LanPlan, SwitchLoopGetsStpAndANote) {
  EmulationPlan plan = EmulationPlan::build(bundled("lan-switch-loop"));
  const auto& c = plan.create_commands();
  for (const char* sw : {"sw1", "sw2", "sw3"}) {
    EXPECT_TRUE(has_line(c, std::string("ip -n vs-lan-switch-loop-") + sw +
                                " link set br0 type bridge stp_state 1 forward_delay 200 max_age 600"))
        << sw;
  }
  ASSERT_EQ(plan.notes().size(), 1u);
  EXPECT_NE(plan.notes()[0].find("STP"), std::string::npos);
  // Without a loop: no STP, no note.
  EmulationPlan tree = EmulationPlan::build(bundled("lan-two-subnets"));
  EXPECT_TRUE(lines_with(tree.create_commands(), {"stp_state"}).empty());
  EXPECT_TRUE(tree.notes().empty());
}

TEST(LanPlan, UnlinkedInterfaceHasNoCarrier) {
  EmulationPlan plan = EmulationPlan::build(from_xml(R"(<topology name="loose">
    <network name="n">
      <router name="r">
        <interface name="eth0" ip="10.0.0.1/24"/>
        <interface name="eth1" ip="10.0.1.1/24"/>
      </router>
      <host name="h"><interface name="eth0" ip="10.0.0.2/24" gateway="10.0.0.1"/></host>
      <link a="r:eth0" b="h:eth0"/>
    </network>
  </topology>)"));
  EXPECT_EQ(lines_with(plan.create_commands(),
                       {"ip -n vs-loose-r link add eth1", "peer name unplugged1 netns vs-loose-r"})
                .size(),
            1u);
  EXPECT_TRUE(lines_with(plan.create_commands(), {"link set unplugged1"}).empty());
}

}  // namespace
}  // namespace vpcsim::emulate::test
