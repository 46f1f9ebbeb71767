#pragma once
// Packet: one Ethernet frame as a flat, trivially copyable value. Which headers
// are meaningful follows from eth.type and ip.proto. Copying is cheap (no heap),
// so floods copy freely and the event queue's packet pool never allocates per
// frame once warm.
//
// `id` names the frame for traces (stable across copies of one flood); `flow`
// ties every packet a probe caused (its ARP, the reply, ICMP errors about it) to
// that probe, so --explain can show a probe's whole journey and nothing else.
#include <cstdint>
#include <string>
#include <type_traits>

#include "sim/net/headers.hpp"

namespace vpcsim::sim {

struct Packet {
  uint64_t id = 0;
  uint32_t flow = 0;  // 0: background traffic of no probe
  EthernetHeader eth;
  ArpHeader arp;           // eth.type == Arp
  Ipv4Header ip;           // eth.type == Ipv4
  TcpHeader tcp;           // ip.proto == Tcp
  UdpHeader udp;           // ip.proto == Udp
  IcmpHeader icmp;         // ip.proto == Icmp
  bool has_quote = false;  // ICMP error carrying `quote`
  QuotedDatagram quote;
  uint32_t payload_bytes = 0;  // L4 payload length (ping data, UDP probe data)
  // An application's message (DNS, DHCP, HTTP) in the simulation's
  // AppPayloadStore (sim/net/app_payload.hpp); 0: none, the payload is filler.
  uint32_t app = 0;

  [[nodiscard]] bool is_arp() const { return eth.type == EtherType::Arp; }
  [[nodiscard]] bool is_ip() const { return eth.type == EtherType::Ipv4; }
  [[nodiscard]] bool is_icmp() const { return is_ip() && ip.proto == IpProto::Icmp; }
  [[nodiscard]] bool is_tcp() const { return is_ip() && ip.proto == IpProto::Tcp; }
  [[nodiscard]] bool is_udp() const { return is_ip() && ip.proto == IpProto::Udp; }
  [[nodiscard]] bool is_icmp_error() const {
    return is_icmp() && (icmp.type == icmp::kDestUnreachable || icmp.type == icmp::kTimeExceeded);
  }
  // Bytes on the wire including the 14-byte Ethernet header (no FCS, no padding).
  [[nodiscard]] uint32_t wire_bytes() const;
  // One-line summary, tcpdump-like: "10.0.0.1 > 10.0.0.2: ICMP echo request, id 1, seq 1, ttl 64".
  [[nodiscard]] std::string summary() const;
  // Source and destination ports for TCP/UDP, 0 otherwise.
  [[nodiscard]] uint16_t src_port() const;
  [[nodiscard]] uint16_t dst_port() const;
};

static_assert(std::is_trivially_copyable_v<Packet>);

}  // namespace vpcsim::sim
