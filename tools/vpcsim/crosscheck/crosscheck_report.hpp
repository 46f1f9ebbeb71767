#pragma once
// The crosscheck report. Text: per scenario a header naming the emulation,
// one line per probe ("agree", "DISAGREE", "by-design" or "skipped") with the label `vpcsim
// check` gives it and both sides' verdicts and reason classes; under each
// disagreement its differences, the real commands and what they printed; a
// count per scenario and a closing total. JSON: the same as one document.
#include <iosfwd>
#include <vector>

#include <nlohmann/json.hpp>

#include "tools/vpcsim/crosscheck/scenario_check.hpp"

namespace vpcsim::crosscheck {

void print_scenario_text(const ScenarioCheck& check, std::ostream& out);
void print_total_text(const std::vector<ScenarioCheck>& checks, std::ostream& out);

// {"agreed", "disagreed", "by_design", "skipped", "errors", "scenarios": [{"name",
//  "file", "emulation", "error", "agreed", "disagreed", "by_design", "skipped", "probes": [{"line",
//  "type", "label", "status", "skip_reason", "simulator": {...}, "kernel": {...},
//  "differences": [{"what", "simulator", "kernel", "note"}]}]}]}
[[nodiscard]] nlohmann::ordered_json report_json(const std::vector<ScenarioCheck>& checks);

}  // namespace vpcsim::crosscheck
