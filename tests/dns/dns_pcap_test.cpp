// --pcap writes a DNS message's real bytes as the UDP payload.
#include <gtest/gtest.h>

#include "sim/net/app_payload.hpp"
#include "sim/net/packet.hpp"
#include "tools/vpcsim/format/frame_encoder.hpp"

namespace vpcsim::cli {
namespace {

TEST(DnsPcap, UdpPayloadIsTheMessageOnTheWire) {
  sim::AppPayloadStore store;
  sim::DnsMessage q;
  q.id = 0xbeef;
  q.question = "www.example.net.";
  std::vector<uint8_t> dns = sim::wire_bytes(q);
  sim::Packet p;
  p.eth.type = sim::EtherType::Ipv4;
  p.ip = sim::Ipv4Header{*sim::Ipv4Addr::parse("10.0.2.10"), *sim::Ipv4Addr::parse("10.0.0.2"), 64,
                         sim::IpProto::Udp, 1};
  p.udp = sim::UdpHeader{32768, 53};
  p.payload_bytes = uint32_t(dns.size());
  p.app = store.put(q);
  std::vector<uint8_t> frame = encode_frame(p, &store);
  ASSERT_EQ(frame.size(), p.wire_bytes());
  std::vector<uint8_t> payload(frame.end() - ptrdiff_t(dns.size()), frame.end());
  EXPECT_EQ(payload, dns);
  // UDP length field: header + message.
  EXPECT_EQ(frame[14 + 20 + 4] << 8 | frame[14 + 20 + 5], int(8 + dns.size()));
  // Without the store (or a stale index) the filler pattern is written instead.
  std::vector<uint8_t> filler = encode_frame(p);
  EXPECT_EQ(filler.size(), frame.size());
  EXPECT_NE(std::vector<uint8_t>(filler.end() - ptrdiff_t(dns.size()), filler.end()), dns);
}

}  // namespace
}  // namespace vpcsim::cli
