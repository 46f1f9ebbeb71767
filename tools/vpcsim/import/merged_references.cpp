#include "tools/vpcsim/import/merged_references.hpp"

#include <algorithm>

namespace vpcsim::importer {

MergedAssignment assign_merged_references(const std::vector<UnknownGroupRule>& rules,
                                          const std::vector<std::string>& references) {
  MergedAssignment out;
  out.groups.resize(rules.size());
  std::vector<std::string> distinct;
  for (const std::string& r : references) {
    if (std::find(distinct.begin(), distinct.end(), r) == distinct.end()) distinct.push_back(r);
  }
  size_t must = 0;
  for (const UnknownGroupRule& r : rules) must += r.has_other_source ? 0 : 1;
  const size_t maybe = rules.size() - must;

  if (distinct.empty()) {
    for (size_t i = 0; i < rules.size(); ++i) {
      if (!rules[i].has_other_source) out.unresolved.push_back(i);
    }
    return out;
  }
  // Rules that differ only in their sources add up to the same whatever the
  // pairing: giving each all the groups allows exactly what the plan allows.
  bool same_shape = std::all_of(rules.begin(), rules.end(), [&](const UnknownGroupRule& r) {
    return r.protocol == rules.front().protocol && r.ports == rules.front().ports;
  });
  if (same_shape || distinct.size() > 1) {
    out.ambiguous = !same_shape;
    for (auto& g : out.groups) g = distinct;
    return out;
  }
  // One group: each block naming it added one occurrence to the list.
  size_t spare = references.size() > must ? references.size() - must : 0;
  bool maybes_get_it = spare >= maybe;
  out.ambiguous = spare > 0 && spare < maybe;
  for (size_t i = 0; i < rules.size(); ++i) {
    if (!rules[i].has_other_source || maybes_get_it || out.ambiguous) out.groups[i] = distinct;
  }
  return out;
}

}  // namespace vpcsim::importer
