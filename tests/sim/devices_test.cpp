// Device behaviour, checked on traces and probe results of small networks.
#include <gtest/gtest.h>

#include <algorithm>

#include "sim/probes/ping.hpp"
#include "sim/probes/tcp_connect.hpp"
#include "sim/probes/traceroute.hpp"
#include "tests/sim/test_net.hpp"

namespace vpcsim::sim {
namespace {

using testing::TestNet;

Ipv4Addr ip(const char* s) { return *Ipv4Addr::parse(s); }

// Every hop of `name` that ended in a drop with `why`.
int drops_at(const Simulation& s, const std::string& name, DropReason why) {
  int n = 0;
  for (const Hop& h : s.journey().hops()) {
    if (s.network().device(h.device).name() != name) continue;
    for (const Step& st : h.steps) n += st.drop == why;
  }
  return n;
}

PingOptions once() {
  PingOptions o;
  o.count = 1;
  return o;
}

Simulation three_hosts_on(bool use_hub) {
  TestNet t;
  t.host("h1", "10.0.0.1/24").host("h2", "10.0.0.2/24").host("h3", "10.0.0.3/24");
  if (use_hub) {
    t.hub("x");
  } else {
    t.sw("x");
  }
  t.link("h1", "x").link("h2", "x").link("h3", "x");
  return t.build();
}

TEST(L2Switch, LearnsFloodsUnknownThenForwardsKnownUnicast) {
  Simulation s = three_hosts_on(false);
  PingResult r = run_ping(s, TestNet::id(s, "h1"), ip("10.0.0.2"), once());
  EXPECT_EQ(r.received, 1);
  const auto& sw = dynamic_cast<const L2Switch&>(s.network().device(TestNet::id(s, "x")));
  auto entries = sw.mac_table().entries(s.now());
  ASSERT_EQ(entries.size(), 2u);  // h1 and h2 spoke; h3 never did
  // h3 saw only the broadcast ARP request: the echo request went to h2's port alone.
  EXPECT_EQ(drops_at(s, "h3", DropReason::NotAddressedToUs), 0);
  // The ARP request (broadcast) reached h3, which ignored it as not its address.
  bool h3_saw_arp = false;
  for (const Hop& h : s.journey().hops()) {
    if (s.network().device(h.device).name() == "h3") h3_saw_arp |= h.packet.is_arp();
  }
  EXPECT_TRUE(h3_saw_arp);
}

TEST(Hub, RepeatsEveryFrameSoBystandersSeeUnicast) {
  Simulation s = three_hosts_on(true);
  PingResult r = run_ping(s, TestNet::id(s, "h1"), ip("10.0.0.2"), once());
  EXPECT_EQ(r.received, 1);
  // h3 got the unicast echo request and reply too, and its NIC ignored them.
  EXPECT_EQ(drops_at(s, "h3", DropReason::NotAddressedToUs), 2);
}

TEST(L2Switch, ForgetsMacsAfterAging) {
  TestNet t;
  t.host("h1", "10.0.0.1/24").host("h2", "10.0.0.2/24").sw("s", Duration{5'000'000'000}).link("h1", "s").link("h2", "s");
  Simulation s = t.build();
  (void)run_ping(s, TestNet::id(s, "h1"), ip("10.0.0.2"), once());
  const auto& sw = dynamic_cast<const L2Switch&>(s.network().device(TestNet::id(s, "s")));
  EXPECT_EQ(sw.mac_table().entries(s.now()).size(), 2u);
  EXPECT_TRUE(sw.mac_table().entries(s.now() + Duration{6'000'000'000}).empty());
}

TEST(IpNode, ArpFailureAfterThreeTriesReportsHostUnreachable) {
  TestNet t;
  t.host("h1", "10.0.0.1/24").sw("s").link("h1", "s");
  Simulation s = t.build();
  PingResult r = run_ping(s, TestNet::id(s, "h1"), ip("10.0.0.9"), once());
  EXPECT_EQ(r.received, 0);
  ASSERT_EQ(r.errors, 1);
  EXPECT_EQ(r.events[0].from, ip("10.0.0.1"));  // iputils: "From <self> ... Destination Host Unreachable"
  EXPECT_EQ(r.events[0].icmp_code, icmp::kHostUnreachable);
  ASSERT_TRUE(r.reason);
  EXPECT_EQ(r.reason->reason, DropReason::ArpTimeout);
  int arp_requests = 0;
  for (const Hop& h : s.journey().hops()) arp_requests += h.in_port < 0 && h.packet.is_arp();
  EXPECT_EQ(arp_requests, 3);
}

Simulation chain_of_three_routers() {
  TestNet t;
  t.host("h1", "10.0.1.10/24", "10.0.1.1")
      .router("r1", {"10.0.1.1/24", "10.0.12.1/30"})
      .router("r2", {"10.0.12.2/30", "10.0.23.1/30"})
      .router("r3", {"10.0.23.2/30", "10.0.2.1/24"})
      .host("h2", "10.0.2.10/24", "10.0.2.1")
      .route("r1", "10.0.2.0/24", "10.0.12.2").route("r1", "10.0.23.0/30", "10.0.12.2")
      .route("r2", "10.0.1.0/24", "10.0.12.1").route("r2", "10.0.2.0/24", "10.0.23.2")
      .route("r3", "10.0.1.0/24", "10.0.23.1").route("r3", "10.0.12.0/30", "10.0.23.1")
      .listen("h2", IpProto::Tcp, 22)
      .link("h1", "r1:0").link("r1:1", "r2:0").link("r2:1", "r3:0").link("r3:1", "h2");
  return t.build();
}

TEST(Router, DecrementsTtlOncePerRouter) {
  Simulation s = chain_of_three_routers();
  PingResult r = run_ping(s, TestNet::id(s, "h1"), ip("10.0.2.10"), once());
  ASSERT_EQ(r.received, 1);
  EXPECT_EQ(r.events[0].ttl, 61);
}

TEST(Router, SendsTimeExceededFromTheAddressFacingTheSender) {
  Simulation s = chain_of_three_routers();
  PingOptions o = once();
  o.ttl = 2;
  PingResult r = run_ping(s, TestNet::id(s, "h1"), ip("10.0.2.10"), o);
  ASSERT_EQ(r.errors, 1);
  EXPECT_EQ(r.events[0].icmp_type, icmp::kTimeExceeded);
  EXPECT_EQ(r.events[0].from, ip("10.0.12.2"));
  EXPECT_EQ(r.reason->reason, DropReason::TtlExceeded);
  EXPECT_EQ(r.reason->device_name, "r2");
}

TEST(Router, AnswersNetUnreachableWithoutRoute) {
  Simulation s = chain_of_three_routers();
  PingResult r = run_ping(s, TestNet::id(s, "h1"), ip("172.16.0.1"), once());
  ASSERT_EQ(r.errors, 1);
  EXPECT_EQ(r.events[0].icmp_code, icmp::kNetUnreachable);
  EXPECT_EQ(r.events[0].from, ip("10.0.1.1"));
  EXPECT_EQ(r.reason->reason, DropReason::NoRoute);
}

TEST(Router, BlackholeDropsSilentlyUnreachableAndProhibitAnswer) {
  TestNet t;
  t.host("h1", "10.0.1.10/24", "10.0.1.1").router("r1", {"10.0.1.1/24"}).link("h1", "r1")
      .route("r1", "10.9.1.0/24", "", RouteAction::Blackhole)
      .route("r1", "10.9.2.0/24", "", RouteAction::Unreachable)
      .route("r1", "10.9.3.0/24", "", RouteAction::Prohibit);
  Simulation s = t.build();
  DeviceId h1 = TestNet::id(s, "h1");
  PingResult black = run_ping(s, h1, ip("10.9.1.1"), once());
  EXPECT_EQ(black.errors, 0);
  EXPECT_EQ(black.reason->reason, DropReason::Blackhole);
  PingResult unreach = run_ping(s, h1, ip("10.9.2.1"), once());
  ASSERT_EQ(unreach.errors, 1);
  EXPECT_EQ(unreach.events[0].icmp_code, icmp::kHostUnreachable);
  PingResult prohibit = run_ping(s, h1, ip("10.9.3.1"), once());
  ASSERT_EQ(prohibit.errors, 1);
  EXPECT_EQ(prohibit.events[0].icmp_code, icmp::kAdminProhibited);
  EXPECT_EQ(prohibit.reason->reason, DropReason::Prohibited);
}

TEST(IpNode, HostWithoutRouteFailsLocallyLikeConnect) {
  TestNet t;
  t.host("h1", "10.0.1.10/24").sw("s").link("h1", "s");
  Simulation s = t.build();
  PingResult r = run_ping(s, TestNet::id(s, "h1"), ip("8.8.8.8"), once());
  ASSERT_TRUE(r.local_error);
  EXPECT_EQ(r.transmitted, 0);
  EXPECT_EQ(r.reason->reason, DropReason::NoRoute);
}

TEST(Traceroute, ListsEachRouterThenTheDestination) {
  for (TracerouteMode mode : {TracerouteMode::Udp, TracerouteMode::Icmp, TracerouteMode::Tcp}) {
    Simulation s = chain_of_three_routers();
    TracerouteOptions o;
    o.mode = mode;
    if (mode == TracerouteMode::Tcp) o.port = 22;
    TracerouteResult r = run_traceroute(s, TestNet::id(s, "h1"), ip("10.0.2.10"), o);
    ASSERT_TRUE(r.reached);
    ASSERT_EQ(r.hops.size(), 4u);
    const char* expected[] = {"10.0.1.1", "10.0.12.2", "10.0.23.2", "10.0.2.10"};
    for (size_t i = 0; i < 4; ++i) {
      for (const TracerouteQuery& q : r.hops[i].queries) {
        EXPECT_TRUE(q.answered);
        EXPECT_EQ(q.from, ip(expected[i]));
      }
    }
  }
}

TEST(Traceroute, MarksNetUnreachableAndStops) {
  Simulation s = chain_of_three_routers();
  TracerouteResult r = run_traceroute(s, TestNet::id(s, "h1"), ip("172.16.0.1"), {});
  EXPECT_FALSE(r.reached);
  ASSERT_EQ(r.hops.size(), 1u);
  EXPECT_EQ(r.hops[0].queries[0].marker, "!N");
  EXPECT_EQ(r.reason->reason, DropReason::NoRoute);
}

TEST(TcpConnect, OpenRefusedAndTimeout) {
  Simulation s = chain_of_three_routers();
  DeviceId h1 = TestNet::id(s, "h1");
  ConnectResult open = run_tcp_connect(s, h1, ip("10.0.2.10"), 22, {});
  EXPECT_EQ(open.verdict, ConnectVerdict::Open);
  ASSERT_TRUE(open.served_by);
  EXPECT_EQ(s.network().device(*open.served_by).name(), "h2");
  EXPECT_EQ(open.seen_source, ip("10.0.1.10"));
  EXPECT_EQ(open.src_port, 32768);  // first ephemeral port
  ConnectResult refused = run_tcp_connect(s, h1, ip("10.0.2.10"), 23, {});
  EXPECT_EQ(refused.verdict, ConnectVerdict::Refused);
  EXPECT_EQ(refused.reason->reason, DropReason::PortClosed);
  EXPECT_EQ(refused.src_port, 32769);
  ConnectResult unreachable = run_tcp_connect(s, h1, ip("10.0.2.99"), 22, {});
  EXPECT_EQ(unreachable.verdict, ConnectVerdict::Unreachable);
  EXPECT_EQ(unreachable.error_from, ip("10.0.23.2"));
  EXPECT_EQ(unreachable.reason->reason, DropReason::ArpTimeout);
}

TEST(TcpConnect, AnExplicitSourcePortLeavesTheEphemeralRangeAlone) {
  Simulation s = chain_of_three_routers();
  DeviceId h1 = TestNet::id(s, "h1");
  ConnectOptions fixed;
  fixed.source_port = 5000;
  EXPECT_EQ(run_tcp_connect(s, h1, ip("10.0.2.10"), 22, fixed).src_port, 5000);
  TracerouteOptions udp;
  udp.source_port = 5001;
  EXPECT_TRUE(run_traceroute(s, h1, ip("10.0.2.10"), udp).reached);
  EXPECT_EQ(run_tcp_connect(s, h1, ip("10.0.2.10"), 22, {}).src_port, 32768);
}

TEST(Simulation, SameInputGivesIdenticalJourney) {
  auto run = [] {
    Simulation s = chain_of_three_routers();
    (void)run_traceroute(s, TestNet::id(s, "h1"), ip("10.0.2.10"), {});
    std::string out;
    for (const Hop& h : s.journey().hops()) {
      out += std::to_string(h.at.ns) + " " + std::to_string(h.device.v) + " " + h.packet.summary();
      for (const Step& st : h.steps) out += "|" + st.detail;
      out += "\n";
    }
    return out;
  };
  EXPECT_EQ(run(), run());
}

TEST(Simulation, EventBudgetEndsABroadcastStorm) {
  // Two switches joined twice: a loop with no STP. A broadcast circulates forever.
  TestNet t;
  t.host("h1", "10.0.0.1/24").sw("s1").sw("s2").link("h1", "s1").link("s1", "s2").link("s1", "s2");
  Simulation s = t.build();
  PingOptions o = once();
  o.event_budget = 10'000;
  PingResult r = run_ping(s, TestNet::id(s, "h1"), ip("10.0.0.2"), o);
  ASSERT_TRUE(r.reason);
  // The journey shows the loop, so the reason names it (tests/sim/faults_test.cpp).
  EXPECT_EQ(r.reason->reason, DropReason::BroadcastStorm);
}

}  // namespace
}  // namespace vpcsim::sim
