// The BOOTP/DHCP encoding (RFC 2131 section 2, RFC 2132) of sim::DhcpMessage,
// against vectors written out by hand from the RFCs' field tables.
#include <gtest/gtest.h>

#include <algorithm>

#include "sim/services/dhcp_message.hpp"

namespace vpcsim::sim {
namespace {

TEST(DhcpWire, DiscoverByteForByte) {
  DhcpMessage m;
  m.type = dhcp::kDiscover;
  m.xid = 0x01020304;
  m.client_mac = *MacAddr::parse("02:00:00:00:00:01");
  // RFC 2131 figure 1: 236 bytes of fixed fields, then the options.
  std::vector<uint8_t> want(244, 0);
  auto put = [&want](size_t at, std::initializer_list<uint8_t> bytes) {
    std::copy(bytes.begin(), bytes.end(), want.begin() + ptrdiff_t(at));
  };
  put(0, {0x01, 0x01, 0x06, 0x00});               // op BOOTREQUEST, htype Ethernet, hlen 6, hops
  put(4, {0x01, 0x02, 0x03, 0x04});               // xid
  put(8, {0x00, 0x00, 0x80, 0x00});               // secs, flags: broadcast
                                                  // 12-27: ciaddr, yiaddr, siaddr, giaddr: 0
  put(28, {0x02, 0x00, 0x00, 0x00, 0x00, 0x01});  // chaddr (then padding, sname, file: 0)
  put(236, {0x63, 0x82, 0x53, 0x63});             // magic cookie
  put(240, {53, 1, 1, 255});                      // DHCP message type DISCOVER; end
  EXPECT_EQ(wire_bytes(m), want);
  EXPECT_EQ(want.size(), 244u);
}

TEST(DhcpWire, OfferCarriesItsOptionsInOrder) {
  DhcpMessage m;
  m.type = dhcp::kOffer;
  m.xid = 0xdeadbeef;
  m.broadcast = false;
  m.client_mac = *MacAddr::parse("02:aa:bb:cc:dd:ee");
  m.your_ip = *Ipv4Addr::parse("192.168.0.100");
  m.server_id = Ipv4Addr::parse("192.168.0.1");
  m.lease_seconds = 43200;
  m.subnet_mask = Ipv4Addr::parse("255.255.255.0");
  m.router = Ipv4Addr::parse("192.168.0.1");
  m.dns = Ipv4Addr::parse("192.168.0.53");
  std::vector<uint8_t> b = wire_bytes(m);
  ASSERT_EQ(b.size(), 236u + 4 + 3 + 6 + 6 + 6 + 6 + 6 + 1);
  EXPECT_EQ(b[0], 2);  // BOOTREPLY
  EXPECT_EQ((std::vector<uint8_t>(b.begin() + 4, b.begin() + 8)),
            (std::vector<uint8_t>{0xde, 0xad, 0xbe, 0xef}));
  EXPECT_EQ(b[10], 0);  // flags: unicast
  EXPECT_EQ((std::vector<uint8_t>(b.begin() + 16, b.begin() + 20)),
            (std::vector<uint8_t>{192, 168, 0, 100}));  // yiaddr
  EXPECT_EQ((std::vector<uint8_t>(b.begin() + 28, b.begin() + 34)),
            (std::vector<uint8_t>{0x02, 0xaa, 0xbb, 0xcc, 0xdd, 0xee}));  // chaddr
  std::vector<uint8_t> options(b.begin() + 236, b.end());
  std::vector<uint8_t> want = {0x63, 0x82, 0x53, 0x63,              // cookie
                               53,   1,    2,                       // OFFER
                               54,   4,    192,  168,  0,    1,     // server identifier
                               51,   4,    0,    0,    0xa8, 0xc0,  // 43200 s
                               1,    4,    255,  255,  255,  0,     // subnet mask
                               3,    4,    192,  168,  0,    1,     // router
                               6,    4,    192,  168,  0,    53,    // DNS
                               255};
  EXPECT_EQ(options, want);
}

TEST(DhcpWire, RequestNamesTheAddressAndTheServer) {
  DhcpMessage m;
  m.type = dhcp::kRequest;
  m.requested_ip = Ipv4Addr::parse("10.1.2.3");
  m.server_id = Ipv4Addr::parse("10.1.2.1");
  std::vector<uint8_t> b = wire_bytes(m);
  EXPECT_EQ(b[0], 1);
  std::vector<uint8_t> options(b.begin() + 240, b.end());
  EXPECT_EQ(options, (std::vector<uint8_t>{53, 1, 3, 50, 4, 10, 1, 2, 3, 54, 4, 10, 1, 2, 1, 255}));
}

TEST(DhcpWire, Summaries) {
  DhcpMessage m;
  m.type = dhcp::kAck;
  m.xid = 0x3903f326;
  m.your_ip = *Ipv4Addr::parse("192.168.0.101");
  EXPECT_EQ(summary(m), "DHCP ACK 192.168.0.101, xid 0x3903f326");
  EXPECT_EQ(dhcp_type_name(dhcp::kNak), "NAK");
  EXPECT_EQ(dhcp_type_name(42), "type 42");
}

}  // namespace
}  // namespace vpcsim::sim
