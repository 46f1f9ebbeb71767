#pragma once
// RealProbe: a scenario probe as the real tools run it inside the emulated
// network: the program, its arguments and the namespace of the node it runs
// on. Pure (nothing runs here), so the mapping is unit-tested without root.
//   ping        ping -n -c COUNT -W 4 [-t TTL] IP
//   traceroute  traceroute -n -q 1 -N 1 -w 4 -m MAX [-I | -T -p PORT | -p PORT] [--sport=N] IP
//   telnet      nc -z -v -w 5 [-p SPORT] [-M TTL] IP PORT
//   ssh         nc to the port (22) directly, or two legs through a bastion:
//               nc from the source to the bastion's port 22, then, when that
//               opened, nc from the bastion to the target as the bastion sees it
// IP is the target as the source names it (split horizon, the simulator's own
// resolution). Why these options (wait times covering ARP's 3 s, one traceroute
// probe at a time, ...) is in docs/crosscheck.md.
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tools/vpcsim/emulate/command_runner.hpp"
#include "topology/lower.hpp"
#include "topology/scenario_spec.hpp"

namespace vpcsim::crosscheck {

enum class Tool : uint8_t { Ping, Traceroute, Nc };

struct RealStep {
  Tool tool = Tool::Ping;
  std::string node;   // the node it runs on
  std::string netns;  // that node's namespace
  std::string target_ip;
  std::vector<std::string> argv;  // run inside `netns`
  std::chrono::milliseconds
      limit{};  // the runner kills it past this (the tool's own wait + margin)
  // Faults of the probe, run while the tool runs, timed from its start.
  std::vector<emulate::TimedCommand> during;
};

// Steps in order; each after the first runs only when the previous one opened
// (ssh through a bastion).
struct RealProbe {
  std::vector<RealStep> steps;
};

// A node's namespace in the emulation; nullopt when the node has none.
using NamespaceOf = std::function<std::optional<std::string>(std::string_view node)>;

// Throws std::runtime_error naming the node when a node the probe needs has no
// namespace, or the probe's type when no real tool runs it here. `topology`
// resolves the names (as `vpcsim check` does).
[[nodiscard]] RealProbe real_probe(const topo::ProbeSpec& probe,
                                   const topo::LoweredTopology& topology,
                                   const NamespaceOf& namespace_of);

// Why the probe is not run in the emulation, or nullopt when it is: a probe
// type with no real tool here (dig, curl, ...), or a name that only DNS
// resolves (the emulation runs no name server).
[[nodiscard]] std::optional<std::string> not_run_here(const topo::ProbeSpec& probe,
                                                      const topo::LoweredTopology& topology);

// "ip netns exec NS ARGV..." shell-quoted, for reports and --keep sessions.
[[nodiscard]] std::string command_line(const RealStep& step);

}  // namespace vpcsim::crosscheck
