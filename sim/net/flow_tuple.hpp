#pragma once
// FlowTuple: the 5-tuple that identifies a connection for connection tracking
// (security groups) and NAT. For ICMP echo the identifier stands in for both
// ports, and the tuple keeps the message kind, so an echo reply is the exact reverse
// of its request's tuple while a request is never the reverse of another request
// (as in Linux conntrack: pinging your own public address from behind a 1:1 NAT
// makes an inbound request that must face the rules, not pass as a "reply").
// ICMP errors have no tuple of their own: trackers relate them to a connection
// through the datagram they quote (`of_quote`).
#include <compare>
#include <cstdint>
#include <optional>
#include <string>

#include "sim/net/packet.hpp"

namespace vpcsim::sim {

struct FlowTuple {
  IpProto proto = IpProto::Tcp;
  Ipv4Addr src, dst;
  uint16_t src_port = 0, dst_port = 0;  // ICMP echo: the identifier, twice
  uint8_t icmp_type = 0;                 // ICMP echo: request or reply; 0 for TCP and UDP
  auto operator<=>(const FlowTuple&) const = default;

  [[nodiscard]] FlowTuple reversed() const {
    return {proto, dst, src, dst_port, src_port,
            proto == IpProto::Icmp ? reply_type(icmp_type) : icmp_type};
  }
  // TCP, UDP and ICMP echo request/reply; nullopt for ARP and ICMP errors.
  [[nodiscard]] static std::optional<FlowTuple> of(const Packet& p) {
    if (!p.is_ip()) return std::nullopt;
    switch (p.ip.proto) {
      case IpProto::Tcp: return FlowTuple{p.ip.proto, p.ip.src, p.ip.dst, p.tcp.src_port, p.tcp.dst_port};
      case IpProto::Udp: return FlowTuple{p.ip.proto, p.ip.src, p.ip.dst, p.udp.src_port, p.udp.dst_port};
      case IpProto::Icmp:
        if (p.icmp.type != icmp::kEchoRequest && p.icmp.type != icmp::kEchoReply) return std::nullopt;
        return FlowTuple{p.ip.proto, p.ip.src, p.ip.dst, p.icmp.id, p.icmp.id, p.icmp.type};
    }
    return std::nullopt;
  }
  // The tuple of the datagram an ICMP error quotes (nullopt if it quotes an error).
  [[nodiscard]] static std::optional<FlowTuple> of_quote(const Packet& err) {
    if (!err.has_quote) return std::nullopt;
    const QuotedDatagram& q = err.quote;
    if (q.ip.proto == IpProto::Icmp) {
      if (q.icmp.type != icmp::kEchoRequest && q.icmp.type != icmp::kEchoReply) return std::nullopt;
      return FlowTuple{q.ip.proto, q.ip.src, q.ip.dst, q.icmp.id, q.icmp.id, q.icmp.type};
    }
    return FlowTuple{q.ip.proto, q.ip.src, q.ip.dst, q.src_port, q.dst_port};
  }
  // The message that answers an echo `type` (and the request a reply answers).
  [[nodiscard]] static constexpr uint8_t reply_type(uint8_t type) {
    if (type == icmp::kEchoRequest) return icmp::kEchoReply;
    if (type == icmp::kEchoReply) return icmp::kEchoRequest;
    return type;
  }
  // "tcp 10.0.2.10:40001 -> 10.0.1.20:22", "icmp 10.0.2.10 -> 8.8.8.8 id 7".
  [[nodiscard]] std::string str() const {
    if (proto == IpProto::Icmp) {
      return "icmp " + src.str() + " -> " + dst.str() + " id " + std::to_string(src_port);
    }
    std::string p = proto == IpProto::Tcp ? "tcp " : "udp ";
    return p + src.str() + ":" + std::to_string(src_port) + " -> " + dst.str() + ":" +
           std::to_string(dst_port);
  }
};

}  // namespace vpcsim::sim
