#pragma once
// ScenarioCheck: one scenario crosschecked. Each item of the scenario, in
// document order, once in the simulator (the scenario runner of `vpcsim check`,
// run beforehand) and once in the emulated network (run here, in the same
// order, so ARP caches, MAC tables and NAT tables carry over on both sides),
// then the two observations compared. Fault steps (<fail>, <restore>, <wait>)
// and a probe's own faults are replayed on the emulation (FaultReplay) and
// table checks read the kernel's tables (table_check.hpp). Skipped: items
// crosscheck cannot run (a probe type without a real tool here, an item of an
// unknown kind), and everything after a step the emulation cannot reproduce
// (the two networks' states part there). A difference the emulation makes on
// purpose (a broadcast storm, which it prevents with STP) is "by-design", not a
// disagreement, and the rest of the scenario is skipped likewise. See
// docs/crosscheck.md.
#include <optional>
#include <string>
#include <vector>

#include "tools/vpcsim/crosscheck/comparison.hpp"
#include "tools/vpcsim/crosscheck/fault_replay.hpp"
#include "tools/vpcsim/crosscheck/kernel_side.hpp"
#include "tools/vpcsim/crosscheck/real_probe.hpp"
#include "tools/vpcsim/crosscheck/simulator_side.hpp"
#include "tools/vpcsim/scenario_runner.hpp"
#include "topology/lower.hpp"
#include "topology/scenario_spec.hpp"

namespace vpcsim::crosscheck {

enum class Status : uint8_t { Agree, Disagree, ByDesign, Skipped };
// "agree", "disagree", "by-design", "skipped"
[[nodiscard]] std::string_view status_name(Status s);

struct ProbeCheck {
  uint32_t line = 0;
  std::string type;   // ping | traceroute | telnet | ssh | table
  std::string label;  // as `vpcsim check` names it: "telnet app -> db:3306"
  Status status = Status::Skipped;
  std::string skip_reason;  // skipped: why; by-design: which documented difference
  SimulatorSide simulator;
  KernelSide kernel;
  std::vector<Difference> differences;
  // Commands that carried out the fault steps before it and its own faults.
  std::vector<std::string> fault_commands;
};

struct ScenarioCheck {
  std::string name, file;
  std::string emulation;             // the namespaces' common prefix, "vsx-lan-ports-"
  std::optional<std::string> error;  // the emulation could not be built: nothing compared
  std::vector<ProbeCheck> probes;
  [[nodiscard]] int count(Status s) const;
};

// Compares `simulated` (run_scenario of `scenario`) with real runs through
// `runner`. The scenario must be the one `simulated` ran, item for item.
// Without `kernel.faults`, fault steps and table checks are not compared
// (skipped, as is everything after a step).
[[nodiscard]] ScenarioCheck check_scenario(const topo::ScenarioSpec& scenario,
                                           const cli::ScenarioOutcome& simulated,
                                           const topo::LoweredTopology& topology,
                                           const NamespaceOf& namespace_of,
                                           const StepRunner& runner,
                                           const KernelControl& kernel = {});

}  // namespace vpcsim::crosscheck
