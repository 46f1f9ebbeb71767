#pragma once
// StatelessAcl: a network ACL. Each direction is a list of numbered allow/deny
// rules tried lowest number first; the first match decides and a packet no rule
// matches is denied (the implicit "rule *"). Stateless: every packet, replies and
// ICMP errors included, is judged on its own, so replies need their own rules
// (typically an ephemeral port range). `allow_all` is the default NACL.
// Rules with equal numbers keep their declared order (validation rejects them).
// Not modelled: IPv6 rules, ICMP type/code filters, rule count limits.
#include <string>
#include <vector>

#include "sim/filters/filter_rule.hpp"
#include "sim/net/packet.hpp"

namespace vpcsim::sim {

class StatelessAcl {
 public:
  StatelessAcl(std::string name, std::vector<FilterRule> inbound,
               std::vector<FilterRule> outbound);
  // Allows everything in both directions; its verdicts name no rule.
  [[nodiscard]] static StatelessAcl allow_all(std::string name);

  struct Verdict {
    bool allowed = false;
    // The deciding rule, pointing into this ACL; nullptr for the implicit final
    // deny and for every verdict of an allow-all ACL.
    const FilterRule* rule = nullptr;
  };
  // `inbound`: the packet enters the subnet; otherwise it leaves it.
  [[nodiscard]] Verdict check(const Packet& pkt, bool inbound) const;
  // "NACL app-acl rule 200 (deny) matched inbound",
  // "NACL app-acl: no inbound rule matches: implicit deny (rule *)".
  [[nodiscard]] std::string explain(const Verdict& v, bool inbound) const;

  [[nodiscard]] const std::string& name() const { return name_; }
  [[nodiscard]] bool allows_all() const { return allow_all_; }
  // The rules of one direction, sorted by number.
  [[nodiscard]] const std::vector<FilterRule>& rules(bool inbound) const {
    return inbound ? inbound_ : outbound_;
  }

 private:
  std::string name_;
  std::vector<FilterRule> inbound_, outbound_;
  bool allow_all_ = false;
};

}  // namespace vpcsim::sim
