#pragma once
// FilterRule: one rule of a packet filter (a NACL entry or a security-group
// permission), already lowered to addresses: group references arrive expanded to
// their members' /32s. Matching compares the protocol, the packet's DESTINATION
// port (in both directions, as AWS does, which is why NACLs need an ephemeral
// port range for replies) and the remote peer (source inbound, destination
// outbound). `label` and `source` only serve explanations.
// Not modelled: ICMP type/code filters (an ICMP rule matches every ICMP
// message), prefix lists, IPv6.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/net/packet.hpp"
#include "sim/net/prefix.hpp"

namespace vpcsim::sim {

enum class RuleProto : uint8_t { All, Tcp, Udp, Icmp };

// "all", "tcp", "udp", "icmp".
[[nodiscard]] std::string_view name(RuleProto p);

struct FilterRule {
  uint32_t number = 0;  // NACL rule number; for SG rules the 1-based position in its group
  bool allow = true;    // SG rules are always allow
  RuleProto proto = RuleProto::All;
  uint16_t port_lo = 0, port_hi = 65535;  // Tcp/Udp only, compared with the destination port
  std::vector<Prefix> peers;  // empty matches nothing (a group reference with no members)
  std::string label;          // e.g. "tcp/22 from 198.51.100.10/32", given by the caller
  std::string source;         // "file.xml:12:7", may be empty
  bool operator==(const FilterRule&) const = default;

  // `inbound`: the packet arrives at the filtered interface, so its source is
  // the peer; otherwise its destination is. Non-IP packets never match.
  [[nodiscard]] bool matches(const Packet& pkt, bool inbound) const;
};

}  // namespace vpcsim::sim
