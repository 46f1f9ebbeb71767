#pragma once
// Inline rule blocks of a Terraform aws_security_group share one configuration
// expression, so the plan lists the references of all its ingress blocks (or all
// its egress blocks) as one merged list, e.g. [sg-a, sg-b, sg-a] for three blocks,
// while the planned rules (a set, in an order of Terraform's own) only say which
// rules have security_groups unknown until apply. after_unknown may even flag a
// rule that names no group. assign_merged_references decides which rule gets
// which groups:
// - rules that differ only in their sources (same protocol and ports) add up to
//   the same whatever the pairing: each gets every group, which is exact;
// - otherwise, with one distinct group: a rule with no other source (no CIDR, not
//   self) must name it; the others get it too when the list repeats it often
//   enough to cover them, and none when it does not repeat it at all;
// - anything else is ambiguous: each rule gets every group, which may allow more
//   than the plan does, and the caller warns.
#include <cstddef>
#include <string>
#include <vector>

#include "topology/spec.hpp"

namespace vpcsim::importer {

struct UnknownGroupRule {
  topo::Protocol protocol = topo::Protocol::All;
  topo::PortRange ports;
  bool has_other_source = false;  // CIDR blocks or self
};

struct MergedAssignment {
  std::vector<std::vector<std::string>> groups;  // per rule, in input order
  bool ambiguous = false;
  std::vector<size_t> unresolved;  // rules that must name a group and got none
};

// `references`: group keys in the order the configuration lists them (repeats kept).
[[nodiscard]] MergedAssignment assign_merged_references(const std::vector<UnknownGroupRule>& rules,
                                                        const std::vector<std::string>& references);

}  // namespace vpcsim::importer
