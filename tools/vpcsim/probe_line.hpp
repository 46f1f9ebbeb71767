#pragma once
// ProbeLine: a probe written as on the command line, "ping pc1 srv -c 2",
// "traceroute h1 h2 -I", "telnet app db 3306", "ssh client app -J bastion",
// for options that take a probe (`show --after`, `graph --highlight`). Parsed
// with Boost.Program_options (tokens split as a Unix shell would), run on an
// existing simulation, so tables and paths are those the probe leaves behind.
// Defaults differ from the commands in one place: ping sends 1 request unless
// -c says otherwise (one is enough to fill tables and draw a path).
#include <functional>
#include <optional>
#include <string>

#include "sim/core/simulation.hpp"
#include "sim/probes/probe_common.hpp"
#include "topology/lower.hpp"

namespace vpcsim::cli {

struct ProbeLine {
  std::string text;  // as written
  std::string type;  // ping | traceroute | telnet | ssh
  std::string from, to, via;
  int count = 1;       // ping -c
  int ttl = 64;        // ping -t
  int max_hops = 30;   // traceroute -m
  std::string mode = "udp";  // traceroute: udp | icmp (-I) | tcp (-T)
  std::optional<int> port;   // telnet PORT, ssh/traceroute -p
};

struct ProbeLineOutcome {
  bool success = false;  // replied / reached / connected
  std::string verdict;   // reachable | unreachable | open | refused | timeout
  std::optional<sim::ProbeReason> reason;
  std::string caption;   // "ping pc1 -> srv: reachable"
};

// Throws UsageError naming `option` on a malformed probe.
[[nodiscard]] ProbeLine parse_probe_line(const std::string& text, const std::string& option);

// Runs the probe; `after_run` sees the simulation after each run (an ssh through
// a bastion runs twice). Throws UsageError for an unknown node.
ProbeLineOutcome run_probe_line(sim::Simulation& sim, const topo::LoweredTopology& topology,
                                const ProbeLine& probe,
                                const std::function<void(const sim::Simulation&)>& after_run = {});

}  // namespace vpcsim::cli
