#pragma once
// Canonical text dump of a TopologySpec, for `vpcsim dump` and for golden tests
// of the loader: every value the loader understood, defaults included, one
// element per line, indented by nesting. Named siblings are sorted by name and
// rules by their key, so reordering a file's elements leaves the dump unchanged;
// links stay in file order because switch and hub ports are numbered in link
// order. Source locations are not shown (they are not part of the meaning).
// Services (DNS zones, load balancers, target groups, DHCP) come from
// dump_services.hpp, under the same rules.
#include <string>

#include "topology/spec.hpp"

namespace vpcsim::topo {

[[nodiscard]] std::string dump_topology(const TopologySpec& spec);

}  // namespace vpcsim::topo
