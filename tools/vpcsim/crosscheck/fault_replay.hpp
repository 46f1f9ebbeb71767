#pragma once
// FaultReplay: a scenario's <fail>, <restore> and <wait> steps (docs/faults.md)
// carried out on the emulated network, in scenario order, so that the probes
// after them are compared too. Faults become the emulation's own commands
// (emulate/fault_model.hpp: a switch port or cable end set down, a device's
// interfaces set down and its routes added back); a probe's own faults run at
// their times while its tool runs, and are undone after it, as the simulator
// does. Simulated time cannot pass for real: a wait (or a step's `at`) that
// ages every ARP entry (60 s) or every MAC entry of a switch (its aging)
// flushes those tables; one that ages none does nothing; one that would age
// some entries and not others cannot be reproduced, and the replay reports
// why (the rest of the scenario is then skipped).
#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "tools/vpcsim/emulate/command_runner.hpp"
#include "tools/vpcsim/emulate/fault_model.hpp"
#include "topology/scenario_spec.hpp"

namespace vpcsim::crosscheck {

// The emulated network as the replay and the table checks use it; tests
// replace `run` and `settle`.
struct KernelControl {
  const emulate::FaultModel* faults = nullptr;  // null: faults and tables are not compared
  std::vector<std::string> namespaces;          // every namespace of the emulation
  // Runs one command of the emulation (a fault, a flush, a table read).
  std::function<emulate::ExecResult(const std::vector<std::string>& argv)> run;
  // Waits after faults for carrier changes (and STP) to reach every end.
  std::function<void(std::chrono::milliseconds)> settle;
  // The scenario's link names as the simulator resolves them: the two ends
  // (node, port) of the link "r1:eth1" or "h2" names.
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> link_ends;
  // Simulated time (ns since the scenario began) after each item ran.
  std::vector<int64_t> time_after;
  // The MAC addresses of each node's interfaces ("02:..."), for MAC table checks.
  std::map<std::string, std::vector<std::string>> macs;
  // Names and addresses the emulation does not build (load balancers), with
  // what they are: a probe aimed at one is skipped.
  std::map<std::string, std::string> unemulated;
  // The topology has ip="dhcp" interfaces: the simulator's DHCP exchanges at
  // the start taught its switches (and servers) MACs; the emulation configures
  // the leases statically and sends no DHCP.
  bool dhcp_at_start = false;
};

class FaultReplay {
 public:
  explicit FaultReplay(const KernelControl& kernel);

  // Carries out the steps before an item; `now_ns` is the simulated time
  // before them and is moved on by their `at`s. Returns nullopt when done,
  // else why the emulation cannot follow (the two networks part there).
  // `ran` gets the commands run, as shell lines.
  // `aged_everything` is set when a step let so much time pass that every ARP
  // entry and every learned MAC has expired on both sides: what the two
  // networks had learned differently is gone, and they agree again.
  [[nodiscard]] std::optional<std::string> apply_steps(const std::vector<topo::StepSpec>& steps,
                                                       int64_t& now_ns,
                                                       std::vector<std::string>& ran,
                                                       bool* aged_everything = nullptr);

  // A probe's own faults as commands timed from the tool's start (nullopt and
  // `why` when one cannot be carried out), and the commands that put back what
  // they touched afterwards.
  struct ProbeFaults {
    std::vector<emulate::TimedCommand> during;
    std::vector<emulate::Command> undo;
  };
  [[nodiscard]] std::optional<ProbeFaults> probe_faults(const std::vector<topo::StepSpec>& faults,
                                                        std::string& why);
  // Runs commands now (then settles); false with the failing one in `why`.
  bool run(const std::vector<emulate::Command>& commands, std::vector<std::string>& ran,
           std::string& why);

 private:
  struct Target {
    bool link = true;
    size_t index = 0;
    std::string device;
  };
  std::optional<Target> target(const topo::StepSpec& step, std::string& why) const;
  std::vector<emulate::Command> set(const Target& t, bool down, emulate::FaultState& state) const;
  std::optional<std::string> let_time_pass(int64_t duration_ns, int64_t end_ns, uint32_t line,
                                           std::vector<emulate::Command>& flush) const;

  const KernelControl& kernel_;
  emulate::FaultState state_;
};

}  // namespace vpcsim::crosscheck
