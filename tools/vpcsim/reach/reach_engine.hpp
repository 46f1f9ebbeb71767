#pragma once
// The reachability engine behind `vpcsim reach` and `vpcsim diff`: every
// selected source probes every selected target (ping, and a TCP connect per port
// the target accepts), each probe independent of all others (IsolatedProber), on
// several threads. Endpoints are the nodes people run services on: VPC
// instances, classic hosts and internet hosts (not routers, switches or gateways).
//
// Grouped (the default), one probe per pair of endpoint classes stands for all
// their member pairs (EndpointGrouping), run on the plan reduced to the classes'
// representatives. Direct (no grouping, or explanations asked for), every pair is
// probed on the whole plan, so an explanation names that pair's own addresses.
// Both give the same results, whatever the number of threads: the tests compare
// them on every bundled scenario and on random plans.
//
// Callable on any validated plan (a LoadedTopology), e.g. by importers.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "tools/vpcsim/cli_common.hpp"
#include "tools/vpcsim/reach/reach_matrix.hpp"

namespace vpcsim::cli {

// --port: which probes to run. Empty: all.
struct ProbeFilter {
  bool icmp = false;
  std::vector<std::pair<uint16_t, uint16_t>> tcp;  // inclusive port ranges
  [[nodiscard]] bool allows(ProbeKey k) const;
  // "icmp,22,8000-8100" (also "ping" for icmp); throws UsageError naming the bad item.
  [[nodiscard]] static ProbeFilter parse(const std::string& text);
};

struct ReachOptions {
  std::vector<std::string> from, to;  // endpoint names or globs (* ? [..]); empty: all
  std::optional<ProbeFilter> probes;  // empty: ping and every accepted TCP port
  unsigned threads = 0;               // 0: std::thread::hardware_concurrency()
  bool group = true;                  // false: probe every pair on the whole plan
  bool explain = false;               // fill explanations (probes every pair directly)
  // Called on the calling thread now and then while probes run (for a progress line).
  std::function<void(uint64_t done, uint64_t total)> progress;
};

// The matrix of `topology` (validated and lowered). Throws UsageError when a
// --from/--to name or pattern matches no endpoint.
[[nodiscard]] ReachMatrix compute_reach(const LoadedTopology& topology,
                                        const ReachOptions& options);
[[nodiscard]] ReachMatrix compute_reach(const topo::TopologySpec& spec,
                                        const topo::LoweredTopology& lowered,
                                        const ReachOptions& options);

// The endpoints a matrix has rows for: instances, hosts, internet hosts (with an address).
[[nodiscard]] bool is_reach_endpoint(const topo::Endpoint& ep);

}  // namespace vpcsim::cli
