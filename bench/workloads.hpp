#pragma once
// The three workloads of the performance issue, defined exactly as there so the
// ratio against ns-3 (bench/peer/ns3) is fair, shared by vpcsim_bench (the
// BM_Workload_* benchmarks) and vpcsim_workload (one run per process, for
// bench/compare, printing the same JSON line as ns3_peer):
//   LAN ping     K hosts on one learning switch (1 Gbps, 1 us cables), host i
//                pings host (i+1) mod K 1000 times every 10 ms from
//                1 s + i*10ms/K; ARP caches empty; stop at 1 s + 10 s + 1 s
//   routed ping  left host - R routers - right host (point-to-point, 1 Gbps,
//                1 us), static routes; 10,000 pings every 1 ms, then one
//                traceroute that must list R+1 hops
//   build sites  load + validate + lower the generated topology of
//                bench/sites_plan.hpp, then one ping across two routers
// Each checks its outcome (every reply arrived) and says what went wrong.
#include <cstdint>
#include <string>

namespace vpcsim::bench {

struct WorkloadResult {
  double wall_s = 0;  // building and running, as ns3_peer measures its side
  uint64_t events = 0;
  uint64_t replies = 0, expected_replies = 0;
  uint64_t nodes = 0;
  bool ok = false;
  std::string note;  // why not ok
  // Build sites only: the phases, and the peak resident size reached in each.
  double load_s = 0, validate_s = 0, lower_s = 0, probe_s = 0;
  double load_peak_rss = 0, validate_peak_rss = 0, lower_peak_rss = 0, probe_peak_rss = 0;
};

[[nodiscard]] WorkloadResult run_lan_ping(uint32_t hosts);
[[nodiscard]] WorkloadResult run_routed_ping(uint32_t routers);
// `xml_path` holds sites_xml(SitesPlan::for_nodes(nodes)) (see sites_file()).
[[nodiscard]] WorkloadResult run_build_sites(uint64_t nodes, const std::string& xml_path);

// Writes the generated topology for `nodes` to the temporary directory, once per
// process, and returns its path: the build workload reads it as `vpcsim` would.
[[nodiscard]] const std::string& sites_file(uint64_t nodes);

}  // namespace vpcsim::bench
