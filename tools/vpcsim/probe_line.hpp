#pragma once
// ProbeLine: a probe written as on the command line, "ping pc1 srv -c 2",
// "traceroute h1 h2 -I", "telnet app db 3306", "ssh client app -J bastion",
// "curl client https://api.example.net/ -H 'Host: x' -L", for options that take
// a probe (`show --after`, `graph --highlight`). Parsed with
// Boost.Program_options (tokens split as a Unix shell would), run on an
// existing simulation, so tables and paths are those the probe leaves behind.
// TO may be a DNS name: it is looked up first, in the simulation, from the
// source (ssh -J: from the jump host) as the probe commands do (dns_resolve.hpp).
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
  std::string text;                        // as written
  std::string type;                        // ping | traceroute | telnet | ssh | curl
  std::string from, to, via;               // curl: `to` is the URL
  int count = 1;                           // ping -c
  int ttl = 64;                            // ping -t
  int max_hops = 30;                       // traceroute -m
  std::string mode = "udp";                // traceroute: udp | icmp (-I) | tcp (-T)
  std::optional<int> port;                 // telnet PORT, ssh/traceroute -p
  std::optional<std::string> host_header;  // curl -H 'Host: NAME'
  bool follow = false;                     // curl -L
};

struct ProbeLineOutcome {
  bool success = false;  // replied / reached / connected
  // reachable | unreachable | open | refused | timeout; curl: response | ...;
  // unresolved when TO was a DNS name that did not resolve
  std::string verdict;
  std::optional<sim::ProbeReason> reason;
  std::string caption;  // "ping pc1 -> srv: reachable"
};

// Throws UsageError naming `option` on a malformed probe.
[[nodiscard]] ProbeLine parse_probe_line(const std::string& text, const std::string& option);

// Runs the probe; `after_run` sees the simulation after each run (a name
// lookup, each leg of an ssh through a bastion, each request of curl -L).
// Throws UsageError for an unknown node or a URL curl would reject; a name
// that does not resolve is an outcome ("unresolved", with the lookup's reason).
ProbeLineOutcome run_probe_line(sim::Simulation& sim, const topo::TopologySpec& spec,
                                const topo::LoweredTopology& topology, const ProbeLine& probe,
                                const std::function<void(const sim::Simulation&)>& after_run = {});

}  // namespace vpcsim::cli
