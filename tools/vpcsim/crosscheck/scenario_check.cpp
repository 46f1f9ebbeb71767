#include "tools/vpcsim/crosscheck/scenario_check.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <variant>

#include "tools/vpcsim/crosscheck/table_check.hpp"
#include "tools/vpcsim/emulate/shell_quote.hpp"

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
                       const StepRunner& runner,
                       const std::map<std::string, std::string>& unemulated,
                       const std::vector<emulate::TimedCommand>& during = {}) {
  ProbeCheck check;
  check.line = simulated.line;
  check.type = simulated.type;
  check.label = simulated.label;
  auto skip = [&check](std::string why) {
    check.status = Status::Skipped;
    check.skip_reason = std::move(why);
    return check;
  };
  auto unbuilt = [&unemulated](const std::string& target) -> std::optional<std::string> {
    auto it = unemulated.find(target);
    if (it == unemulated.end()) return std::nullopt;
    return "aimed at " + it->second + ", which the emulation does not build";
  };
  for (const std::string* name : {&spec.to, &spec.via}) {
    if (auto why = unbuilt(*name)) return skip(*why);
  }
  if (std::optional<std::string> why = not_run_here(spec, topology)) return skip(*why);
  RealProbe real;
  try {
    real = real_probe(spec, topology, namespace_of);
  } catch (const std::exception& e) {
    return skip(e.what());
  }
  if (auto why = unbuilt(real.steps.back().target_ip)) return skip(*why);
  check.simulator = simulator_side(simulated);
  if (!real.steps.empty()) real.steps.front().during = during;
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

ProbeCheck check_table(const topo::TableCheckSpec& spec, const cli::ItemOutcome& simulated,
                       const KernelControl& kernel, const NamespaceOf& namespace_of) {
  std::string why;
  std::optional<TableObservations> seen = observe_table(spec, simulated, kernel, namespace_of, why);
  if (!seen) return skipped(simulated, why);
  ProbeCheck check;
  check.line = simulated.line;
  check.type = simulated.type;
  check.label = simulated.label;
  check.simulator.observation = seen->simulator;
  check.kernel.observation = seen->kernel;
  check.kernel.commands = seen->commands;
  check.kernel.output = seen->output;
  if (seen->simulator.verdict != seen->kernel.verdict) {
    check.differences.push_back({"table", seen->simulator.verdict, seen->kernel.verdict, ""});
  }
  check.status = check.differences.empty() ? Status::Agree : Status::Disagree;
  if (!check.differences.empty() && kernel.dhcp_at_start) {
    check.status = Status::ByDesign;
    check.skip_reason =
        "the simulator's DHCP exchanges at the start filled its tables; the emulation "
        "configures the leases statically and sends no DHCP";
  }
  return check;
}

}  // namespace

ScenarioCheck check_scenario(const topo::ScenarioSpec& scenario,
                             const cli::ScenarioOutcome& simulated,
                             const topo::LoweredTopology& topology, const NamespaceOf& namespace_of,
                             const StepRunner& runner, const KernelControl& kernel) {
  ScenarioCheck out;
  out.name = scenario.name;
  out.file = scenario.file;
  std::optional<FaultReplay> replay;
  if (kernel.faults) replay.emplace(kernel);
  // Set once the two networks' states part: every later item is skipped with it.
  std::optional<std::string> diverged;
  // The parting is only in what the networks learned (a storm's poisoned MAC
  // tables): steps are still replayed, and a wait that ages every table on
  // both sides brings them back together.
  bool learned_only = false;
  int64_t now_ns = 0;  // simulated time before the item's steps
  const size_t n = std::min(scenario.items.size(), simulated.items.size());
  for (size_t i = 0; i < n; ++i) {
    const cli::ItemOutcome& item = simulated.items[i];
    const auto* probe = std::get_if<topo::ProbeSpec>(&scenario.items[i]);
    const auto* table = std::get_if<topo::TableCheckSpec>(&scenario.items[i]);
    if (!probe && !table) {
      // An item of a kind added after crosscheck was written.
      out.probes.push_back(skipped(item, "crosscheck does not compare this kind of item"));
      continue;
    }
    const auto& steps = probe ? probe->steps_before : table->steps_before;
    std::vector<std::string> ran;
    if (!steps.empty() && (!diverged || learned_only)) {
      bool aged_everything = false;
      if (!replay) {
        diverged = "after the <fail>/<restore>/<wait> step at line " +
                   std::to_string(steps.front().loc.line) + ", which is not replayed here";
      } else if (auto why = replay->apply_steps(steps, now_ns, ran, &aged_everything)) {
        diverged = *why;
        learned_only = false;
      } else if (diverged && aged_everything) {
        diverged.reset();
      }
    }
    if (i < kernel.time_after.size()) now_ns = kernel.time_after[i];
    if (diverged) {
      out.probes.push_back(skipped(item, *diverged));
    } else if (table) {
      out.probes.push_back(replay ? check_table(*table, item, kernel, namespace_of)
                                  : skipped(item, "table checks are not compared"));
    } else if (!probe->faults.empty()) {
      std::string why;
      std::optional<FaultReplay::ProbeFaults> faults;
      if (replay) faults = replay->probe_faults(probe->faults, why);
      if (!faults) {
        out.probes.push_back(
            skipped(item, replay ? why : "faults inside a probe are not replayed"));
        diverged = "after the faults of the probe at line " + std::to_string(item.line);
      } else {
        out.probes.push_back(check_probe(*probe, item, topology, namespace_of, runner,
                                         kernel.unemulated, faults->during));
        for (const emulate::TimedCommand& c : faults->during) {
          ran.push_back("(+" + std::to_string(c.at.count()) + " ms) " +
                        emulate::shell_line(c.argv));
        }
        if (!replay->run(faults->undo, ran, why)) diverged = why;
      }
    } else {
      out.probes.push_back(
          check_probe(*probe, item, topology, namespace_of, runner, kernel.unemulated));
    }
    out.probes.back().fault_commands = std::move(ran);
    // A storm poisons what the simulator learned from then on; DHCP's head start does not.
    if (out.probes.back().status == Status::ByDesign && probe) {
      diverged = "after the by-design difference at line " + std::to_string(item.line) +
                 ", until a wait has aged every ARP and MAC entry";
      learned_only = true;
    }
  }
  return out;
}

}  // namespace vpcsim::crosscheck
