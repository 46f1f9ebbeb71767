// The JSON of the probes (ssh included): the documented keys in their order, numbers as
// numbers, null where a value does not exist, and the same values the text shows.
#include <gtest/gtest.h>

#include <vector>

#include "sim/probes/ping.hpp"
#include "sim/probes/tcp_connect.hpp"
#include "sim/probes/traceroute.hpp"
#include "tests/format/format_fixtures.hpp"
#include "tools/vpcsim/format/probe_json.hpp"

namespace vpcsim::cli {
namespace {

using Json = nlohmann::ordered_json;
using testing::ip;
using testing::TestNet;

std::vector<std::string> keys_of(const Json& j) {
  std::vector<std::string> keys;
  for (const auto& item : j.items()) keys.push_back(item.key());
  return keys;
}

class RoutedNetJson : public ::testing::Test {
 protected:
  sim::Simulation sim_ = testing::routed();
  sim::DeviceId h1_ = TestNet::id(sim_, "h1");
};

TEST_F(RoutedNetJson, PingJsonHasTheCommonKeysFirstThenDetails) {
  sim::PingResult r = sim::run_ping(sim_, h1_, ip("10.0.2.10"), {});
  Json j = ping_json(r, "h1", "h2");
  EXPECT_EQ(keys_of(j), (std::vector<std::string>{"probe", "from", "to", "src", "dst", "result",
                                                  "reason", "local_error", "transmitted",
                                                  "received", "errors", "packet_loss_percent",
                                                  "time_ms", "replies", "icmp_errors", "rtt"}));
  EXPECT_EQ(j["probe"], "ping");
  EXPECT_EQ(j["from"], "h1");
  EXPECT_EQ(j["to"], "h2");
  EXPECT_EQ(j["src"], "10.0.1.10");
  EXPECT_EQ(j["dst"], "10.0.2.10");
  EXPECT_EQ(j["result"], "reachable");
  EXPECT_TRUE(j["reason"].is_null());
  EXPECT_EQ(j["transmitted"], 3);
  EXPECT_EQ(j["received"], 3);
  EXPECT_EQ(j["packet_loss_percent"], 0.0);
  EXPECT_EQ(j["time_ms"], 2000);
  ASSERT_EQ(j["replies"].size(), 3u);
  const Json& first = j["replies"][0];
  EXPECT_EQ(first["seq"], 1);
  EXPECT_EQ(first["from"], "10.0.2.10");
  EXPECT_EQ(first["ttl"], 63);
  EXPECT_TRUE(first["time_ms"].is_number_float());
  EXPECT_DOUBLE_EQ(first["time_ms"].get<double>(), 0.8);
  EXPECT_TRUE(j["icmp_errors"].empty());
  EXPECT_DOUBLE_EQ(j["rtt"]["min_ms"].get<double>(), 0.4);
  EXPECT_DOUBLE_EQ(j["rtt"]["avg_ms"].get<double>(), 0.533);
  EXPECT_DOUBLE_EQ(j["rtt"]["max_ms"].get<double>(), 0.8);
  EXPECT_DOUBLE_EQ(j["rtt"]["mdev_ms"].get<double>(), 0.188);
}

TEST_F(RoutedNetJson, PingJsonListsIcmpErrorsWithIputilsMessageAndReason) {
  sim::PingResult r = sim::run_ping(sim_, h1_, ip("172.16.0.1"), {});
  Json j = ping_json(r, "h1", "172.16.0.1");
  EXPECT_EQ(j["result"], "unreachable");
  EXPECT_EQ(j["errors"], 3);
  EXPECT_EQ(j["packet_loss_percent"], 100.0);
  EXPECT_TRUE(j["replies"].empty());
  ASSERT_EQ(j["icmp_errors"].size(), 3u);
  const Json& e = j["icmp_errors"][0];
  EXPECT_EQ(e["seq"], 1);
  EXPECT_EQ(e["from"], "10.0.1.1");
  EXPECT_EQ(e["type"], 3);
  EXPECT_EQ(e["code"], 0);
  EXPECT_EQ(e["message"], "Destination Net Unreachable");
  EXPECT_TRUE(j["rtt"].is_null());
  const Json& why = j["reason"];
  EXPECT_EQ(keys_of(why),
            (std::vector<std::string>{"code", "drop", "device", "detail", "object", "rule"}));
  EXPECT_EQ(why["code"], "no-route");
  EXPECT_EQ(why["drop"], "no-route");
  EXPECT_EQ(why["device"], "r1");
  EXPECT_EQ(why["detail"], "no route to 172.16.0.1");
  EXPECT_EQ(why["object"], "routing table of r1");
  EXPECT_TRUE(why["rule"].is_null());
}

TEST(PingJson, LocalErrorHasNoSourceAndNoLoss) {
  sim::Simulation s = testing::lan();
  sim::PingResult r = sim::run_ping(s, TestNet::id(s, "h1"), ip("8.8.8.8"), {});
  Json j = ping_json(r, "h1", "8.8.8.8");
  EXPECT_TRUE(j["src"].is_null());
  EXPECT_EQ(j["local_error"], "Network is unreachable");
  EXPECT_EQ(j["transmitted"], 0);
  EXPECT_TRUE(j["packet_loss_percent"].is_null());
  EXPECT_EQ(j["reason"]["code"], "no-route");
}

TEST_F(RoutedNetJson, ReasonJsonKeepsPreciseDropAndPublicCode) {
  sim::PingOptions once;
  once.count = 1;
  sim::PingResult r = sim::run_ping(sim_, h1_, ip("10.0.2.99"), once);
  Json why = reason_json(r.reason);
  EXPECT_EQ(why["code"], "host-unreachable");
  EXPECT_EQ(why["drop"], "arp-timeout");
  EXPECT_EQ(why["object"], "ARP cache of r1");
  EXPECT_TRUE(reason_json(std::nullopt).is_null());
}

TEST_F(RoutedNetJson, TracerouteJsonHasHopsWithNullsForSilentProbes) {
  sim::TracerouteOptions o;
  o.max_hops = 3;
  sim::TracerouteResult r = sim::run_traceroute(sim_, h1_, ip("10.9.0.1"), o);
  Json j = traceroute_json(r, "h1", "10.9.0.1");
  EXPECT_EQ(keys_of(j), (std::vector<std::string>{"probe", "from", "to", "src", "dst", "result",
                                                  "reason", "local_error", "max_hops",
                                                  "packet_bytes", "reached", "hops"}));
  EXPECT_EQ(j["probe"], "traceroute");
  EXPECT_EQ(j["result"], "unreachable");
  EXPECT_EQ(j["reached"], false);
  EXPECT_EQ(j["max_hops"], 3);
  EXPECT_EQ(j["packet_bytes"], 60);
  EXPECT_EQ(j["reason"]["code"], "blackhole");
  ASSERT_EQ(j["hops"].size(), 3u);
  const Json& hop1 = j["hops"][0];
  EXPECT_EQ(hop1["ttl"], 1);
  ASSERT_EQ(hop1["probes"].size(), 3u);
  EXPECT_EQ(hop1["probes"][0]["address"], "10.0.1.1");
  // The first hop's queries wait for h1's ARP: 0.2 ms more than the 0.2 ms round trip.
  EXPECT_DOUBLE_EQ(hop1["probes"][0]["time_ms"].get<double>(), 0.4);
  EXPECT_TRUE(hop1["probes"][0]["marker"].is_null());
  const Json& silent = j["hops"][1]["probes"][2];
  EXPECT_TRUE(silent["address"].is_null());
  EXPECT_TRUE(silent["time_ms"].is_null());
  EXPECT_TRUE(silent["marker"].is_null());
}

TEST_F(RoutedNetJson, TracerouteJsonReportsReachedAndMarkers) {
  Json reached = traceroute_json(sim::run_traceroute(sim_, h1_, ip("10.0.2.10"), {}), "h1", "h2");
  EXPECT_EQ(reached["result"], "reachable");
  EXPECT_EQ(reached["hops"].back()["probes"][0]["address"], "10.0.2.10");
  EXPECT_TRUE(reached["reason"].is_null());
  Json net = traceroute_json(sim::run_traceroute(sim_, h1_, ip("172.16.0.1"), {}), "h1", "x");
  EXPECT_EQ(net["hops"][0]["probes"][1]["marker"], "!N");
}

TEST_F(RoutedNetJson, ConnectJsonOpenNamesTheListenerAndWhatItSaw) {
  sim::ConnectResult r = sim::run_tcp_connect(sim_, h1_, ip("10.0.2.10"), 22, {});
  Json j = connect_json(r, "h1", "h2", &sim_.network());
  EXPECT_EQ(keys_of(j), (std::vector<std::string>{"probe", "from", "to", "src", "dst", "result",
                                                  "reason", "local_error", "src_port", "dst_port",
                                                  "time_ms", "error_from", "icmp", "served_by",
                                                  "served_by_id", "seen_source", "seen_port"}));
  EXPECT_EQ(j["probe"], "telnet");
  EXPECT_EQ(j["result"], "open");
  EXPECT_EQ(j["src_port"], 32768);  // the first ephemeral port
  EXPECT_EQ(j["dst_port"], 22);
  EXPECT_EQ(j["served_by"], "h2");
  EXPECT_EQ(j["served_by_id"], TestNet::id(sim_, "h2").v);
  EXPECT_EQ(j["seen_source"], "10.0.1.10");
  EXPECT_EQ(j["seen_port"], 22);
  EXPECT_TRUE(j["error_from"].is_null());
  EXPECT_TRUE(j["time_ms"].is_number());
  // Without the network only the id is known.
  EXPECT_TRUE(connect_json(r, "h1", "h2")["served_by"].is_null());
}

TEST_F(RoutedNetJson, ConnectJsonVerdictsAndIcmpSource) {
  auto verdict = [&](const char* to, uint16_t port) {
    return connect_json(sim::run_tcp_connect(sim_, h1_, ip(to), port, {}), "h1", to,
                        &sim_.network());
  };
  Json refused = verdict("10.0.2.10", 23);
  EXPECT_EQ(refused["result"], "refused");
  EXPECT_EQ(refused["reason"]["code"], "port-closed");
  EXPECT_TRUE(refused["served_by"].is_null());
  Json timeout = verdict("10.9.0.1", 22);
  EXPECT_EQ(timeout["result"], "timeout");
  EXPECT_TRUE(timeout["time_ms"].is_null());
  Json unreachable = verdict("10.8.0.1", 22);
  EXPECT_EQ(unreachable["result"], "unreachable");
  EXPECT_EQ(unreachable["error_from"], "10.0.1.1");
  EXPECT_EQ(unreachable["icmp"]["type"], 3);
  EXPECT_EQ(unreachable["icmp"]["code"], 1);
  EXPECT_EQ(unreachable["reason"]["code"], "host-unreachable");
}

TEST(SshJson, DirectSessionHasNoViaAndOneLegAsTelnetWouldPrintIt) {
  sim::Simulation s = testing::jump();
  sim::ConnectResult r = sim::run_tcp_connect(s, TestNet::id(s, "client"), ip("10.0.3.10"), 22, {});
  SshSession session{"client", "app", "", {{"client", "app", r}}};
  Json j = ssh_json(session, &s.network());
  EXPECT_EQ(keys_of(j),
            (std::vector<std::string>{"probe", "from", "to", "via", "result", "legs", "reason"}));
  EXPECT_EQ(j["probe"], "ssh");
  EXPECT_EQ(j["from"], "client");
  EXPECT_EQ(j["to"], "app");
  EXPECT_TRUE(j["via"].is_null());
  EXPECT_EQ(j["result"], "open");
  EXPECT_TRUE(j["reason"].is_null());
  ASSERT_EQ(j["legs"].size(), 1u);
  EXPECT_EQ(j["legs"][0], connect_json(r, "client", "app", &s.network()));
  EXPECT_EQ(j["legs"][0]["served_by"], "app");
}

TEST(SshJson, JumpSessionListsBothLegsAndTakesResultAndReasonFromTheLast) {
  sim::Simulation s = testing::jump();
  auto connect = [&](const char* from, const char* to, uint16_t port) {
    return sim::run_tcp_connect(s, TestNet::id(s, from), ip(to), port, {});
  };
  SshSession session{"client",
                     "app",
                     "bastion",
                     {{"client", "bastion", connect("client", "10.0.2.10", 22)},
                      {"bastion", "app", connect("bastion", "10.0.3.10", 2222)}}};
  Json j = ssh_json(session, &s.network());
  EXPECT_EQ(j["via"], "bastion");
  EXPECT_EQ(j["result"], "refused");
  EXPECT_EQ(j["reason"]["code"], "port-closed");
  ASSERT_EQ(j["legs"].size(), 2u);
  EXPECT_EQ(j["legs"][0]["result"], "open");
  EXPECT_EQ(j["legs"][0]["to"], "bastion");
  EXPECT_EQ(j["legs"][0]["dst_port"], 22);
  EXPECT_EQ(j["legs"][1]["from"], "bastion");
  EXPECT_EQ(j["legs"][1]["src"], "10.0.2.10");
  EXPECT_EQ(j["legs"][1]["dst_port"], 2222);
  EXPECT_EQ(j["legs"][1]["result"], "refused");
}

TEST(SshJson, FailedFirstLegIsTheResult) {
  sim::Simulation s = testing::jump();
  sim::ConnectResult r = sim::run_tcp_connect(s, TestNet::id(s, "client"), ip("10.9.0.1"), 22, {});
  Json j = ssh_json(SshSession{"client", "app", "10.9.0.1", {{"client", "10.9.0.1", r}}});
  EXPECT_EQ(j["result"], "timeout");
  EXPECT_EQ(j["reason"]["code"], "blackhole");
  EXPECT_EQ(j["legs"].size(), 1u);
}

TEST_F(RoutedNetJson, JsonIsDeterministic) {
  auto run = [] {
    sim::Simulation s = testing::routed();
    sim::PingResult r = sim::run_ping(s, TestNet::id(s, "h1"), ip("10.0.2.10"), {});
    return ping_json(r, "h1", "h2").dump();
  };
  EXPECT_EQ(run(), run());
}

}  // namespace
}  // namespace vpcsim::cli
