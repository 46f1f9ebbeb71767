#include "sim/filters/stateless_acl.hpp"

#include <algorithm>
#include <utility>

namespace vpcsim::sim {
namespace {

void sort_by_number(std::vector<FilterRule>& rules) {
  // Stable, so equal numbers (invalid, but possible in a unit test) keep their
  // declared order instead of depending on the sort implementation.
  std::stable_sort(rules.begin(), rules.end(), [](const FilterRule& a, const FilterRule& b) {
    return a.number < b.number;
  });
}

const char* direction(bool inbound) { return inbound ? "inbound" : "outbound"; }

}  // namespace

StatelessAcl::StatelessAcl(std::string name, std::vector<FilterRule> inbound,
                           std::vector<FilterRule> outbound)
    : name_(std::move(name)), inbound_(std::move(inbound)), outbound_(std::move(outbound)) {
  sort_by_number(inbound_);
  sort_by_number(outbound_);
}

StatelessAcl StatelessAcl::allow_all(std::string name) {
  StatelessAcl acl(std::move(name), {}, {});
  acl.allow_all_ = true;
  return acl;
}

StatelessAcl::Verdict StatelessAcl::check(const Packet& pkt, bool inbound) const {
  if (allow_all_) return {true, nullptr};
  for (const FilterRule& r : rules(inbound)) {
    if (r.matches(pkt, inbound)) return {r.allow, &r};
  }
  return {false, nullptr};
}

std::string StatelessAcl::explain(const Verdict& v, bool inbound) const {
  std::string head = "NACL " + name_;
  if (v.rule != nullptr) {
    return head + " rule " + std::to_string(v.rule->number) +
           (v.rule->allow ? " (allow)" : " (deny)") + " matched " + direction(inbound);
  }
  if (v.allowed) return head + ": allows all " + direction(inbound) + " traffic";
  return head + ": no " + direction(inbound) + " rule matches: implicit deny (rule *)";
}

}  // namespace vpcsim::sim
