#pragma once
// A scenario file and its topology, loaded and validated together so that one
// run reports every problem of both (DESIGN.md section 4): the scenario's syntax
// errors, its names checked against the topology, and the topology's own
// diagnostics. Used by the commands that run scenarios (`check`).
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "tools/vpcsim/cli_common.hpp"
#include "topology/scenario_spec.hpp"

namespace vpcsim::cli {

struct LoadedScenario {
  topo::ScenarioSpec spec;
  LoadedTopology topology;
};

// Prints every diagnostic of `file` to `err` in reading order, then, when the
// topology it names has errors, the topology's (its warnings alone are left to
// `vpcsim lint`). Returns nothing when there is any error (nothing may run).
[[nodiscard]] std::optional<LoadedScenario> load_scenario_input(const std::string& file,
                                                                std::ostream& err);

// Loads every file with load_scenario_input, printing all their diagnostics to
// stderr, and throws InputRejected (exit 2) when any has an error: all files are
// checked before anything runs (`check`, `crosscheck`).
[[nodiscard]] std::vector<LoadedScenario> load_scenario_inputs(
    const std::vector<std::string>& files);

}  // namespace vpcsim::cli
