// --explain=layers: the same journey as --explain, regrouped by OSI layer, with
// each frame's headers, the competing routes of a lookup, and what every device
// changed in the frames it sent on (MACs, TTL, NAT).
#include <gtest/gtest.h>

#include <algorithm>

#include "sim/probes/ping.hpp"
#include "sim/probes/tcp_connect.hpp"
#include "tests/teach/teach_fixtures.hpp"
#include "tools/vpcsim/format/journey_text.hpp"
#include "tools/vpcsim/format/layered_journey.hpp"
#include "tools/vpcsim/format/layers_text.hpp"

namespace vpcsim::cli {
namespace {

using testing::kOffice;

sim::PingOptions once() {
  sim::PingOptions o;
  o.count = 1;
  return o;
}

const LayeredEvent& event_at(const std::vector<LayeredEvent>& events, const std::string& device,
                             const std::string& how_prefix, bool ip) {
  for (const LayeredEvent& e : events) {
    bool is_ip = std::any_of(e.frame.begin(), e.frame.end(),
                             [](const HeaderLine& h) { return h.protocol == "IPv4"; });
    if (e.device_name == device && e.how.rfind(how_prefix, 0) == 0 && is_ip == ip) return e;
  }
  throw std::runtime_error("no event at " + device + " " + how_prefix);
}

const LayerAction* action(const LayeredEvent& e, const std::string& label) {
  for (const LayerAction& a : e.actions) {
    if (a.label == label) return &a;
  }
  return nullptr;
}

TEST(LayeredJourney, SaysEveryStepThatExplainSays) {
  testing::Loaded net = testing::load(kOffice);
  ASSERT_TRUE(sim::run_ping(*net.sim, net.id("pc1"), net.ip("10.0.0.10"), once()).reachable());
  std::string layers = layers_text(*net.sim);
  std::string plain = explain_text(*net.sim);
  // Each step line of --explain is "    LABEL  DETAIL"; its DETAIL is in the layered view.
  size_t checked = 0;
  std::istringstream in(plain);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("    ", 0) != 0 || line.size() < 12) continue;
    std::string detail = line.substr(11);
    EXPECT_NE(layers.find(detail), std::string::npos) << "missing: " << detail;
    ++checked;
  }
  EXPECT_GT(checked, 20u);
  EXPECT_EQ(layered_journey(*net.sim).size(), net.sim->journey().hops().size());
  // Both end with the same tables.
  EXPECT_EQ(layers.substr(layers.find("\nTables after the probe:")),
            plain.substr(plain.find("\nTables after the probe:")));
}

TEST(LayeredJourney, ArpIsLayerTwoBroadcastAndTheSwitchLearnsAndFloods) {
  testing::Loaded net = testing::load(kOffice);
  ASSERT_TRUE(sim::run_ping(*net.sim, net.id("pc1"), net.ip("10.0.0.10"), once()).reachable());
  std::vector<LayeredEvent> events = layered_journey(*net.sim);
  const LayeredEvent& sw = event_at(events, "sw1", "received on sw1:p1", false);
  ASSERT_EQ(sw.frame.size(), 2u);
  EXPECT_EQ(sw.frame[0].layer, "L2");
  EXPECT_NE(sw.frame[0].text.find("ff:ff:ff:ff:ff:ff (broadcast), type ARP (0x0806)"),
            std::string::npos);
  EXPECT_EQ(sw.frame[1].text,
            "request: who has 192.168.0.1? tell 192.168.0.10 at " +
                sim::MacAddr::from_name("pc1:eth0").str());
  std::vector<std::string> l2;
  for (const LayerAction& a : sw.actions) {
    if (a.label == "l2") l2.push_back(a.layer + " " + a.text.substr(0, a.text.find(' ')));
  }
  EXPECT_EQ(l2, (std::vector<std::string>{"L2 learned", "L2 flood"}));
  EXPECT_TRUE(sw.sent.empty());  // a switch forwards frames unchanged
  EXPECT_EQ(sw.sent_links.size(), 2u);  // flooded to pc2 and r1
}

TEST(LayeredJourney, RouterShowsCandidatesTtlAndRewrittenMacs) {
  testing::Loaded net = testing::load(kOffice);
  ASSERT_TRUE(sim::run_ping(*net.sim, net.id("pc1"), net.ip("10.0.0.10"), once()).reachable());
  std::vector<LayeredEvent> events = layered_journey(*net.sim);
  const LayeredEvent& r1 = event_at(events, "r1", "received on r1:eth0", true);
  const LayerAction* route = action(r1, "route");
  ASSERT_NE(route, nullptr);
  EXPECT_EQ(route->layer, "L3");
  // The connected /24 beats the static /8: longest prefix first, marked as chosen.
  EXPECT_EQ(route->notes, (std::vector<std::string>{
                              "routes matching 10.0.0.10, longest prefix first (the first one wins):",
                              "  * 10.0.0.0/24 dev eth1   (/24)",
                              "    10.0.0.0/8 via 192.168.0.254 dev eth0   (/8)"}));
  const LayerAction* ttl = action(r1, "ttl");
  ASSERT_NE(ttl, nullptr);
  EXPECT_EQ(ttl->layer + " " + ttl->text, "L3 TTL 64 -> 63");
  // The first request waits for ARP at r1 (it leaves from a later "released"
  // event); the second finds the neighbour cached and is sent on at once, and the
  // frame out shows what r1 changed.
  ASSERT_EQ(sim::run_ping(*net.sim, net.id("pc1"), net.ip("10.0.0.10"), once()).received, 1);
  events = layered_journey(*net.sim);
  const LayeredEvent& again = event_at(events, "r1", "received on r1:eth0", true);
  ASSERT_EQ(again.sent.size(), 1u);
  EXPECT_EQ(again.sent[0].port, "r1:eth1");
  EXPECT_EQ(again.sent[0].changes,
            (std::vector<std::string>{
                "source MAC " + sim::MacAddr::from_name("pc1:eth0").str() + " -> " +
                    sim::MacAddr::from_name("r1:eth1").str(),
                "destination MAC " + sim::MacAddr::from_name("r1:eth0").str() + " -> " +
                    sim::MacAddr::from_name("srv:eth0").str(),
                "TTL 64 -> 63"}));
  EXPECT_NE(again.sent[0].frame[1].text.find("TTL 63"), std::string::npos);
}

TEST(LayeredJourney, NatShowsTheSourceBeforeAndAfterOnEachSide) {
  testing::Loaded vpc = testing::load_scenario_topology("small-service");
  // Twice: the second request finds every neighbour cached, so each device sends
  // it on at once and its frame out shows the translation.
  ASSERT_TRUE(
      sim::run_ping(*vpc.sim, vpc.id("app"), vpc.ip("198.51.100.10"), once()).reachable());
  ASSERT_TRUE(
      sim::run_ping(*vpc.sim, vpc.id("app"), vpc.ip("198.51.100.10"), once()).reachable());
  std::vector<std::string> changes;
  for (const LayeredEvent& e : layered_journey(*vpc.sim)) {
    for (const SentFrame& f : e.sent) {
      for (const std::string& c : f.changes) {
        if (c.find("(NAT)") != std::string::npos) changes.push_back(e.device_name + ": " + c);
      }
    }
  }
  EXPECT_NE(std::find(changes.begin(), changes.end(),
                      "nat: source IP 10.0.2.10 -> 10.0.1.20 (NAT)"),
            changes.end());
  EXPECT_NE(std::find(changes.begin(), changes.end(),
                      "igw: source IP 10.0.1.20 -> 203.0.113.20 (NAT)"),
            changes.end());
  EXPECT_NE(std::find(changes.begin(), changes.end(),
                      "igw: destination IP 203.0.113.20 -> 10.0.1.20 (NAT)"),
            changes.end());
}

TEST(LayeredJourney, SecurityGroupDropIsAFilterDecisionAtLayersThreeAndFour) {
  testing::Loaded vpc = testing::load_scenario_topology("small-service");
  auto r = sim::run_tcp_connect(*vpc.sim, vpc.id("bastion"), vpc.ip("10.0.3.10"), 3306, {});
  ASSERT_EQ(r.verdict, sim::ConnectVerdict::Timeout);
  std::vector<LayeredEvent> events = layered_journey(*vpc.sim);
  auto dropped = std::find_if(events.begin(), events.end(),
                              [](const LayeredEvent& e) { return e.dropped; });
  ASSERT_NE(dropped, events.end());
  EXPECT_EQ(dropped->device_name, "db");
  const LayerAction& last = dropped->actions.back();
  EXPECT_TRUE(last.drop);
  EXPECT_EQ(last.layer, "L3/4");
  EXPECT_EQ(last.text.rfind("sg-ingress-denied (security-group): ", 0), 0u) << last.text;
  EXPECT_NE(last.text.find("[security group db-sg]"), std::string::npos);
  // The TCP header says what the filter judged.
  EXPECT_EQ(dropped->frame.back().protocol, "TCP");
  EXPECT_NE(dropped->frame.back().text.find("-> 3306, flags [SYN]"), std::string::npos);
}

}  // namespace
}  // namespace vpcsim::cli
