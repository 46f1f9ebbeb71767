#include "sim/filters/stateful_filter.hpp"

#include <utility>

#include "sim/core/check.hpp"

namespace vpcsim::sim {
namespace {

const char* direction(bool inbound) { return inbound ? "inbound" : "outbound"; }

// "tcp/3306", "udp/53", "icmp": what a rule would have to allow.
std::string traffic(const Packet& pkt) {
  if (pkt.is_tcp()) return "tcp/" + std::to_string(pkt.tcp.dst_port);
  if (pkt.is_udp()) return "udp/" + std::to_string(pkt.udp.dst_port);
  if (pkt.is_icmp()) return "icmp";
  return "ip proto " + std::to_string(static_cast<int>(pkt.ip.proto));
}

}  // namespace

void StatefulFilter::add_group(std::string group_name, std::vector<FilterRule> inbound,
                               std::vector<FilterRule> outbound) {
  for (const auto* rules : {&inbound, &outbound}) {
    for (const FilterRule& r : *rules) {
      VPCSIM_CHECK(r.allow, "security group rules are allow rules");
    }
  }
  groups_.push_back({std::move(group_name), std::move(inbound), std::move(outbound)});
}

StatefulFilter::Verdict StatefulFilter::check(const Packet& pkt, bool inbound) {
  VPCSIM_CHECK(pkt.is_ip(), "security groups filter IP packets only");
  for (const auto& [peer, why] : exempt_) {
    if ((inbound ? pkt.ip.src : pkt.ip.dst) == peer) return {true, Basis::Exempt, {}, nullptr};
  }
  if (pkt.is_icmp_error()) {
    // An error about a tracked connection may come from any router on its path,
    // so only the quoted datagram relates it, in whichever orientation it was.
    auto quoted = FlowTuple::of_quote(pkt);
    if (quoted && (is_tracked(*quoted) || is_tracked(quoted->reversed()))) {
      return {true, Basis::Related, {}, nullptr};
    }
  }
  auto tuple = FlowTuple::of(pkt);
  const uint8_t dir = inbound ? kSeenInbound : kSeenOutbound;
  const uint8_t opposite = inbound ? kSeenOutbound : kSeenInbound;
  if (tuple) {
    // A reply travels the opposite way of the packet that opened the connection;
    // the same tuple in the same direction would be spoofed or forwarded traffic.
    auto it = tracked_.find(tuple->reversed());
    if (it != tracked_.end() && (it->second & opposite) != 0) {
      return {true, Basis::Tracked, {}, nullptr};
    }
  }
  for (const Group& g : groups_) {
    for (const FilterRule& r : inbound ? g.inbound : g.outbound) {
      if (!r.matches(pkt, inbound)) continue;
      if (tuple) tracked_[*tuple] |= dir;
      return {true, Basis::Rule, g.name, &r};
    }
  }
  return {false, Basis::Denied, {}, nullptr};
}

std::string StatefulFilter::explain(const Verdict& v, const Packet& pkt, bool inbound,
                                    const std::string& instance) const {
  auto head = [&](const std::string& groups) {
    std::string s = "security group ";
    if (!groups.empty()) s += groups + " ";
    return s + "on " + instance + " (" + direction(inbound) + "): ";
  };
  switch (v.basis) {
    case Basis::Rule:
      VPCSIM_CHECK(v.rule != nullptr, "a Rule verdict names its rule");
      return head(v.group) + "rule " + std::to_string(v.rule->number) + " allows " + v.rule->label;
    case Basis::Tracked: {
      auto t = FlowTuple::of(pkt);
      return head({}) + "reply of a tracked connection" + (t ? " (" + t->str() + ")" : "");
    }
    case Basis::Related: {
      auto t = FlowTuple::of_quote(pkt);
      return head({}) + "ICMP error about a tracked connection" + (t ? " (" + t->str() + ")" : "");
    }
    case Basis::Exempt:
      for (const auto& [peer, why] : exempt_) {
        if ((inbound ? pkt.ip.src : pkt.ip.dst) == peer) return head({}) + why;
      }
      break;
    case Basis::Denied:
      break;
  }
  std::string groups;
  for (const Group& g : groups_) groups += (groups.empty() ? "" : ", ") + g.name;
  std::string peer = inbound ? "from " + pkt.ip.src.str() : "to " + pkt.ip.dst.str();
  return head(groups) + "no rule allows " + traffic(pkt) + " " + peer;
}

std::vector<std::string> StatefulFilter::group_names() const {
  std::vector<std::string> names;
  names.reserve(groups_.size());
  for (const Group& g : groups_) names.push_back(g.name);
  return names;
}

}  // namespace vpcsim::sim
