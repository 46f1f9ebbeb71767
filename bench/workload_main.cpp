// vpcsim_workload: one run of one workload of the performance issue
// (bench/workloads.hpp) in its own lean process, printing the same JSON line
// as bench/peer/ns3's ns3_peer, so bench/compare can put the two side by side:
// wall_s, events, replies, expected_replies, peak_rss, rss_start, nodes, ok.
// Peak RSS is the process's, and this process holds nothing else (no
// benchmark library, no other workload), as ns3_peer holds only ns-3.
#include <boost/program_options.hpp>

#include <algorithm>
#include <cstdio>
#include <iostream>

#include "bench/rss.hpp"
#include "bench/workloads.hpp"
#include "sim/core/huge_pages.hpp"

namespace po = boost::program_options;
using namespace vpcsim::bench;

int main(int argc, char** argv) {
  po::options_description opts(
      "Usage: vpcsim_workload --workload=lan|routed|sites --size=N\n\n"
      "Runs one workload of the performance issue once and prints one JSON line.\n"
      "  lan     N hosts on one switch, each pings the next 1000 times (N = 64, 512)\n"
      "  routed  10,000 pings across N routers, then a traceroute (N = 8, 64)\n"
      "  sites   load, validate and lower a generated topology of N nodes, one ping\n"
      "          (N = 10000, 65000, 1000000)\n\n"
      "Examples:\n"
      "  vpcsim_workload --workload=lan --size=64\n"
      "  vpcsim_workload --workload=sites --size=1000000\n\n"
      "Options");
  std::string workload;
  uint64_t size = 0;
  opts.add_options()("help,h", "show this help")("workload", po::value<std::string>(&workload),
                                                 "lan, routed or sites")(
      "size", po::value<uint64_t>(&size), "hosts (lan), routers (routed) or nodes (sites)");
  try {
    po::variables_map vm;
    po::store(po::parse_command_line(argc, argv, opts), vm);
    po::notify(vm);
    if (vm.count("help")) {
      std::cout << opts << "\n";
      return 0;
    }
  } catch (const po::error& e) {
    std::cerr << "vpcsim_workload: " << e.what() << "\n";
    return 2;
  }
  if (workload != "lan" && workload != "routed" && workload != "sites") {
    std::cerr << "vpcsim_workload: give --workload=lan|routed|sites and --size=N (see --help)\n";
    return 2;
  }
  // The addressing plans' limits: a /16 of hosts, a 10.(1+k).0.0/30 per chain link.
  const uint64_t max_size = workload == "lan" ? 65000 : workload == "routed" ? 250 : 16'000'000;
  if (size == 0 || size > max_size) {
    std::cerr << "vpcsim_workload: --size must be 1-" << max_size << " for " << workload << "\n";
    return 2;
  }
  // The topology file is written before the clock and the memory baseline start.
  const std::string* xml = workload == "sites" ? &sites_file(size) : nullptr;
  // As the vpcsim command line does for a big file (the restarted process writes the
  // file again, before the clock starts).
  if (xml && vpcsim::is_big_input(xml->c_str())) vpcsim::restart_with_huge_page_malloc(argv);
  reset_peak_rss();
  const double rss_start = current_rss_bytes();
  WorkloadResult r = workload == "lan"      ? run_lan_ping(uint32_t(size))
                     : workload == "routed" ? run_routed_ping(uint32_t(size))
                                            : run_build_sites(size, *xml);
  // The build resets the high-water mark per phase (to report each): take the max.
  const double peak = std::max(
      {peak_rss_bytes(), r.load_peak_rss, r.validate_peak_rss, r.lower_peak_rss, r.probe_peak_rss});
  std::printf(
      "{\"side\": \"vpcsim\", \"workload\": \"%s\", \"size\": %llu, \"wall_s\": %.6f, "
      "\"events\": %llu, \"replies\": %llu, \"expected_replies\": %llu, \"peak_rss\": %.0f, "
      "\"rss_start\": %.0f, \"nodes\": %llu, \"ok\": %s, \"note\": \"%s\"",
      workload.c_str(), static_cast<unsigned long long>(size), r.wall_s,
      static_cast<unsigned long long>(r.events), static_cast<unsigned long long>(r.replies),
      static_cast<unsigned long long>(r.expected_replies), peak, rss_start,
      static_cast<unsigned long long>(r.nodes), r.ok ? "true" : "false", r.note.c_str());
  if (workload == "sites") {
    std::printf(
        ", \"load_s\": %.6f, \"validate_s\": %.6f, \"lower_s\": %.6f, \"probe_s\": %.6f, "
        "\"load_peak_rss\": %.0f, \"validate_peak_rss\": %.0f, \"lower_peak_rss\": %.0f",
        r.load_s, r.validate_s, r.lower_s, r.probe_s, r.load_peak_rss, r.validate_peak_rss,
        r.lower_peak_rss);
  }
  std::printf("}\n");
  return r.ok ? 0 : 1;
}
