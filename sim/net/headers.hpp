#pragma once
// Protocol headers as plain value structs. Only the fields the simulator reasons
// about are kept; bytes exist only where a feature needs them (pcap).
#include <cstdint>

#include "sim/net/ipv4_addr.hpp"
#include "sim/net/mac_addr.hpp"

namespace vpcsim::sim {

enum class EtherType : uint16_t { Ipv4 = 0x0800, Arp = 0x0806 };

struct EthernetHeader {
  MacAddr src, dst;
  EtherType type = EtherType::Ipv4;
};

enum class ArpOp : uint16_t { Request = 1, Reply = 2 };

struct ArpHeader {
  ArpOp op = ArpOp::Request;
  MacAddr sender_mac;
  Ipv4Addr sender_ip;
  MacAddr target_mac;
  Ipv4Addr target_ip;
};

enum class IpProto : uint8_t { Icmp = 1, Tcp = 6, Udp = 17 };

struct Ipv4Header {
  Ipv4Addr src, dst;
  uint8_t ttl = 64;
  IpProto proto = IpProto::Icmp;
  uint16_t ident = 0;
};

// TCP flags as on the wire.
namespace tcp_flag {
inline constexpr uint8_t kFin = 0x01, kSyn = 0x02, kRst = 0x04, kPsh = 0x08, kAck = 0x10;
}

struct TcpHeader {
  uint16_t src_port = 0, dst_port = 0;
  uint8_t flags = 0;
  uint32_t seq = 0, ack = 0;
};

struct UdpHeader {
  uint16_t src_port = 0, dst_port = 0;
};

namespace icmp {
inline constexpr uint8_t kEchoReply = 0, kDestUnreachable = 3, kEchoRequest = 8, kTimeExceeded = 11;
// Destination-unreachable codes.
inline constexpr uint8_t kNetUnreachable = 0, kHostUnreachable = 1, kPortUnreachable = 3,
                         kAdminProhibited = 13;
}  // namespace icmp

struct IcmpHeader {
  uint8_t type = icmp::kEchoRequest, code = 0;
  uint16_t id = 0, seq = 0;  // echo identifier and sequence number
};

// The start of the datagram an ICMP error refers to: its IP header and the first
// 8 bytes of its payload (ports, or the ICMP type/id/seq), as RFC 792 quotes them.
// NAT devices rewrite it on the way back; probes match errors to requests with it.
struct QuotedDatagram {
  Ipv4Header ip;
  uint16_t total_length = 0;  // of the quoted datagram as sent (IP header + payload), for pcap
  uint16_t src_port = 0, dst_port = 0;  // TCP/UDP
  IcmpHeader icmp;                      // ICMP
};

}  // namespace vpcsim::sim
