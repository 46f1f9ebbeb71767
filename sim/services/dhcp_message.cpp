#include "sim/services/dhcp_message.hpp"

#include <cstddef>
#include <cstdio>

namespace vpcsim::sim {
namespace {

void put16(std::vector<uint8_t>& b, uint16_t v) {
  b.push_back(uint8_t(v >> 8));
  b.push_back(uint8_t(v));
}

void put32(std::vector<uint8_t>& b, uint32_t v) {
  put16(b, uint16_t(v >> 16));
  put16(b, uint16_t(v));
}

void option_ip(std::vector<uint8_t>& b, uint8_t code, const std::optional<Ipv4Addr>& ip) {
  if (!ip) return;
  b.push_back(code);
  b.push_back(4);
  put32(b, ip->v);
}

void option_text(std::vector<uint8_t>& b, uint8_t code, const std::string& text) {
  if (text.empty()) return;
  const size_t n = text.size() < 255 ? text.size() : 255;  // an option holds at most 255 bytes
  b.push_back(code);
  b.push_back(uint8_t(n));
  b.insert(b.end(), text.begin(), text.begin() + ptrdiff_t(n));
}

}  // namespace

std::string dhcp_type_name(uint8_t type) {
  switch (type) {
    case dhcp::kDiscover:
      return "DISCOVER";
    case dhcp::kOffer:
      return "OFFER";
    case dhcp::kRequest:
      return "REQUEST";
    case dhcp::kDecline:
      return "DECLINE";
    case dhcp::kAck:
      return "ACK";
    case dhcp::kNak:
      return "NAK";
    case dhcp::kRelease:
      return "RELEASE";
    default:
      return "type " + std::to_string(type);
  }
}

std::string summary(const DhcpMessage& m) {
  char xid[16];
  std::snprintf(xid, sizeof xid, "0x%08x", m.xid);
  std::string s = "DHCP " + dhcp_type_name(m.type);
  if (m.type == dhcp::kOffer || m.type == dhcp::kAck) s += " " + m.your_ip.str();
  if (m.type == dhcp::kRequest && m.requested_ip) s += " " + m.requested_ip->str();
  if (m.type == dhcp::kDiscover || m.type == dhcp::kRequest) s += " from " + m.client_mac.str();
  return s + ", xid " + xid;
}

std::vector<uint8_t> wire_bytes(const DhcpMessage& m) {
  std::vector<uint8_t> b;
  b.reserve(300);
  b.push_back(m.op());
  b.push_back(1);  // htype: Ethernet
  b.push_back(6);  // hlen
  b.push_back(0);  // hops
  put32(b, m.xid);
  put16(b, 0);                                                                   // secs
  put16(b, m.broadcast ? 0x8000 : 0);                                            // flags
  put32(b, m.client_ip.v);                                                       // ciaddr
  put32(b, m.your_ip.v);                                                         // yiaddr
  put32(b, m.server_ip.v);                                                       // siaddr
  put32(b, 0);                                                                   // giaddr: no relay
  for (int i = 5; i >= 0; --i) b.push_back(uint8_t(m.client_mac.v >> (8 * i)));  // chaddr
  b.resize(b.size() + 10 + 64 + 128, 0);  // chaddr padding, sname, file
  put32(b, dhcp::kMagicCookie);
  b.insert(b.end(), {53, 1, m.type});
  option_ip(b, 50, m.requested_ip);
  option_ip(b, 54, m.server_id);
  if (m.lease_seconds) {
    b.insert(b.end(), {51, 4});
    put32(b, *m.lease_seconds);
  }
  option_ip(b, 1, m.subnet_mask);
  option_ip(b, 3, m.router);
  option_ip(b, 6, m.dns);
  option_text(b, 12, m.host_name);
  option_text(b, 15, m.domain_name);
  b.push_back(255);
  return b;
}

}  // namespace vpcsim::sim
