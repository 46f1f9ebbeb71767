#pragma once
// ScenarioRunner: runs a validated scenario's probes and table checks in
// document order on one simulation whose state (ARP caches, MAC tables) carries
// over, and compares each result with its expectations. Knows nothing about how
// results are printed beyond the tool text it keeps for --verbose.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/simulation.hpp"
#include "tools/vpcsim/cli_common.hpp"
#include "topology/scenario_spec.hpp"

namespace vpcsim::cli {

struct ItemOutcome {
  uint32_t line = 0;
  std::string type;  // ping|traceroute|telnet|ssh|table
  std::string from, to;
  std::string via;  // ssh: the jump host, if any
  std::optional<uint16_t> port;
  std::string expect;                 // as written (tables: "has ...; lacks ...")
  std::string result;                 // actual verdict (tables: the table's content)
  std::optional<std::string> reason;  // actual public reason code
  bool passed = false;
  std::vector<std::string> mismatches;  // one sentence per unmet expectation
  std::string explanation;              // the decisive drop, in a sentence
  std::optional<sim::DeviceId> drop_device;  // where that drop happened (for `vpcsim report`)
  std::string tool_output;              // as the real tool would print it
  std::string label;                    // "ping h1 -> h2", "telnet app -> db:3306"
  // The scenario steps before this item and the probe's own faults, as applied:
  // "t=12.000s: link r1:eth1 -- r2:eth0 went down" (docs/faults.md).
  std::vector<std::string> faults;
  // The routers of a routing loop or the ports of an L2 loop the packets went round.
  std::vector<std::string> loop;
};

struct ScenarioOutcome {
  std::string name, file;
  std::vector<ItemOutcome> items;
  [[nodiscard]] int passed() const;
  [[nodiscard]] int failed() const;
};

// Sees the simulation after each probe run, with the index of the scenario
// item it belongs to (an ssh through a bastion runs twice): for `check --pcap`
// and `vpcsim report`, which read the run's journey.
using RunObserver = std::function<void(size_t item, const sim::Simulation& sim)>;

// Runs `scenario` on `topology` (both validated).
[[nodiscard]] ScenarioOutcome run_scenario(const topo::ScenarioSpec& scenario,
                                           LoadedTopology& topology,
                                           const RunObserver& observer = {});

}  // namespace vpcsim::cli
