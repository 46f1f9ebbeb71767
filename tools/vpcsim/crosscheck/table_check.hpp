#pragma once
// Table checks (<table kind="mac|arp">) compared with the kernel's tables: for
// each name the check lists (has and lacks together), whether the simulator's
// table holds it, and where, against the same read from the emulation:
//   mac  `bridge fdb show br br0` in the switch's namespace: the node's MACs
//        learned (not the bridge's own, permanent entries) and on which port
//        (pN, numbered as the simulator numbers them);
//   arp  `ip neigh show` in the node's namespace: the IP resolved (any state
//        with an address: REACHABLE, STALE, DELAY, PROBE, PERMANENT; not
//        INCOMPLETE or FAILED) and to which MAC.
// What the check does not list is not compared: the kernel may hold entries
// of its own (its timers differ), which say nothing about the lesson.
#include <string>

#include "tools/vpcsim/crosscheck/fault_replay.hpp"
#include "tools/vpcsim/crosscheck/observation.hpp"
#include "tools/vpcsim/crosscheck/real_probe.hpp"
#include "tools/vpcsim/scenario_runner.hpp"
#include "topology/scenario_spec.hpp"

namespace vpcsim::crosscheck {

struct TableObservations {
  Observation simulator, kernel;
  std::vector<std::string> commands;  // what the kernel side ran
  std::string output;                 // what it printed
};

// nullopt and `why` when the table cannot be read from the emulation.
[[nodiscard]] std::optional<TableObservations> observe_table(const topo::TableCheckSpec& table,
                                                             const cli::ItemOutcome& simulated,
                                                             const KernelControl& kernel,
                                                             const NamespaceOf& namespace_of,
                                                             std::string& why);

// The pieces, for the unit tests: "MAC (owner) on pN, ..." of the scenario
// runner, `bridge fdb show` and `ip neigh show` read into name -> where.
[[nodiscard]] std::map<std::string, std::string> simulator_macs(const std::string& result);
[[nodiscard]] std::map<std::string, std::string> simulator_arp(const std::string& result);
[[nodiscard]] std::map<std::string, std::string> kernel_fdb(const std::string& output);
[[nodiscard]] std::map<std::string, std::string> kernel_neighbours(const std::string& output);

}  // namespace vpcsim::crosscheck
