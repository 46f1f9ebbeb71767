#include "sim/net/packet.hpp"

namespace vpcsim::sim {
namespace {

std::string tcp_flags_str(uint8_t f) {
  std::string s;
  if (f & tcp_flag::kSyn) s += 'S';
  if (f & tcp_flag::kFin) s += 'F';
  if (f & tcp_flag::kRst) s += 'R';
  if (f & tcp_flag::kPsh) s += 'P';
  if (f & tcp_flag::kAck) s += '.';
  return s.empty() ? "none" : s;
}

std::string icmp_str(const IcmpHeader& h) {
  switch (h.type) {
    case icmp::kEchoRequest:
      return "ICMP echo request, id " + std::to_string(h.id) + ", seq " + std::to_string(h.seq);
    case icmp::kEchoReply:
      return "ICMP echo reply, id " + std::to_string(h.id) + ", seq " + std::to_string(h.seq);
    case icmp::kTimeExceeded: return "ICMP time exceeded in-transit";
    case icmp::kDestUnreachable:
      switch (h.code) {
        case icmp::kNetUnreachable: return "ICMP net unreachable";
        case icmp::kHostUnreachable: return "ICMP host unreachable";
        case icmp::kPortUnreachable: return "ICMP port unreachable";
        case icmp::kAdminProhibited: return "ICMP host administratively prohibited";
        default: return "ICMP unreachable code " + std::to_string(h.code);
      }
    default: return "ICMP type " + std::to_string(h.type);
  }
}

}  // namespace

uint32_t Packet::wire_bytes() const {
  constexpr uint32_t kEth = 14, kArp = 28, kIp = 20, kIcmp = 8, kTcp = 20, kUdp = 8;
  if (is_arp()) return kEth + kArp;
  uint32_t l4 = ip.proto == IpProto::Tcp ? kTcp : ip.proto == IpProto::Udp ? kUdp : kIcmp;
  // An ICMP error carries the offending IP header plus 8 bytes of its payload.
  uint32_t quoted = has_quote ? kIp + 8 : 0;
  return kEth + kIp + l4 + quoted + payload_bytes;
}

uint16_t Packet::src_port() const {
  return is_tcp() ? tcp.src_port : is_udp() ? udp.src_port : 0;
}
uint16_t Packet::dst_port() const {
  return is_tcp() ? tcp.dst_port : is_udp() ? udp.dst_port : 0;
}

std::string Packet::summary() const {
  if (is_arp()) {
    if (arp.op == ArpOp::Request) {
      return "ARP who-has " + arp.target_ip.str() + " tell " + arp.sender_ip.str();
    }
    return "ARP reply " + arp.sender_ip.str() + " is-at " + arp.sender_mac.str();
  }
  std::string s = ip.src.str();
  if (is_tcp() || is_udp()) s += ":" + std::to_string(src_port());
  s += " > " + ip.dst.str();
  if (is_tcp() || is_udp()) s += ":" + std::to_string(dst_port());
  s += ": ";
  if (is_tcp()) {
    s += "TCP [" + tcp_flags_str(tcp.flags) + "]";
  } else if (is_udp()) {
    s += "UDP, length " + std::to_string(payload_bytes);
  } else {
    s += icmp_str(icmp);
  }
  return s + ", ttl " + std::to_string(ip.ttl);
}

}  // namespace vpcsim::sim
