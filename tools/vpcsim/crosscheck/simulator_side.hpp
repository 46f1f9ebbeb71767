#pragma once
// The simulator's side of a probe: the verdict and reason code of `vpcsim
// check`'s scenario runner, and the rest (reason class, hops, reply TTL, ICMP
// error source) read from the tool output it printed, with the same parsers as
// the real tools' output, so both sides are reduced the same way.
#include <optional>
#include <string>

#include "tools/vpcsim/crosscheck/observation.hpp"
#include "tools/vpcsim/scenario_runner.hpp"

namespace vpcsim::crosscheck {

struct SimulatorSide {
  Observation observation;
  std::optional<std::string> reason;  // the simulator's public reason code
  std::string explanation;            // its sentence
  // Set when the simulator contradicts itself: its tool output shows a class
  // its reason code does not allow, or parses to another verdict than it gave.
  std::optional<std::string> inconsistency;
};

[[nodiscard]] SimulatorSide simulator_side(const cli::ItemOutcome& item);

}  // namespace vpcsim::crosscheck
