// Faults in the engine (sim/fabric/fault.hpp): links and devices failing and coming
// back as ordinary events, what they do to frames and learned state, and the loops
// the journey shows (sim/probes/loop_finder.hpp).
#include <gtest/gtest.h>

#include "sim/fabric/fault.hpp"
#include "sim/probes/loop_finder.hpp"
#include "sim/probes/ping.hpp"
#include "tests/sim/test_net.hpp"

namespace vpcsim::sim {
namespace {

using testing::TestNet;

Ipv4Addr ip(const char* s) { return *Ipv4Addr::parse(s); }
constexpr Duration kSecond{1'000'000'000};

// h1 - s1 - h2, every link 0.1 ms.
Simulation two_hosts_on_a_switch() {
  TestNet t;
  t.host("h1", "10.0.0.1/24").host("h2", "10.0.0.2/24").sw("s1").link("h1", "s1").link("h2", "s1");
  return t.build();
}

uint32_t link_of(const Simulation& s, const char* end) {
  std::string error;
  auto link = find_link(s.network(), end, error);
  EXPECT_TRUE(link) << error;
  return link.value_or(0);
}

const L2Switch& switch_named(Simulation& s, const char* name) {
  return dynamic_cast<const L2Switch&>(s.network().device(TestNet::id(s, name)));
}

TEST(Faults, LinkFailingMidRunLosesTheLaterPingsWithLinkDown) {
  Simulation s = two_hosts_on_a_switch();
  PingOptions o;
  o.count = 4;
  s.schedule_fault(s.now() + Duration{1'500'000'000},
                   Fault{FaultTarget::Link, link_of(s, "h2"), true});
  PingResult r = run_ping(s, TestNet::id(s, "h1"), ip("10.0.0.2"), o);
  EXPECT_EQ(r.transmitted, 4);
  EXPECT_EQ(r.received, 2);  // requests at 0 s and 1 s; the link fails at 1.5 s
  ASSERT_TRUE(r.reason);
  EXPECT_EQ(r.reason->reason, DropReason::LinkDown);
  ASSERT_EQ(s.journey().network_events().size(), 1u);
  EXPECT_EQ(s.journey().network_events()[0].text,
            "link h2:eth0 -- s1:p2 went down; s1 flushed 1 MAC entry learned on p2");
  EXPECT_EQ(s.journey().network_events()[0].at.ns, 1'500'000'000);
}

TEST(Faults, LinkDownFlushesOnlyThatSwitchPort) {
  Simulation s = two_hosts_on_a_switch();
  PingOptions o;
  o.count = 1;
  (void)run_ping(s, TestNet::id(s, "h1"), ip("10.0.0.2"), o);
  ASSERT_EQ(switch_named(s, "s1").mac_table().entries(s.now()).size(), 2u);
  s.apply_fault(Fault{FaultTarget::Link, link_of(s, "s1:p2"), true});
  auto entries = switch_named(s, "s1").mac_table().entries(s.now());
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].port, 0);  // h1's, on p1
  s.apply_fault(Fault{FaultTarget::Link, link_of(s, "s1:p2"), false});
  EXPECT_FALSE(s.network().links()[link_of(s, "h2")].down);
}

TEST(Faults, RestoredLinkCarriesPingsAgain) {
  Simulation s = two_hosts_on_a_switch();
  uint32_t link = link_of(s, "h2:eth0");
  s.apply_fault(Fault{FaultTarget::Link, link, true});
  PingOptions o;
  o.count = 1;
  EXPECT_FALSE(run_ping(s, TestNet::id(s, "h1"), ip("10.0.0.2"), o).reachable());
  s.apply_fault(Fault{FaultTarget::Link, link, false});
  EXPECT_TRUE(run_ping(s, TestNet::id(s, "h1"), ip("10.0.0.2"), o).reachable());
}

TEST(Faults, DownDeviceReceivesNothingAndTheDropNamesIt) {
  Simulation s = two_hosts_on_a_switch();
  s.network().device(TestNet::id(s, "h2")).set_down(true);
  PingOptions o;
  o.count = 1;
  PingResult r = run_ping(s, TestNet::id(s, "h1"), ip("10.0.0.2"), o);
  EXPECT_FALSE(r.reachable());
  ASSERT_TRUE(r.reason);
  EXPECT_EQ(r.reason->reason, DropReason::DeviceDown);
  EXPECT_EQ(reason_code(r.reason->reason), "device-down");
  EXPECT_NE(r.reason->detail.find("h2 is down"), std::string::npos) << r.reason->detail;
}

TEST(Faults, DownSourceSendsNothing) {
  Simulation s = two_hosts_on_a_switch();
  s.network().device(TestNet::id(s, "h1")).set_down(true);
  PingOptions o;
  o.count = 1;
  PingResult r = run_ping(s, TestNet::id(s, "h1"), ip("10.0.0.2"), o);
  EXPECT_EQ(r.transmitted, 0);
  ASSERT_TRUE(r.reason);
  EXPECT_EQ(r.reason->reason, DropReason::DeviceDown);
}

TEST(Faults, FailedSwitchForgetsItsTableAndVoidsNothingElse) {
  Simulation s = two_hosts_on_a_switch();
  PingOptions o;
  o.count = 1;
  (void)run_ping(s, TestNet::id(s, "h1"), ip("10.0.0.2"), o);
  s.apply_fault(Fault{FaultTarget::Device, TestNet::id(s, "s1").v, true});
  EXPECT_TRUE(switch_named(s, "s1").mac_table().entries(s.now()).empty());
  EXPECT_EQ(s.fault_log().back().text, "switch s1 went down");
  s.apply_fault(Fault{FaultTarget::Device, TestNet::id(s, "s1").v, false});
  EXPECT_TRUE(run_ping(s, TestNet::id(s, "h1"), ip("10.0.0.2"), o).reachable());
}

TEST(Faults, TimersOfADeviceThatWentDownAreVoid) {
  // h1 starts resolving an address nobody has, then is power-cycled: its old ARP
  // retries must not fire into the resolution a later ping starts.
  Simulation s = two_hosts_on_a_switch();
  PingOptions o;
  o.count = 1;
  o.wait = Duration{500'000'000};
  (void)run_ping(s, TestNet::id(s, "h1"), ip("10.0.0.9"), o);  // pending ARP, retries queued
  Fault h1{FaultTarget::Device, TestNet::id(s, "h1").v, true};
  s.apply_fault(h1);
  h1.down = false;
  s.apply_fault(h1);
  o.wait = Duration{5'000'000'000};
  PingResult r = run_ping(s, TestNet::id(s, "h1"), ip("10.0.0.9"), o);
  ASSERT_EQ(r.errors, 1);  // one "Destination Host Unreachable", after 3 fresh tries
  EXPECT_EQ(r.events[0].rtt.ns, 3 * kSecond.ns);
}

TEST(Faults, CancelledFaultsNeverApply) {
  Simulation s = two_hosts_on_a_switch();
  s.schedule_fault(s.now() + kSecond, Fault{FaultTarget::Link, link_of(s, "h1"), true});
  s.cancel_faults();
  PingOptions o;
  o.count = 3;
  EXPECT_EQ(run_ping(s, TestNet::id(s, "h1"), ip("10.0.0.2"), o).received, 3);
  EXPECT_TRUE(s.fault_log().empty());
}

TEST(Faults, FindLinkNamesEndsAndExplainsMistakes) {
  Simulation s = two_hosts_on_a_switch();
  std::string error;
  EXPECT_EQ(find_link(s.network(), "h1", error), find_link(s.network(), "s1:p1", error));
  EXPECT_FALSE(find_link(s.network(), "s1", error));
  EXPECT_EQ(error, "s1 has 2 links: name one end as node:port (s1:p1, s1:p2)");
  EXPECT_FALSE(find_link(s.network(), "s1:p9", error));
  EXPECT_EQ(error, "s1 has no port 'p9' (cabled ports: s1:p1, s1:p2)");
  EXPECT_FALSE(find_link(s.network(), "nope:eth0", error));
  EXPECT_EQ(error, "unknown node 'nope' in link end 'nope:eth0'");
  EXPECT_FALSE(find_device(s.network(), "nope", error));
}

TEST(Faults, SortKeepsTheGivenOrderAtEqualTimes) {
  std::vector<TimedFault> f{{{FaultTarget::Link, 1, false}, kSecond, "b"},
                            {{FaultTarget::Link, 1, true}, Duration{0}, "a"},
                            {{FaultTarget::Link, 2, true}, kSecond, "c"}};
  sort_faults(f);
  EXPECT_EQ(f[0].name + f[1].name + f[2].name, "abc");
}

TEST(Loops, BroadcastStormNamesTheRingPorts) {
  // h1 on s1; s1, s2, s3 in a ring.
  TestNet t;
  t.host("h1", "10.0.0.1/24").sw("s1").sw("s2").sw("s3");
  t.link("h1", "s1").link("s1", "s2").link("s2", "s3").link("s3", "s1");
  Simulation s = t.build();
  PingOptions o;
  o.count = 1;
  o.event_budget = 5'000;
  PingResult r = run_ping(s, TestNet::id(s, "h1"), ip("10.0.0.2"), o);
  ASSERT_TRUE(r.reason);
  EXPECT_EQ(r.reason->reason, DropReason::BroadcastStorm);
  EXPECT_EQ(reason_code(r.reason->reason), "broadcast-storm");
  // The first copy round: out of s1 towards s2, through s3, back into s1 on p3.
  EXPECT_EQ(r.reason->loop,
            (std::vector<std::string>{"s1:p2", "s2:p1", "s2:p2", "s3:p1", "s3:p2", "s1:p3"}));
  EXPECT_NE(r.reason->sentence().find("broadcast storm: the frame looped s1:p2 \u2192 s2:p1"),
            std::string::npos)
      << r.reason->sentence();
}

TEST(Loops, BudgetWithoutALoopStaysEventBudget) {
  Simulation s = two_hosts_on_a_switch();
  PingOptions o;
  o.count = 3;
  o.event_budget = 5;
  PingResult r = run_ping(s, TestNet::id(s, "h1"), ip("10.0.0.2"), o);
  ASSERT_TRUE(r.reason);
  EXPECT_EQ(r.reason->reason, DropReason::EventBudget);
  EXPECT_TRUE(r.reason->loop.empty());
}

TEST(Loops, RoutingLoopIsNamedOnTtlExceeded) {
  // h1 - r1 - r2, each router's default route pointing at the other.
  TestNet t;
  t.host("h1", "10.0.1.10/24", "10.0.1.1")
      .router("r1", {"10.0.1.1/24", "10.0.12.1/24"})
      .router("r2", {"10.0.12.2/24"})
      .link("h1", "r1:0")
      .link("r1:1", "r2:0")
      .route("r1", "0.0.0.0/0", "10.0.12.2")
      .route("r2", "0.0.0.0/0", "10.0.12.1");
  Simulation s = t.build();
  PingOptions o;
  o.count = 1;
  PingResult r = run_ping(s, TestNet::id(s, "h1"), ip("10.99.0.1"), o);
  ASSERT_TRUE(r.reason);
  EXPECT_EQ(r.reason->reason, DropReason::TtlExceeded);
  EXPECT_EQ(r.reason->loop, (std::vector<std::string>{"r1", "r2"}));
  EXPECT_EQ(r.reason->loop_note,
            "routing loop: r1 \u2192 r2 \u2192 r1, each forwarding 10.99.0.1 to the other until "
            "TTL ran out");
}

TEST(Loops, TtlTooSmallOnAStraightPathIsNoLoop) {
  TestNet t;
  t.host("h1", "10.0.1.10/24", "10.0.1.1")
      .router("r1", {"10.0.1.1/24", "10.0.12.1/24"})
      .host("h2", "10.0.12.2/24", "10.0.12.1")
      .link("h1", "r1:0")
      .link("r1:1", "h2");
  Simulation s = t.build();
  PingOptions o;
  o.count = 1;
  o.ttl = 1;
  PingResult r = run_ping(s, TestNet::id(s, "h1"), ip("10.0.12.2"), o);
  ASSERT_TRUE(r.reason);
  EXPECT_EQ(r.reason->reason, DropReason::TtlExceeded);
  EXPECT_TRUE(r.reason->loop.empty());
}

}  // namespace
}  // namespace vpcsim::sim
