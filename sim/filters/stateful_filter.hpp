#pragma once
// StatefulFilter: the security groups of one interface, acting as one filter
// whose rules are the union of all its groups' (allow-only) rules, plus
// connection tracking. An allowed TCP/UDP/ICMP-echo packet records its tuple as
// first seen and direction; the reverse tuple in the opposite direction then
// passes without a rule (a reply). An ICMP error whose quoted datagram is a
// tracked tuple (either orientation) passes as related; any other packet needs a
// rule. Denied packets are never tracked.
// Not modelled: connection expiry or TCP state (a tracked connection lives until
// `clear_tracking`), untracked flows, tracking limits, ICMP type/code filters.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "sim/filters/filter_rule.hpp"
#include "sim/net/flow_tuple.hpp"
#include "sim/net/packet.hpp"

namespace vpcsim::sim {

class StatefulFilter {
 public:
  // Groups are tried in the order added, so a verdict names the first allowing
  // group. Every rule must be an allow rule.
  void add_group(std::string group_name, std::vector<FilterRule> inbound,
                 std::vector<FilterRule> outbound);

  enum class Basis : uint8_t {
    Rule,     // a rule of `group` allowed it
    Tracked,  // the reply direction of a tracked connection
    Related,  // an ICMP error about a tracked connection
    Denied,   // no rule allows it
    Exempt,   // traffic with an address security groups never filter (the VPC's DNS server)
  };
  struct Verdict {
    bool allowed = false;
    Basis basis = Basis::Denied;
    std::string group;                 // Basis::Rule only
    const FilterRule* rule = nullptr;  // Basis::Rule only; points into this filter
  };
  // `inbound`: the packet arrives at the interface; otherwise it leaves it.
  // Not const: an allowed new connection is tracked. The packet must be IP.
  [[nodiscard]] Verdict check(const Packet& pkt, bool inbound);
  // One line naming the basis, e.g.
  // "security group web-sg on web (inbound): rule 2 allows tcp/80 from 0.0.0.0/0",
  // "security group db-sg on db (inbound): no rule allows tcp/3306 from 10.0.1.10".
  [[nodiscard]] std::string explain(const Verdict& v, const Packet& pkt, bool inbound,
                                    const std::string& instance) const;

  // Traffic to or from `peer` passes without a rule: AWS does not filter the
  // Amazon DNS server (VPC base+2) with security groups (docs/dns.md).
  void exempt(Ipv4Addr peer, std::string why) { exempt_.push_back({peer, std::move(why)}); }

  // In the order added.
  [[nodiscard]] std::vector<std::string> group_names() const;
  [[nodiscard]] size_t tracked_connections() const { return tracked_.size(); }
  void clear_tracking() { tracked_.clear(); }

 private:
  struct Group {
    std::string name;
    std::vector<FilterRule> inbound, outbound;
  };
  // Direction bits of a tracked tuple: the direction(s) it was first seen in.
  static constexpr uint8_t kSeenInbound = 1, kSeenOutbound = 2;

  [[nodiscard]] bool is_tracked(const FlowTuple& t) const { return tracked_.count(t) != 0; }

  std::vector<Group> groups_;
  std::vector<std::pair<Ipv4Addr, std::string>> exempt_;
  // Ordered, so any future listing is deterministic. Keyed by the tuple as first
  // seen; the value says in which direction(s) it was allowed.
  std::map<FlowTuple, uint8_t> tracked_;
};

}  // namespace vpcsim::sim
