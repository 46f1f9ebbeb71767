// The workloads of the performance issue (bench/workloads.hpp) as benchmarks:
//   BM_Workload_LanPing/<hosts>      K hosts on one switch, each pings the next
//   BM_Workload_RoutedPing/<routers> 10,000 pings across a chain, then a traceroute
//   BM_Workload_BuildSites/<nodes>   load + validate + lower a generated topology,
//                                    then one ping proves it works
//   BM_XmlLoad/<nodes>               the XML loader alone, bytes/s (wall time)
//   BM_XmlLoadOneThread/<nodes>      the same with one reader thread
// Each workload reports events, events/s (also as items/s), replies and the
// peak RSS of the process while it ran, and fails (SkipWithError) when its
// check fails. The small sizes (LanPing/8, RoutedPing/2, BuildSites/100) are
// the CI smoke run's. bench/compare runs the same workloads through
// vpcsim_workload instead, one per process, against ns-3.
#include <benchmark/benchmark.h>

#include "bench/rss.hpp"
#include "bench/sites_plan.hpp"
#include "bench/sites_xml.hpp"
#include "bench/workloads.hpp"
#include "topology/xml_loader.hpp"

namespace vpcsim::bench {
namespace {

// Runs `run` once per iteration and reports the counters every workload has:
// events (one executed entry of the event queue) and events/s, replies, the
// process's peak resident size during the benchmark (peak_rss; rss_start is
// the resident size when it began) and items/s as events/s.
template <typename Run>
WorkloadResult run_workload(benchmark::State& state, Run&& run) {
  reset_peak_rss();
  const double rss_start = current_rss_bytes();
  WorkloadResult last;
  for (auto _ : state) {
    last = run();
    if (!last.ok) {
      state.SkipWithError(last.note.c_str());
      break;
    }
  }
  state.SetItemsProcessed(int64_t(last.events) * state.iterations());
  state.counters["events"] = double(last.events);
  state.counters["events_per_second"] =
      benchmark::Counter(double(last.events), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["replies"] = double(last.replies);
  state.counters["rss_start"] = rss_start;
  state.counters["peak_rss"] = peak_rss_bytes();
  return last;
}

void BM_Workload_LanPing(benchmark::State& state) {
  run_workload(state, [hosts = uint32_t(state.range(0))] { return run_lan_ping(hosts); });
}
BENCHMARK(BM_Workload_LanPing)->Arg(8)->Arg(64)->Arg(512)->Unit(benchmark::kMillisecond);

void BM_Workload_RoutedPing(benchmark::State& state) {
  run_workload(state, [routers = uint32_t(state.range(0))] { return run_routed_ping(routers); });
}
BENCHMARK(BM_Workload_RoutedPing)->Arg(2)->Arg(8)->Arg(64)->Unit(benchmark::kMillisecond);

// S sites x H hosts (bench/sites_plan.hpp), read from a file generated before
// the timed loop. Also reports the phases' times and peaks, and the memory per
// node: (peak RSS - RSS before) / nodes.
void BM_Workload_BuildSites(benchmark::State& state) {
  const uint64_t nodes = uint64_t(state.range(0));
  const std::string& path = sites_file(nodes);
  const WorkloadResult r = run_workload(state, [&] { return run_build_sites(nodes, path); });
  const double peak =
      std::max({r.load_peak_rss, r.validate_peak_rss, r.lower_peak_rss, r.probe_peak_rss});
  const SitesPlan plan = SitesPlan::for_nodes(nodes);
  state.SetItemsProcessed(int64_t(plan.nodes()) * state.iterations());  // nodes built per second
  state.counters["nodes"] = double(plan.nodes());
  state.counters["links"] = double(plan.links());
  state.counters["load_s"] = r.load_s;
  state.counters["validate_s"] = r.validate_s;
  state.counters["lower_s"] = r.lower_s;
  state.counters["probe_s"] = r.probe_s;
  state.counters["load_peak_rss"] = r.load_peak_rss;
  state.counters["validate_peak_rss"] = r.validate_peak_rss;
  state.counters["lower_peak_rss"] = r.lower_peak_rss;
  state.counters["peak_rss"] = peak;
  state.counters["bytes_per_node"] = (peak - state.counters["rss_start"]) / double(plan.nodes());
}
BENCHMARK(BM_Workload_BuildSites)->Arg(100)->Arg(10000)->Arg(65000)->Unit(benchmark::kMillisecond);

// The XML loader alone (parse + vocabulary and value checks into a TopologySpec)
// on the generated topology, from memory: bytes/s is its parsing speed.
// Loads the generated topology from memory with `options`; bytes/s by wall time.
void load_sites_xml(benchmark::State& state, const topo::LoadOptions& options) {
  const SitesPlan plan = SitesPlan::for_nodes(uint64_t(state.range(0)));
  const std::string xml = sites_xml(plan);
  for (auto _ : state) {
    topo::Diagnostics diags;
    auto spec = topo::load_topology_string(xml, "sites.xml", diags, options);
    if (!spec || diags.has_errors()) {
      state.SkipWithError("the generated topology does not load cleanly");
      break;
    }
    benchmark::DoNotOptimize(spec);
    // Freeing the result is not loading: a run of vpcsim keeps it to the end.
    state.PauseTiming();
    spec.reset();
    state.ResumeTiming();
  }
  state.SetBytesProcessed(int64_t(xml.size()) * state.iterations());
  state.counters["nodes"] = double(plan.nodes());
}

// As vpcsim loads a file: the devices of a big network read on every core.
// Measured by wall time (UseRealTime), as the helper threads' work is not the
// main thread's CPU time.
void BM_XmlLoad(benchmark::State& state) { load_sites_xml(state, topo::LoadOptions{}); }
BENCHMARK(BM_XmlLoad)->Arg(100)->Arg(65000)->Unit(benchmark::kMillisecond)->UseRealTime();

// The same on one thread, for comparison (and for one-core machines).
void BM_XmlLoadOneThread(benchmark::State& state) {
  topo::LoadOptions one_thread;
  one_thread.reader_threads = 1;
  load_sites_xml(state, one_thread);
}
BENCHMARK(BM_XmlLoadOneThread)->Arg(100)->Arg(65000)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace vpcsim::bench
