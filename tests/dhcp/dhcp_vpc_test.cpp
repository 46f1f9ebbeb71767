// DHCP in a VPC (docs/dhcp.md, "In a VPC"): an instance with ip="dhcp" runs the
// exchange with AWS's DHCP service at its subnet's router, gets the address the
// lease plan gave its network interface with AWS's options, is filtered by no
// security group or NACL, and a VPC without such instances has no service.
#include <gtest/gtest.h>

#include <variant>

#include "sim/aws/vpc_router.hpp"
#include "sim/devices/ip_node.hpp"
#include "sim/filters/stateless_acl.hpp"
#include "sim/probes/ping.hpp"
#include "sim/services/dhcp_boot.hpp"
#include "sim/services/dhcp_client.hpp"
#include "tests/dhcp/dhcp_fixture.hpp"
#include "topology/lower.hpp"

namespace vpcsim::testing {
namespace {

// web1 static at .4; web2 by DHCP (plan: .5); `extra` goes inside the VPC.
std::string vpc(const std::string& web2_attrs = "", const std::string& extra = "") {
  return R"(<topology name="t"><vpc name="prod" cidr="10.0.0.0/16">
    <subnet name="web" cidr="10.0.1.0/24")" +
         std::string(extra.find("<nacl") != std::string::npos ? R"( nacl="deny-all")" : "") +
         R"(/>
    <instance name="web1" subnet="web" ip="10.0.1.4"/>
    <instance name="web2" subnet="web" ip="dhcp")" +
         web2_attrs + "/>" + extra + "</vpc></topology>";
}

sim::Ipv4Addr ip(const char* text) { return *sim::Ipv4Addr::parse(text); }

TEST(DhcpVpc, AnInstanceHasNoAddressUntilAwsDhcpAcksThePlannedOne) {
  Loaded l = load(vpc());
  ASSERT_FALSE(l.diags.has_errors());
  World w(*l.spec);
  EXPECT_TRUE(w.node("web2").interfaces()[0].addr.ip.is_unspecified());
  EXPECT_TRUE(w.node("web2").routes().empty());
  ASSERT_EQ(w.sim.network().dhcp_clients.size(), 1u);
  sim::run_dhcp_exchanges(w.sim);
  EXPECT_EQ(w.node("web2").interfaces()[0].addr.str(), "10.0.1.5/24");
  const sim::RouteEntry* def = w.node("web2").routes().lookup(ip("8.8.8.8"));
  ASSERT_NE(def, nullptr);
  EXPECT_EQ(def->origin, "dhcp");
  EXPECT_EQ(def->gateway, ip("10.0.1.1"));
  // The static instance is untouched.
  EXPECT_EQ(w.node("web1").interfaces()[0].addr.str(), "10.0.1.4/24");
  EXPECT_EQ(w.node("web1").dhcp_client(0), nullptr);
}

TEST(DhcpVpc, TheAckCarriesAwsOptions) {
  Loaded l = load(vpc());
  World w(*l.spec);
  sim::run_dhcp_exchanges(w.sim);
  const sim::DhcpClient* c = w.node("web2").dhcp_client(0);
  ASSERT_NE(c, nullptr);
  ASSERT_EQ(c->state(), sim::DhcpClient::State::Bound);
  ASSERT_TRUE(c->lease());
  const sim::DhcpMessage& ack = *c->lease();
  EXPECT_EQ(ack.your_ip, ip("10.0.1.5"));
  EXPECT_EQ(ack.server_id, ip("10.0.1.1"));  // the subnet's router
  EXPECT_EQ(ack.router, ip("10.0.1.1"));
  EXPECT_EQ(ack.dns, ip("10.0.0.2"));  // AmazonProvidedDNS: the VPC's base + 2
  EXPECT_EQ(ack.subnet_mask, ip("255.255.255.0"));
  EXPECT_EQ(ack.lease_seconds, 3600u);
  EXPECT_EQ(ack.host_name, "ip-10-0-1-5");
  EXPECT_EQ(ack.domain_name, "ec2.internal");
  // The service's lease table.
  const sim::DhcpVpcService* service = w.router("prod").dhcp();
  ASSERT_NE(service, nullptr);
  auto leases = service->leases();
  ASSERT_EQ(leases.size(), 1u);
  EXPECT_EQ(leases[0].owner, "web2");
  EXPECT_EQ(leases[0].subnet, "web");
  EXPECT_EQ(leases[0].ip, ip("10.0.1.5"));
  EXPECT_EQ(leases[0].mac, w.node("web2").interfaces()[0].mac);
}

TEST(DhcpVpc, AnswersGoToTheAskingInstanceOnly) {
  Loaded l = load(vpc());
  World w(*l.spec);
  // The first probe runs the exchange with the journey recording.
  auto ping = sim::run_ping(w.sim, w.node("web1").id(), ip("10.0.1.5"), sim::PingOptions{});
  EXPECT_EQ(ping.received, ping.transmitted);
  const sim::DeviceId web1 = w.node("web1").id();
  int at_web1 = 0, offers_and_acks = 0;
  for (const sim::Hop& h : w.sim.journey().hops()) {
    if (!h.packet.is_udp() || h.packet.udp.dst_port != 68) continue;
    if (h.device == web1) ++at_web1;
    if (h.in_port < 0) ++offers_and_acks;
  }
  EXPECT_EQ(offers_and_acks, 2);
  EXPECT_EQ(at_web1, 0);
}

TEST(DhcpVpc, NoSecurityGroupOrNaclFiltersIt) {
  const std::string extra = R"(
    <security-group name="closed" default-outbound="false"/>
    <nacl name="deny-all">
      <rule number="100" direction="inbound" action="deny" protocol="all" cidr="0.0.0.0/0"/>
      <rule number="100" direction="outbound" action="deny" protocol="all" cidr="0.0.0.0/0"/>
    </nacl>)";
  Loaded l = load(vpc(R"( security-groups="closed")", extra));
  ASSERT_FALSE(l.diags.has_errors()) << l.diags.render();
  World w(*l.spec);
  sim::run_dhcp_exchanges(w.sim);
  EXPECT_EQ(w.node("web2").interfaces()[0].addr.str(), "10.0.1.5/24");
}

TEST(DhcpVpc, AProbeFromTheInstanceRunsTheExchangeFirst) {
  Loaded l = load(vpc());
  World w(*l.spec);
  auto ping = sim::run_ping(w.sim, w.node("web2").id(), ip("10.0.1.4"), sim::PingOptions{});
  EXPECT_EQ(ping.received, ping.transmitted);
  bool ack_step = false;
  for (const sim::Hop& h : w.sim.journey().hops()) {
    for (const sim::Step& s : h.steps) {
      ack_step |= s.detail.find(
                      "ACK: web2:eth0 is now 10.0.1.5/24, default via 10.0.1.1, "
                      "lease 3600 s") != std::string::npos;
    }
  }
  EXPECT_TRUE(ack_step);
}

TEST(DhcpVpc, AVpcWithoutDhcpInstancesHasNoService) {
  Loaded l = load(R"(<topology name="t"><vpc name="prod" cidr="10.0.0.0/16">
    <subnet name="web" cidr="10.0.1.0/24"/>
    <instance name="web1" subnet="web" ip="10.0.1.4"/></vpc></topology>)");
  ASSERT_FALSE(l.diags.has_errors());
  World w(*l.spec);
  EXPECT_EQ(w.router("prod").dhcp(), nullptr);
  EXPECT_TRUE(w.sim.network().dhcp_clients.empty());
}

TEST(DhcpVpc, AStoppedInstanceRunsNoExchange) {
  Loaded l = load(vpc(R"( down="true")"));
  ASSERT_FALSE(l.diags.has_errors());
  World w(*l.spec);
  sim::run_dhcp_exchanges(w.sim);
  EXPECT_TRUE(w.router("prod").dhcp()->leases().empty());
  EXPECT_TRUE(w.node("web2").interfaces()[0].addr.ip.is_unspecified());
}

// A client that asks for another address than its network interface's gets a
// NAK; a broadcast that is no DHCP request is left to the router.
TEST(DhcpVpcService, NaksARequestForAnotherAddressAndIgnoresOtherBroadcasts) {
  sim::Network net;
  auto& router = net.add<sim::VpcRouter>("v:router", *sim::Prefix::parse("10.0.0.0/16"));
  router.add_acl(sim::StatelessAcl::allow_all("default"));
  router.add_table(sim::RouteTable("main"));
  const sim::MacAddr router_mac = sim::MacAddr::from_name("v:router:web");
  uint16_t port = router.add_subnet("web", *sim::Prefix::parse("10.0.1.0/24"), router_mac, 0, 0);
  auto& client = net.add<sim::IpNode>("c", sim::IpNode::Role::Host);
  const sim::MacAddr mac = sim::MacAddr::from_name("c:eth0");
  client.add_interface("eth0", *sim::InterfaceAddr::parse("0.0.0.0/32"), mac);
  auto service = std::make_unique<sim::DhcpVpcService>("v", ip("10.0.0.2"), "ec2.internal");
  service->add_subnet(port, "web", *sim::Prefix::parse("10.0.1.0/24"));
  service->add_client(port, mac, ip("10.0.1.7"), "c", "t.xml:1:1");
  router.set_dhcp(std::move(service));
  net.connect({client.id(), 0}, {router.id(), port}, sim::Duration{100'000});
  sim::Simulation s(std::move(net));
  s.journey().enable(true);
  auto send = [&](uint16_t dst_port, std::optional<sim::DhcpMessage> m) {
    s.act_as(client.id(), [&](sim::Context& ctx) {
      sim::Packet p;
      p.id = ctx.new_packet_id();
      p.ip = sim::Ipv4Header{sim::Ipv4Addr{}, ip("255.255.255.255"), 64, sim::IpProto::Udp, 0};
      p.udp = sim::UdpHeader{68, dst_port};
      if (m) p.app = ctx.put_app(*m);
      client.send_raw(ctx, 0, p, "test");
    });
    s.run(s.now() + sim::Duration{10'000'000});
  };
  sim::DhcpMessage request;
  request.type = sim::dhcp::kRequest;
  request.xid = 7;
  request.client_mac = mac;
  request.requested_ip = ip("10.0.1.99");
  send(67, request);
  send(67, std::nullopt);  // UDP to port 67 without a DHCP message
  send(5353, std::nullopt);
  std::vector<uint8_t> replies;
  int not_for_us = 0;
  for (const sim::Hop& h : s.journey().hops()) {
    const sim::AppPayload* payload = s.app_payloads().get(h.packet.app);
    if (h.device == router.id() && h.in_port < 0 && payload) {
      replies.push_back(std::get<sim::DhcpMessage>(*payload).type);
      EXPECT_EQ(h.packet.eth.src, router_mac);
      EXPECT_EQ(h.packet.eth.dst, mac);  // to the client's MAC, not broadcast
    }
    for (const sim::Step& st : h.steps) {
      not_for_us += st.drop == sim::DropReason::NotAddressedToUs && h.device == router.id();
    }
  }
  EXPECT_EQ(replies, std::vector<uint8_t>{sim::dhcp::kNak});
  EXPECT_EQ(not_for_us, 2);  // the two broadcasts that carry no DHCP request
}

TEST(DhcpMessage, WritesHostAndDomainNameOptions) {
  sim::DhcpMessage m;
  m.type = sim::dhcp::kAck;
  m.host_name = "ip-10-0-1-5";
  m.domain_name = "ec2.internal";
  std::vector<uint8_t> b = sim::wire_bytes(m);
  // Options start after the 236-byte header and the 4-byte cookie: 53, then 12, 15, 255.
  std::vector<uint8_t> options(b.begin() + 240, b.end());
  std::vector<uint8_t> want = {53, 1, sim::dhcp::kAck, 12, 11};
  for (char c : std::string("ip-10-0-1-5")) want.push_back(uint8_t(c));
  want.insert(want.end(), {15, 12});
  for (char c : std::string("ec2.internal")) want.push_back(uint8_t(c));
  want.push_back(255);
  EXPECT_EQ(options, want);
}

}  // namespace
}  // namespace vpcsim::testing
