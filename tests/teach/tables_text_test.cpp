// vpcsim show: tables as ip neigh, bridge fdb, ip route / AWS route tables and
// conntrack -L print them, read from the simulation after probes.
#include <gtest/gtest.h>

#include "sim/probes/ping.hpp"
#include "sim/probes/tcp_connect.hpp"
#include "tests/teach/teach_fixtures.hpp"
#include "tools/vpcsim/format/tables_text.hpp"

namespace vpcsim::cli {
namespace {

using testing::kHome;
using testing::kOffice;

std::string mac(const char* port) { return sim::MacAddr::from_name(port).str(); }

sim::PingOptions once() {
  sim::PingOptions o;
  o.count = 1;
  return o;
}

TEST(TablesText, FreshNetworkHasEmptyCachesAndItsConfiguredRoutes) {
  testing::Loaded net = testing::load(kOffice);
  EXPECT_EQ(arp_table_text(*net.sim, net.id("pc1")), "pc1 ARP cache (ip neigh):\n  (empty)\n");
  EXPECT_EQ(mac_table_text(*net.sim, net.id("sw1")), "sw1 MAC table (bridge fdb):\n  (empty)\n");
  EXPECT_EQ(routes_text(*net.sim, net.id("r1")),
            "r1 routes (ip route):\n"
            "  192.168.0.0/24 dev eth0  # connected\n"
            "  10.0.0.0/24 dev eth1  # connected\n"
            "  10.0.0.0/8 via 192.168.0.254 dev eth0  # static route\n");
}

TEST(TablesText, AfterAPingTheCachesHoldWhatArpAndLearningFound) {
  testing::Loaded net = testing::load(kOffice);
  ASSERT_TRUE(sim::run_ping(*net.sim, net.id("pc1"), net.ip("10.0.0.10"), once()).reachable());
  EXPECT_EQ(arp_table_text(*net.sim, net.id("pc1")),
            "pc1 ARP cache (ip neigh):\n  192.168.0.1 dev eth0 lladdr " + mac("r1:eth0") +
                " REACHABLE\n");
  std::string fdb = mac_table_text(*net.sim, net.id("sw1"));
  EXPECT_NE(fdb.find(mac("pc1:eth0") + " dev p1 master sw1\n"), std::string::npos) << fdb;
  EXPECT_NE(fdb.find(mac("r1:eth0") + " dev p3 master sw1\n"), std::string::npos) << fdb;
  EXPECT_EQ(fdb.find(mac("pc2:eth0")), std::string::npos) << "pc2 never sent anything";
}

TEST(TablesText, OnlyDevicesWithTheTableRenderIt) {
  testing::Loaded net = testing::load(kOffice);
  EXPECT_EQ(arp_table_text(*net.sim, net.id("sw1")), "");
  EXPECT_EQ(mac_table_text(*net.sim, net.id("r1")), "");
  EXPECT_EQ(routes_text(*net.sim, net.id("sw1")), "");
  EXPECT_EQ(nat_table_text(*net.sim, net.id("sw1")), "");
  EXPECT_EQ(nat_table_text(*net.sim, net.id("r1")),
            "r1 NAT connections (conntrack -L):\n"
            "  (r1 translates nothing: no masquerade or port forward)\n");
}

TEST(TablesText, MasqueradeAndPortForwardAreConntrackEntries) {
  testing::Loaded home = testing::load(kHome);
  auto out = sim::run_tcp_connect(*home.sim, home.id("pc"), home.ip("203.0.113.99"), 443, {});
  ASSERT_EQ(out.verdict, sim::ConnectVerdict::Open);
  auto in = sim::run_tcp_connect(*home.sim, home.id("web"), home.ip("203.0.113.1"), 80, {});
  ASSERT_EQ(in.verdict, sim::ConnectVerdict::Open);
  EXPECT_EQ(nat_table_text(*home.sim, home.id("gw")),
            "gw NAT connections (conntrack -L):\n"
            "  tcp      6 src=192.168.1.10 dst=203.0.113.99 sport=32768 dport=443 "
            "src=203.0.113.99 dst=203.0.113.1 sport=443 dport=32768\n"
            "  tcp      6 src=203.0.113.99 dst=203.0.113.1 sport=32768 dport=80 "
            "src=192.168.1.10 dst=203.0.113.99 sport=8080 dport=32768\n");
}

TEST(TablesText, VpcRouterListsEachRouteTableWithItsSubnetsAndTargets) {
  testing::Loaded vpc = testing::load_scenario_topology("small-service");
  std::string routes = routes_text(*vpc.sim, vpc.id("prod:router"));
  EXPECT_NE(routes.find("prod:router route table private-rt (subnets: app, db):\n"
                        "  Destination         Target\n"
                        "  10.0.0.0/16         local\n"
                        "  0.0.0.0/0           nat\n"),
            std::string::npos)
      << routes;
  EXPECT_NE(routes.find("prod:router route table public-rt (subnets: public):\n"),
            std::string::npos);
  std::string igw = nat_table_text(*vpc.sim, vpc.id("igw"));
  EXPECT_NE(igw.find("  10.0.1.10       <-> 203.0.113.10    instance bastion\n"), std::string::npos)
      << igw;
}

}  // namespace
}  // namespace vpcsim::cli
