// Frame encoding for pcap: sizes match Packet::wire_bytes, fields sit where
// Ethernet/ARP/IPv4/ICMP/TCP/UDP put them, and every checksum verifies (a
// correct one's-complement checksum sums to zero over its covered bytes).
#include <gtest/gtest.h>

#include <span>
#include <vector>

#include "tools/vpcsim/format/frame_encoder.hpp"

namespace vpcsim::cli {
namespace {

sim::Ipv4Addr ip(const char* s) { return *sim::Ipv4Addr::parse(s); }
sim::MacAddr mac(const char* s) { return *sim::MacAddr::parse(s); }

uint16_t u16(const std::vector<uint8_t>& b, size_t at) { return uint16_t(b[at] << 8 | b[at + 1]); }

sim::Packet ipv4(sim::IpProto proto) {
  sim::Packet p;
  p.eth = {mac("02:00:00:00:00:01"), mac("02:00:00:00:00:02"), sim::EtherType::Ipv4};
  p.ip = sim::Ipv4Header{ip("192.168.0.10"), ip("10.0.0.10"), 64, proto, 7};
  return p;
}

// The checksum of a TCP or UDP segment is right when the sum over the
// pseudo-header and the segment is zero.
uint16_t l4_sum(const std::vector<uint8_t>& frame, const sim::Packet& p) {
  std::span<const uint8_t> l4 = std::span<const uint8_t>(frame).subspan(34);
  uint32_t pseudo = (p.ip.src.v >> 16) + (p.ip.src.v & 0xffff) + (p.ip.dst.v >> 16) +
                    (p.ip.dst.v & 0xffff) + uint32_t(p.ip.proto) + uint32_t(l4.size());
  return internet_checksum(l4, pseudo);
}

TEST(FrameEncoder, EchoRequestHasPingSizeAndValidIpAndIcmpChecksums) {
  sim::Packet p = ipv4(sim::IpProto::Icmp);
  p.icmp = sim::IcmpHeader{sim::icmp::kEchoRequest, 0, 0x4001, 1};
  p.payload_bytes = 56;
  std::vector<uint8_t> b = encode_frame(p);
  ASSERT_EQ(b.size(), 98u);  // 14 Ethernet + 20 IP + 8 ICMP + 56 data, as ping's 84-byte packet
  EXPECT_EQ(b.size(), p.wire_bytes());
  EXPECT_EQ(u16(b, 12), 0x0800);
  EXPECT_EQ(b[14], 0x45);
  EXPECT_EQ(u16(b, 16), 84);  // IP total length
  EXPECT_EQ(b[22], 64);       // TTL
  EXPECT_EQ(b[23], 1);        // protocol ICMP
  EXPECT_EQ(internet_checksum(std::span<const uint8_t>(b).subspan(14, 20)), 0);
  EXPECT_EQ(internet_checksum(std::span<const uint8_t>(b).subspan(34)), 0);
  EXPECT_EQ(b[34], 8);  // echo request
  EXPECT_EQ(u16(b, 38), 0x4001);
  EXPECT_EQ(u16(b, 40), 1);
}

TEST(FrameEncoder, ArpRequestIsBroadcastWithSenderAndTarget) {
  sim::Packet p;
  p.eth = {mac("02:00:00:00:00:01"), sim::MacAddr::broadcast(), sim::EtherType::Arp};
  p.arp = sim::ArpHeader{sim::ArpOp::Request, mac("02:00:00:00:00:01"), ip("192.168.0.10"),
                         sim::MacAddr{}, ip("192.168.0.1")};
  std::vector<uint8_t> b = encode_frame(p);
  ASSERT_EQ(b.size(), 42u);
  EXPECT_EQ(std::vector<uint8_t>(b.begin(), b.begin() + 6), std::vector<uint8_t>(6, 0xff));
  EXPECT_EQ(u16(b, 12), 0x0806);
  EXPECT_EQ(u16(b, 14), 1);       // hardware type Ethernet
  EXPECT_EQ(u16(b, 16), 0x0800);  // protocol IPv4
  EXPECT_EQ(u16(b, 20), 1);       // request
  EXPECT_EQ(std::vector<uint8_t>(b.begin() + 28, b.begin() + 32),
            (std::vector<uint8_t>{192, 168, 0, 10}));
  EXPECT_EQ(std::vector<uint8_t>(b.begin() + 38, b.begin() + 42),
            (std::vector<uint8_t>{192, 168, 0, 1}));
}

TEST(FrameEncoder, TracerouteSynCarriesItsTwentyBytesAsOptions) {
  sim::Packet p = ipv4(sim::IpProto::Tcp);
  p.tcp = sim::TcpHeader{40000, 80, sim::tcp_flag::kSyn, 3, 0};
  p.payload_bytes = 20;  // Linux -T: 40-byte TCP header
  std::vector<uint8_t> b = encode_frame(p);
  ASSERT_EQ(b.size(), p.wire_bytes());
  EXPECT_EQ(b[34 + 12] >> 4, 10);  // data offset: 10 words = 40 bytes, no data
  EXPECT_EQ(b[34 + 13], sim::tcp_flag::kSyn);
  EXPECT_EQ(b[34 + 20], 2);  // first option: MSS
  EXPECT_EQ(u16(b, 34 + 22), 1460);
  EXPECT_EQ(l4_sum(b, p), 0);
  EXPECT_EQ(internet_checksum(std::span<const uint8_t>(b).subspan(14, 20)), 0);
}

TEST(FrameEncoder, RstAckAndUdpChecksumsVerifyWithThePseudoHeader) {
  sim::Packet rst = ipv4(sim::IpProto::Tcp);
  rst.tcp = sim::TcpHeader{23, 40000, sim::tcp_flag::kRst | sim::tcp_flag::kAck, 0, 4097};
  std::vector<uint8_t> b = encode_frame(rst);
  ASSERT_EQ(b.size(), 54u);
  EXPECT_EQ(l4_sum(b, rst), 0);
  EXPECT_EQ(u16(b, 34 + 14), 0);  // a reset advertises no window

  sim::Packet udp = ipv4(sim::IpProto::Udp);
  udp.udp = sim::UdpHeader{40000, 33434};
  udp.payload_bytes = 32;
  std::vector<uint8_t> u = encode_frame(udp);
  ASSERT_EQ(u.size(), 74u);  // traceroute's 60-byte packet
  EXPECT_EQ(u16(u, 34 + 4), 40);
  EXPECT_NE(u16(u, 34 + 6), 0);  // a UDP checksum of 0 would mean "none"
  EXPECT_EQ(l4_sum(u, udp), 0);
}

TEST(FrameEncoder, TimeExceededQuotesTheProbeAsItWasSent) {
  sim::Packet probe = ipv4(sim::IpProto::Udp);
  probe.ip.ttl = 1;
  probe.udp = sim::UdpHeader{40000, 33434};
  probe.payload_bytes = 32;
  std::vector<uint8_t> original = encode_frame(probe);

  sim::Packet err = ipv4(sim::IpProto::Icmp);
  err.ip.src = ip("192.168.0.1");
  err.ip.dst = ip("192.168.0.10");
  err.icmp = sim::IcmpHeader{sim::icmp::kTimeExceeded, 0, 0, 0};
  err.has_quote = true;
  err.quote.ip = probe.ip;
  err.quote.total_length = 60;
  err.quote.src_port = 40000;
  err.quote.dst_port = 33434;
  std::vector<uint8_t> b = encode_frame(err);
  ASSERT_EQ(b.size(), err.wire_bytes());
  ASSERT_EQ(b.size(), 70u);
  EXPECT_EQ(b[34], 11);
  EXPECT_EQ(internet_checksum(std::span<const uint8_t>(b).subspan(34)), 0);
  // The quoted IP header and 8 bytes of UDP are those of the probe, byte for byte.
  EXPECT_EQ(std::vector<uint8_t>(b.begin() + 42, b.end()),
            std::vector<uint8_t>(original.begin() + 14, original.begin() + 14 + 28));
}

}  // namespace
}  // namespace vpcsim::cli
