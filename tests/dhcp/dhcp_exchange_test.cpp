// The simulated exchange: DISCOVER/OFFER/REQUEST/ACK before the first probe,
// giving each client the address the lease plan predicted, and the reasons
// when it cannot.
#include <gtest/gtest.h>

#include "sim/devices/ip_node.hpp"
#include "sim/probes/ping.hpp"
#include "sim/services/dhcp_boot.hpp"
#include "sim/services/dhcp_client.hpp"
#include "tests/dhcp/dhcp_fixture.hpp"
#include "topology/lower.hpp"

namespace vpcsim::testing {
namespace {

const std::string kClients = R"(<host name="pc1" ip="dhcp"/><host name="pc2" ip="dhcp"/>
  <host name="printer" ip="192.168.0.10/24"/>)";
const std::string kLinks =
    R"(<link a="pc1" b="sw1"/><link a="pc2" b="sw1"/><link a="printer" b="sw1"/>)";

TEST(DhcpExchange, ClientsGetThePlannedAddressesBeforeTheFirstProbe) {
  Loaded l = load(dhcp_lan(kClients, "192.168.0.100-192.168.0.199", kLinks));
  ASSERT_FALSE(l.diags.has_errors());
  World w(*l.spec);
  // Before the exchange: no address, no route.
  EXPECT_TRUE(w.node("pc1").interfaces()[0].addr.ip.is_unspecified());
  EXPECT_TRUE(w.node("pc1").routes().empty());
  EXPECT_EQ(w.sim.network().dhcp_clients.size(), 2u);
  sim::run_dhcp_exchanges(w.sim);
  EXPECT_TRUE(w.sim.network().dhcp_clients.empty());
  EXPECT_EQ(w.node("pc1").interfaces()[0].addr.str(), "192.168.0.100/24");
  EXPECT_EQ(w.node("pc2").interfaces()[0].addr.str(), "192.168.0.101/24");
  ASSERT_NE(w.node("pc2").routes().lookup(*sim::Ipv4Addr::parse("8.8.8.8")), nullptr);
  EXPECT_EQ(w.node("pc2").routes().lookup(*sim::Ipv4Addr::parse("8.8.8.8"))->origin, "dhcp");
  // The server's leases, by MAC.
  const sim::IpNode& r1 = w.node("r1");
  ASSERT_EQ(r1.service_count(), 1u);
  const auto& server = dynamic_cast<const sim::DhcpServer&>(r1.service(0));
  ASSERT_EQ(server.leases().size(), 2u);
  EXPECT_EQ(server.leases().at(w.node("pc1").interfaces()[0].mac).str(), "192.168.0.100");
  // A probe after it finds pc2 at its lease.
  auto ping = sim::run_ping(w.sim, w.node("printer").id(), *sim::Ipv4Addr::parse("192.168.0.101"),
                            sim::PingOptions{});
  EXPECT_EQ(ping.received, ping.transmitted);
}

TEST(DhcpExchange, TheFirstProbeRunsTheExchangeAndItsJourneyShowsIt) {
  Loaded l = load(dhcp_lan(kClients, "192.168.0.100-192.168.0.199", kLinks));
  World w(*l.spec);
  auto ping = sim::run_ping(w.sim, w.node("pc1").id(), *sim::Ipv4Addr::parse("192.168.0.10"),
                            sim::PingOptions{});
  EXPECT_EQ(ping.received, ping.transmitted);
  int dhcp_packets = 0;
  for (const sim::Hop& h : w.sim.journey().hops()) {
    if (h.in_port < 0 && h.packet.app != 0) ++dhcp_packets;
  }
  EXPECT_EQ(dhcp_packets, 8);  // two clients, four messages each
}

TEST(DhcpExchange, ServerDownMeansNoOfferAndProbesSayWhy) {
  Loaded l = load(dhcp_lan(kClients, "192.168.0.100-192.168.0.199", kLinks));
  World w(*l.spec);
  w.node("r1").set_down(true);
  auto ping = sim::run_ping(w.sim, w.node("pc1").id(), *sim::Ipv4Addr::parse("192.168.0.10"),
                            sim::PingOptions{});
  EXPECT_EQ(ping.received, 0);
  const sim::DhcpClient* c = w.node("pc1").dhcp_client(0);
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->state(), sim::DhcpClient::State::Failed);
  EXPECT_NE(c->failure().find("3 DISCOVERs"), std::string::npos);
  auto why = sim::decisive_drop(w.sim, ping.flow);
  ASSERT_TRUE(why);
  EXPECT_EQ(why->reason, sim::DropReason::DhcpNoLease);
  bool no_offer = false;
  for (const sim::Hop& h : w.sim.journey().hops()) {
    for (const sim::Step& s : h.steps) no_offer |= s.drop == sim::DropReason::DhcpNoOffer;
  }
  EXPECT_TRUE(no_offer);
}

TEST(DhcpExchange, WorksThroughAHubToo) {
  std::string xml = dhcp_lan(kClients, "192.168.0.100-192.168.0.199", kLinks);
  xml.replace(xml.find("<switch name=\"sw1\"/>"), 20, "<hub name=\"sw1\"/>");
  Loaded l = load(xml);
  ASSERT_FALSE(l.diags.has_errors());
  World w(*l.spec);
  sim::run_dhcp_exchanges(w.sim);
  EXPECT_EQ(w.node("pc2").interfaces()[0].addr.str(), "192.168.0.101/24");
}

// The plan and the simulation must agree: a client that the exchange would bind
// to another address than the plan's is a bug, and the run stops there.
TEST(DhcpExchangeDeathTest, APlanThatDisagreesWithTheServerStopsTheRun) {
  sim::Network net;
  auto& server = net.add<sim::IpNode>("r1", sim::IpNode::Role::Router);
  server.add_interface("eth0", *sim::InterfaceAddr::parse("10.0.0.1/24"),
                       sim::MacAddr::from_name("r1:eth0"));
  server.add_dhcp_server(sim::DhcpPool{0, *sim::Ipv4Addr::parse("10.0.0.100"),
                                       *sim::Ipv4Addr::parse("10.0.0.199"), std::nullopt,
                                       std::nullopt, 3600, ""});
  auto& client = net.add<sim::IpNode>("pc", sim::IpNode::Role::Host);
  client.add_interface("eth0", *sim::InterfaceAddr::parse("10.0.0.150/24"),
                       sim::MacAddr::from_name("pc:eth0"));
  client.add_dhcp_client(0, *sim::InterfaceAddr::parse("10.0.0.150/24"));  // server gives .100
  net.dhcp_clients.push_back(client.id());
  net.connect({server.id(), 0}, {client.id(), 0}, sim::Duration{100'000});
  sim::Simulation s(std::move(net));
  EXPECT_DEATH(sim::run_dhcp_exchanges(s), "the lease plan said 10.0.0.150/24");
}

}  // namespace
}  // namespace vpcsim::testing
