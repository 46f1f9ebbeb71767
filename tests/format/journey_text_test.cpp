// --explain: the journey of the last probe hop by hop, then the tables of the
// devices it crossed; and the same as JSON.
#include <gtest/gtest.h>

#include <algorithm>

#include "sim/probes/ping.hpp"
#include "tests/format/format_fixtures.hpp"
#include "tools/vpcsim/format/journey_text.hpp"

namespace vpcsim::cli {
namespace {

using Json = nlohmann::ordered_json;
using testing::ip;
using testing::lines_of;
using testing::TestNet;

sim::PingOptions once() {
  sim::PingOptions o;
  o.count = 1;
  return o;
}

std::string mac_of(const char* node) {
  return sim::MacAddr::from_name(std::string(node) + ":eth0").str();
}

bool has_line(const std::vector<std::string>& lines, const std::string& line) {
  return std::find(lines.begin(), lines.end(), line) != lines.end();
}

class LanPing : public ::testing::Test {
 protected:
  void SetUp() override {
    sim::PingResult r = sim::run_ping(sim_, TestNet::id(sim_, "h1"), ip("10.0.0.2"), once());
    ASSERT_EQ(r.received, 1);
  }
  sim::Simulation sim_ = testing::lan();
};

TEST_F(LanPing, HopHeadersGiveTimeDeviceAndPacket) {
  auto lines = lines_of(explain_text(sim_));
  EXPECT_EQ(lines.at(0), "Journey (13 hops, times relative to the first):");
  EXPECT_EQ(lines.at(1),
            "[  +0.000 ms] h1 created: 10.0.0.1 > 10.0.0.2: ICMP echo request, id 16385, seq 1, "
            "ttl 64");
  EXPECT_TRUE(has_line(
      lines, "[  +0.100 ms] sw1 <- received on sw1:p1: ARP who-has 10.0.0.2 tell 10.0.0.1"));
  EXPECT_TRUE(has_line(lines,
                       "[  +0.800 ms] h1 <- received on h1:eth0: 10.0.0.2 > 10.0.0.1: ICMP "
                       "echo reply, id 16385, seq 1, ttl 64"));
}

TEST_F(LanPing, StepsAreIndentedWithLabelAndDecidingTable) {
  auto lines = lines_of(explain_text(sim_));
  EXPECT_TRUE(has_line(lines,
                       "    route  10.0.0.2 matches 10.0.0.0/24 dev eth0 [routing table of "
                       "h1: connected]"));
  EXPECT_TRUE(has_line(lines, "    l2     learned " + mac_of("h1") + " on p1 [MAC table of sw1]"));
  EXPECT_TRUE(has_line(lines, "    l2     forward to " + mac_of("h1") +
                                  " on p1 [MAC table of sw1: " + mac_of("h1") + " -> p1]"));
  EXPECT_TRUE(has_line(lines, "    out    sent out of sw1:p2 to h2:eth0"));
  EXPECT_TRUE(has_line(lines, "    local  echo request for 10.0.0.2: reply"));
  // The ingress step only repeats the header, and "created by" only repeats it too.
  for (const std::string& l : lines) {
    EXPECT_FALSE(l.starts_with("    in ")) << l;
    EXPECT_EQ(l.find("created by"), std::string::npos) << l;
  }
  // Packets made for another reason keep their origin line.
  EXPECT_TRUE(
      has_line(lines, "    new    ARP request who-has 10.0.0.2 tell 10.0.0.1 (try 1 of 3)"));
}

TEST_F(LanPing, TablesAfterTheProbeListMacTablesThenArpCaches) {
  std::string text = explain_text(sim_);
  auto lines = lines_of(text);
  auto at = std::find(lines.begin(), lines.end(), "Tables after the probe:");
  ASSERT_NE(at, lines.end()) << text;
  std::vector<std::string> tables(at + 1, lines.end());
  // Learned MACs sorted by address; ARP entries as `ip neigh` shows them.
  std::vector<std::string> macs = {mac_of("h1") + " dev p1 master sw1",
                                   mac_of("h2") + " dev p2 master sw1"};
  std::sort(macs.begin(), macs.end());
  EXPECT_EQ(tables, (std::vector<std::string>{
                        "sw1 MAC table (bridge fdb):",
                        "  " + macs[0],
                        "  " + macs[1],
                        "h1 ARP cache (ip neigh):",
                        "  10.0.0.2 dev eth0 lladdr " + mac_of("h2") + " REACHABLE",
                        "h2 ARP cache (ip neigh):",
                        "  10.0.0.1 dev eth0 lladdr " + mac_of("h1") + " REACHABLE",
                    }));
}

TEST(ExplainText, DropLinesNameTheDropItsCodeAndTheTable) {
  sim::Simulation s = testing::routed();
  (void)sim::run_ping(s, TestNet::id(s, "h1"), ip("10.0.2.99"), once());
  auto lines = lines_of(explain_text(s));
  EXPECT_TRUE(has_line(lines,
                       "    DROP   arp-timeout (host-unreachable): no ARP reply from "
                       "10.0.2.99 after 3 tries [ARP cache of r1]"));
  // Each ARP retry is its own hop, a second apart.
  EXPECT_TRUE(std::any_of(lines.begin(), lines.end(), [](const std::string& l) {
    return l.starts_with("[+1000.300 ms] r1 created: ARP who-has 10.0.2.99");
  }));
}

TEST(ExplainText, IsDeterministic) {
  auto run = [] {
    sim::Simulation s = testing::routed();
    (void)sim::run_ping(s, TestNet::id(s, "h1"), ip("172.16.0.1"), once());
    return explain_text(s);
  };
  EXPECT_EQ(run(), run());
}

TEST_F(LanPing, JourneyJsonHasEveryHopWithPacketAndSteps) {
  Json j = journey_json(sim_);
  ASSERT_EQ(j["hops"].size(), sim_.journey().hops().size());
  const Json& first = j["hops"][0];
  EXPECT_EQ(first["device"], "h1");
  EXPECT_EQ(first["kind"], "host");
  EXPECT_TRUE(first["in_port"].is_null());
  EXPECT_EQ(first["packet"]["eth"]["type"], "ipv4");
  EXPECT_EQ(first["packet"]["ip"]["src"], "10.0.0.1");
  EXPECT_EQ(first["packet"]["ip"]["proto"], "icmp");
  EXPECT_EQ(first["packet"]["l4"]["protocol"], "icmp");
  EXPECT_EQ(first["packet"]["l4"]["type"], 8);
  EXPECT_TRUE(first["packet"]["arp"].is_null());
  EXPECT_EQ(first["steps"][0]["kind"], "originate");

  const Json& at_switch = j["hops"][2];
  EXPECT_EQ(at_switch["device"], "sw1");
  EXPECT_EQ(at_switch["kind"], "switch");
  EXPECT_EQ(at_switch["in_port"], "p1");
  EXPECT_EQ(at_switch["time_ns"], 100'000);
  EXPECT_EQ(at_switch["packet"]["arp"]["op"], "request");
  EXPECT_EQ(at_switch["packet"]["arp"]["target_ip"], "10.0.0.2");
  EXPECT_TRUE(at_switch["packet"]["ip"].is_null());
  const Json& learn = at_switch["steps"][1];
  EXPECT_EQ(learn["kind"], "l2");
  EXPECT_EQ(learn["object"], "MAC table of sw1");
  EXPECT_TRUE(learn["rule"].is_null());
  EXPECT_TRUE(learn["drop"].is_null());
  EXPECT_TRUE(learn["reason"].is_null());

  ASSERT_EQ(j["tables"].size(), 3u);
  EXPECT_EQ(j["tables"][0]["device"], "sw1");
  EXPECT_EQ(j["tables"][0]["kind"], "mac");
  EXPECT_EQ(j["tables"][0]["entries"].size(), 2u);
  EXPECT_EQ(j["tables"][1]["kind"], "arp");
  EXPECT_EQ(j["tables"][1]["entries"][0]["ip"], "10.0.0.2");
  EXPECT_EQ(j["tables"][1]["entries"][0]["dev"], "eth0");
}

TEST(JourneyJson, DropStepsCarryDropNameAndReasonCode) {
  sim::Simulation s = testing::routed();
  (void)sim::run_ping(s, TestNet::id(s, "h1"), ip("172.16.0.1"), once());
  Json j = journey_json(s);
  int drops = 0;
  for (const Json& hop : j["hops"]) {
    for (const Json& step : hop["steps"]) {
      if (step["kind"] != "drop") continue;
      ++drops;
      EXPECT_EQ(hop["device"], "r1");
      EXPECT_EQ(step["drop"], "no-route");
      EXPECT_EQ(step["reason"], "no-route");
      EXPECT_EQ(step["object"], "routing table of r1");
    }
  }
  EXPECT_EQ(drops, 1);
}

}  // namespace
}  // namespace vpcsim::cli
