#include "tools/vpcsim/crosscheck/scenario_check.hpp"

#include <algorithm>
#include <stdexcept>
#include <variant>

namespace vpcsim::crosscheck {

std::string_view status_name(Status s) {
  switch (s) {
    case Status::Agree:
      return "agree";
    case Status::Disagree:
      return "disagree";
    case Status::ByDesign:
      return "by-design";
    case Status::Skipped:
      return "skipped";
  }
  return "skipped";
}

int ScenarioCheck::count(Status s) const {
  return int(std::count_if(probes.begin(), probes.end(),
                           [s](const ProbeCheck& p) { return p.status == s; }));
}

namespace {

// Simulator outcomes the emulation does not reproduce on purpose, with the
// documented reason (docs/crosscheck.md, "Where AWS and Linux differ by design").
std::optional<std::string> by_design(const SimulatorSide& sim) {
  if (sim.reason == "broadcast-storm") {
    return "the emulation runs STP on bridges that form a loop instead of letting a storm "
           "take the machine down";
  }
  return std::nullopt;
}

ProbeCheck skipped(const cli::ItemOutcome& item, std::string why) {
  ProbeCheck check;
  check.line = item.line;
  check.type = item.type;
  check.label = item.label;
  check.status = Status::Skipped;
  check.skip_reason = std::move(why);
  return check;
}

ProbeCheck check_probe(const topo::ProbeSpec& spec, const cli::ItemOutcome& simulated,
                       const topo::LoweredTopology& topology, const NamespaceOf& namespace_of,
                       const StepRunner& runner) {
  ProbeCheck check;
  check.line = simulated.line;
  check.type = simulated.type;
  check.label = simulated.label;
  check.simulator = simulator_side(simulated);
  RealProbe real;
  try {
    real = real_probe(spec, topology, namespace_of);
  } catch (const std::runtime_error& e) {
    check.status = Status::Skipped;
    check.skip_reason = e.what();
    return check;
  }
  check.kernel = run_real_probe(real, runner);
  check.differences = compare(check.simulator.observation, check.kernel.observation);
  // A simulator that contradicts itself is wrong whatever the kernel says.
  if (check.simulator.inconsistency) {
    check.differences.push_back({"simulator consistency", *check.simulator.inconsistency, "", ""});
  }
  check.status = check.differences.empty() ? Status::Agree : Status::Disagree;
  if (auto why = by_design(check.simulator); why && !check.differences.empty()) {
    check.status = Status::ByDesign;
    check.skip_reason = *why;
  }
  return check;
}

}  // namespace

ScenarioCheck check_scenario(const topo::ScenarioSpec& scenario,
                             const cli::ScenarioOutcome& simulated,
                             const topo::LoweredTopology& topology, const NamespaceOf& namespace_of,
                             const StepRunner& runner) {
  ScenarioCheck out;
  out.name = scenario.name;
  out.file = scenario.file;
  // Set once the two networks' states part: every later item is skipped with it.
  std::optional<std::string> diverged;
  const size_t n = std::min(scenario.items.size(), simulated.items.size());
  for (size_t i = 0; i < n; ++i) {
    const cli::ItemOutcome& item = simulated.items[i];
    const auto* probe = std::get_if<topo::ProbeSpec>(&scenario.items[i]);
    const auto* table = std::get_if<topo::TableCheckSpec>(&scenario.items[i]);
    const auto& steps = probe ? probe->steps_before : table->steps_before;
    if (!steps.empty() && !diverged) {
      diverged = "after the <fail>/<restore>/<wait> step at line " +
                 std::to_string(steps.front().loc.line) +
                 ", which the emulation does not reproduce";
    }
    if (diverged) {
      out.probes.push_back(skipped(item, *diverged));
    } else if (!probe) {
      out.probes.push_back(skipped(item, "table checks are not compared"));
    } else if (!probe->faults.empty()) {
      out.probes.push_back(skipped(item, "faults inside a probe are not reproduced"));
      diverged = "after the faults of the probe at line " + std::to_string(item.line);
    } else {
      out.probes.push_back(check_probe(*probe, item, topology, namespace_of, runner));
      if (out.probes.back().status == Status::ByDesign) {
        diverged = "after the by-design difference at line " + std::to_string(item.line);
      }
    }
  }
  return out;
}

}  // namespace vpcsim::crosscheck
