#pragma once
// Scenario files (DESIGN.md section 4): XML -> ScenarioSpec with syntax and type
// checks, then `validate_scenario` against the loaded topology (unknown nodes,
// expectations that do not fit the probe type, table checks on the wrong kind
// of node). Diagnostics as the topology loader's: FILE:LINE:COL, all at once.
#include <optional>
#include <string>
#include <string_view>

#include "topology/diagnostics.hpp"
#include "topology/scenario_spec.hpp"
#include "topology/spec.hpp"

namespace vpcsim::topo {

// Nothing when the XML cannot be parsed at all. When `diags` has errors, the spec
// still holds every probe and table check, some of them read only in part, so that
// validate_scenario can report their names too; such a spec must never be run.
[[nodiscard]] std::optional<ScenarioSpec> load_scenario_file(const std::string& path,
                                                             Diagnostics& diags);
[[nodiscard]] std::optional<ScenarioSpec> load_scenario_string(std::string_view xml,
                                                               const std::string& file_label,
                                                               Diagnostics& diags);
[[nodiscard]] Diagnostics validate_scenario(const ScenarioSpec& scenario,
                                            const TopologySpec& topology);

}  // namespace vpcsim::topo
