#pragma once
// Semantic validation of a loaded TopologySpec: names that must resolve, addresses
// that must fit their subnets, AWS rules (CIDR sizes, reserved addresses, route
// targets, NAT placement, peering) and classic-LAN wiring (link ends, gateways,
// L2 loops). Each finding has one stable kebab-case code; messages name the objects
// involved and point at the element's SourceLoc. Not checked here: anything that
// needs a simulation run (reachability, whether a probe would succeed).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "topology/diagnostics.hpp"
#include "topology/spec.hpp"

namespace vpcsim::topo {

// Every semantic problem of `spec`, unsorted (call `sort()` to get reading order).
// Meant for a spec that loaded without errors: the loader leaves broken elements
// out, so references to them would be reported again here as unknown names.
[[nodiscard]] Diagnostics validate(const TopologySpec& spec);

// The candidate closest to `name` by edit distance, if it is close enough to be a
// likely typo (at most 2 edits, a swap of neighbours counting as one, and fewer
// than half the name's length). Shared by the loader (element and attribute
// names) and validate (references) for "did you mean" notes; ties go to the
// candidate that sorts first.
[[nodiscard]] std::optional<std::string> closest_name(std::string_view name,
                                                      const std::vector<std::string>& candidates);

}  // namespace vpcsim::topo
