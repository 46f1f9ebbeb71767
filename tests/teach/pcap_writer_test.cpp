// pcap files: the classic nanosecond format, one record per frame on every link
// (or per frame sent or received at one port), in time order, with timestamps
// from simulated time.
#include <gtest/gtest.h>

#include <sstream>

#include "sim/probes/ping.hpp"
#include "tests/teach/teach_fixtures.hpp"
#include "tools/vpcsim/format/pcap_writer.hpp"

namespace vpcsim::cli {
namespace {

using testing::kOffice;

struct Record {
  int64_t ns;
  std::string frame;
};

uint32_t le32(const std::string& s, size_t at) {
  return uint32_t(uint8_t(s[at])) | uint32_t(uint8_t(s[at + 1])) << 8 |
         uint32_t(uint8_t(s[at + 2])) << 16 | uint32_t(uint8_t(s[at + 3])) << 24;
}

std::vector<Record> records_of(const std::string& file) {
  std::vector<Record> out;
  for (size_t at = 24; at + 16 <= file.size();) {
    uint32_t len = le32(file, at + 8);
    out.push_back({int64_t(le32(file, at)) * 1'000'000'000 + le32(file, at + 4),
                   file.substr(at + 16, len)});
    at += 16 + len;
  }
  return out;
}

class OfficePing : public ::testing::Test {
 protected:
  void SetUp() override {
    sim::PingOptions o;
    o.count = 1;
    auto r = sim::run_ping(*net_.sim, net_.id("pc1"), net_.ip("10.0.0.10"), o);
    ASSERT_EQ(r.received, 1);
  }
  testing::Loaded net_ = testing::load(kOffice);
};

TEST_F(OfficePing, FileStartsWithTheNanosecondEthernetHeader) {
  std::ostringstream out;
  PcapWriter w(out);
  std::string f = out.str();
  ASSERT_EQ(f.size(), 24u);
  EXPECT_EQ(le32(f, 0), 0xa1b23c4du);
  EXPECT_EQ(uint8_t(f[4]), 2);  // version 2.4
  EXPECT_EQ(uint8_t(f[6]), 4);
  EXPECT_EQ(le32(f, 20), 1u);  // LINKTYPE_ETHERNET
}

TEST_F(OfficePing, EveryLinkCaptureHasEachTransmissionOnceInTimeOrder) {
  std::ostringstream out;
  PcapWriter w(out);
  w.add_run(*net_.sim);
  std::vector<Record> recs = records_of(out.str());
  const auto& sent = net_.sim->journey().transmissions();
  ASSERT_EQ(recs.size(), sent.size());
  EXPECT_EQ(w.frames_written(), sent.size());
  for (size_t i = 1; i < recs.size(); ++i) EXPECT_LE(recs[i - 1].ns, recs[i].ns);
  // pc1's ARP request leads, at time 0; then the request crosses pc1-sw1, sw1-r1, r1-srv.
  EXPECT_EQ(recs.front().ns, 0);
  EXPECT_EQ(recs.front().frame.size(), 42u);
  size_t echo_requests = 0;
  for (const Record& r : recs) {
    if (r.frame.size() == 98 && uint8_t(r.frame[34]) == 8) ++echo_requests;
  }
  EXPECT_EQ(echo_requests, 3u);
}

TEST_F(OfficePing, PortCaptureSeesWhatLeavesAndArrivesThere) {
  std::ostringstream out;
  PcapWriter w(out, "r1:eth1");
  w.add_run(*net_.sim);
  std::vector<Record> recs = records_of(out.str());
  // At r1:eth1: ARP request out, ARP reply in, echo request out, echo reply in.
  ASSERT_EQ(recs.size(), 4u);
  EXPECT_EQ(recs[0].frame.size(), 42u);
  EXPECT_EQ(recs[1].frame.size(), 42u);
  EXPECT_EQ(recs[1].ns - recs[0].ns, 1'000'000);  // 0.5 ms each way on that link
  EXPECT_EQ(uint8_t(recs[2].frame[34]), 8);       // echo request, leaving r1
  EXPECT_EQ(uint8_t(recs[2].frame[22]), 63);      // with the TTL r1 decremented
  EXPECT_EQ(uint8_t(recs[3].frame[34]), 0);       // echo reply, arriving at r1
}

TEST_F(OfficePing, UnknownCapturePortsAreExplained) {
  std::string error;
  EXPECT_FALSE(find_capture_port(net_.sim->network(), "r9:eth0", &error));
  EXPECT_EQ(error, "no device 'r9' (write DEVICE:PORT, e.g. r1:eth0)");
  EXPECT_FALSE(find_capture_port(net_.sim->network(), "r1:eth7", &error));
  EXPECT_EQ(error, "device 'r1' has no port 'eth7' (its ports: 'eth0', 'eth1')");
  EXPECT_TRUE(find_capture_port(net_.sim->network(), "sw1:p3", &error));
}

TEST_F(OfficePing, ASecondNetworkContinuesAfterTheFirstOnesLastFrame) {
  std::ostringstream out;
  PcapWriter w(out);
  w.add_run(*net_.sim);
  int64_t last = records_of(out.str()).back().ns;
  w.next_network();
  w.add_run(*net_.sim);  // same times again, as a fresh simulation would have
  std::vector<Record> recs = records_of(out.str());
  size_t half = recs.size() / 2;
  EXPECT_EQ(recs[half].ns, last + 1'000'000'000);
  for (size_t i = 1; i < recs.size(); ++i) EXPECT_LE(recs[i - 1].ns, recs[i].ns);
}

}  // namespace
}  // namespace vpcsim::cli
