// Parsers of the real tools' output accept ours: `jc --ping` and
// `jc --traceroute` (Debian package jc) read the text of results of the real
// engine. Skipped when jc is not installed.
//
// Known limits of jc 1.22 that real iputils output hits too, so not asserted:
// with a host name as target (`PING h2 (10.0.2.10)`) jc expects reply lines in
// the `name (ip)` form and reports `ping -n`-style replies as unparsable; it
// ignores "From ... Destination ... Unreachable" lines and reads the loss of a
// line with "+N errors" from the wrong column.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <string>

#include <unistd.h>
#include <nlohmann/json.hpp>

#include "sim/probes/ping.hpp"
#include "sim/probes/traceroute.hpp"
#include "tests/format/format_fixtures.hpp"
#include "tools/vpcsim/format/probe_text.hpp"

namespace vpcsim::cli {
namespace {

using Json = nlohmann::json;
using testing::ip;
using testing::TestNet;

bool jc_installed() { return std::system("command -v jc >/dev/null 2>&1") == 0; }

// Runs `jc <parser>` on `text` (through a temporary file) and parses its JSON;
// nullopt when jc fails.
std::optional<Json> run_jc(const std::string& parser, const std::string& text) {
  char path[] = "/tmp/vpcsim_jc_XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0) return std::nullopt;
  close(fd);
  std::ofstream(path) << text;
  std::string out;
  std::string cmd = "jc " + parser + " < " + path;
  if (FILE* p = popen(cmd.c_str(), "r")) {
    std::array<char, 4096> buf;
    size_t n;
    while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
    int status = pclose(p);
    std::remove(path);
    if (status != 0) return std::nullopt;
  } else {
    std::remove(path);
    return std::nullopt;
  }
  Json j = Json::parse(out, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return std::nullopt;
  return j;
}

class JcParses : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!jc_installed()) GTEST_SKIP() << "jc is not installed (Debian package jc)";
  }
  sim::Simulation sim_ = testing::routed();
  sim::DeviceId h1_ = TestNet::id(sim_, "h1");
};

TEST_F(JcParses, PingWithRepliesToAnAddress) {
  sim::PingOptions o;
  sim::PingResult r = sim::run_ping(sim_, h1_, ip("10.0.2.10"), o);
  auto j = run_jc("--ping", ping_text(r, "10.0.2.10", o));
  ASSERT_TRUE(j) << ping_text(r, "10.0.2.10", o);
  EXPECT_EQ((*j)["destination_ip"], "10.0.2.10");
  EXPECT_EQ((*j)["destination"], "10.0.2.10");
  EXPECT_EQ((*j)["data_bytes"], 56);
  EXPECT_EQ((*j)["packets_transmitted"], 3);
  EXPECT_EQ((*j)["packets_received"], 3);
  EXPECT_EQ((*j)["packet_loss_percent"], 0.0);
  EXPECT_EQ((*j)["time_ms"], 2000.0);
  EXPECT_DOUBLE_EQ((*j)["round_trip_ms_min"].get<double>(), 0.4);
  EXPECT_DOUBLE_EQ((*j)["round_trip_ms_avg"].get<double>(), 0.533);
  EXPECT_DOUBLE_EQ((*j)["round_trip_ms_stddev"].get<double>(), 0.188);
  ASSERT_EQ((*j)["responses"].size(), 3u);
  for (int i = 0; i < 3; ++i) {
    const Json& resp = (*j)["responses"][size_t(i)];
    EXPECT_EQ(resp["type"], "reply");
    EXPECT_EQ(resp["response_ip"], "10.0.2.10");
    EXPECT_EQ(resp["icmp_seq"], i + 1);
    EXPECT_EQ(resp["ttl"], 63);
    EXPECT_EQ(resp["bytes"], 64);
  }
}

TEST_F(JcParses, PingToANamedTargetKeepsNameAndCounts) {
  sim::PingOptions o;
  sim::PingResult r = sim::run_ping(sim_, h1_, ip("10.0.2.10"), o);
  auto j = run_jc("--ping", ping_text(r, "h2", o));
  ASSERT_TRUE(j);
  EXPECT_EQ((*j)["destination_ip"], "10.0.2.10");
  EXPECT_EQ((*j)["destination"], "h2");
  EXPECT_EQ((*j)["packets_transmitted"], 3);
  EXPECT_EQ((*j)["packets_received"], 3);
  EXPECT_DOUBLE_EQ((*j)["round_trip_ms_max"].get<double>(), 0.8);
  EXPECT_EQ((*j)["responses"].size(), 3u);
}

TEST_F(JcParses, PingWithErrorsAndNoReplies) {
  sim::PingOptions o;
  sim::PingResult r = sim::run_ping(sim_, h1_, ip("172.16.0.1"), o);
  auto j = run_jc("--ping", ping_text(r, "172.16.0.1", o));
  ASSERT_TRUE(j);
  EXPECT_EQ((*j)["destination_ip"], "172.16.0.1");
  EXPECT_EQ((*j)["packets_transmitted"], 3);
  EXPECT_EQ((*j)["packets_received"], 0);
  EXPECT_FALSE(j->contains("round_trip_ms_min"));
}

TEST_F(JcParses, TracerouteHopsAndAddresses) {
  sim::TracerouteResult r = sim::run_traceroute(sim_, h1_, ip("10.0.2.10"), {});
  auto j = run_jc("--traceroute", traceroute_text(r, "h2"));
  ASSERT_TRUE(j) << traceroute_text(r, "h2");
  EXPECT_EQ((*j)["destination_ip"], "10.0.2.10");
  EXPECT_EQ((*j)["destination_name"], "h2");
  ASSERT_EQ((*j)["hops"].size(), 2u);
  const char* expected[] = {"10.0.1.1", "10.0.2.10"};
  for (size_t h = 0; h < 2; ++h) {
    const Json& hop = (*j)["hops"][h];
    EXPECT_EQ(hop["hop"], int(h + 1));
    ASSERT_EQ(hop["probes"].size(), 3u);
    for (const Json& p : hop["probes"]) {
      EXPECT_EQ(p["ip"], expected[h]);
      EXPECT_TRUE(p["rtt"].is_number());
    }
  }
}

TEST_F(JcParses, TracerouteStarsAndMarkers) {
  sim::TracerouteOptions o;
  o.max_hops = 3;
  sim::TracerouteResult silent = sim::run_traceroute(sim_, h1_, ip("10.9.0.1"), o);
  auto j = run_jc("--traceroute", traceroute_text(silent, "10.9.0.1"));
  ASSERT_TRUE(j);
  ASSERT_EQ((*j)["hops"].size(), 3u);
  EXPECT_EQ((*j)["hops"][0]["probes"].size(), 3u);
  EXPECT_TRUE((*j)["hops"][1]["probes"].empty());  // " 2  * * *"
  EXPECT_TRUE((*j)["hops"][2]["probes"].empty());

  sim::TracerouteResult net = sim::run_traceroute(sim_, h1_, ip("172.16.0.1"), {});
  j = run_jc("--traceroute", traceroute_text(net, "172.16.0.1"));
  ASSERT_TRUE(j);
  ASSERT_EQ((*j)["hops"].size(), 1u);
  ASSERT_EQ((*j)["hops"][0]["probes"].size(), 3u);
  EXPECT_EQ((*j)["hops"][0]["probes"][0]["ip"], "10.0.1.1");
  EXPECT_EQ((*j)["hops"][0]["probes"][0]["annotation"], "!N");
}

}  // namespace
}  // namespace vpcsim::cli
