#include "sim/filters/filter_rule.hpp"

#include <algorithm>

namespace vpcsim::sim {

std::string_view name(RuleProto p) {
  switch (p) {
    case RuleProto::All: return "all";
    case RuleProto::Tcp: return "tcp";
    case RuleProto::Udp: return "udp";
    case RuleProto::Icmp: return "icmp";
  }
  return "unknown";
}

bool FilterRule::matches(const Packet& pkt, bool inbound) const {
  if (!pkt.is_ip()) return false;
  switch (proto) {
    case RuleProto::All: break;
    case RuleProto::Icmp:
      if (!pkt.is_icmp()) return false;
      break;
    case RuleProto::Tcp:
    case RuleProto::Udp: {
      bool proto_ok = proto == RuleProto::Tcp ? pkt.is_tcp() : pkt.is_udp();
      if (!proto_ok) return false;
      // AWS compares the destination port in both directions; a reply's
      // destination is the client's ephemeral port.
      uint16_t port = pkt.dst_port();
      if (port < port_lo || port > port_hi) return false;
      break;
    }
  }
  Ipv4Addr peer = inbound ? pkt.ip.src : pkt.ip.dst;
  return std::any_of(peers.begin(), peers.end(), [&](const Prefix& p) { return p.contains(peer); });
}

}  // namespace vpcsim::sim
