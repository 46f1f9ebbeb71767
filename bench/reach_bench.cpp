// `vpcsim reach` on the generated VPC plan of the performance issue
// (bench/gen_vpc_plan.hpp): N instances in 100 subnets (N/10 when N < 1000; 100
// is the CI smoke size).
//   BM_Reach_VpcPlan/N              the whole command minus printing: XML text ->
//                                   load, validate, lower -> matrix, on every core
//   BM_Reach_VpcPlanThreads/N/T     the engine alone on T threads (thread scaling)
// Counters: endpoints, pairs and probes of the matrix, probes run (one per pair
// of groups and port), groups (classes of equivalent endpoints, docs/reach.md).
// Wall time (UseRealTime): the work is threaded.
#include <benchmark/benchmark.h>

#include <thread>

#include "bench/gen_vpc_plan.hpp"
#include "tools/vpcsim/reach/reach_engine.hpp"
#include "topology/validate.hpp"
#include "topology/xml_loader.hpp"

namespace vpcsim::bench {
namespace {

VpcPlanSize plan_size(int64_t instances) {
  return {uint32_t(instances),
          uint32_t(std::min<int64_t>(100, std::max<int64_t>(1, instances / 10)))};
}

cli::LoadedTopology load(const std::string& xml) {
  topo::Diagnostics diags;
  auto spec = topo::load_topology_string(xml, "vpc-plan.xml", diags);
  if (spec && !diags.has_errors()) diags.append(topo::validate(*spec));
  if (!spec || diags.has_errors()) throw std::runtime_error("generated plan:\n" + diags.render());
  cli::LoadedTopology t;
  t.spec = std::move(*spec);
  t.lowered = std::make_unique<topo::LoweredTopology>(topo::lower(t.spec));
  return t;
}

void report(benchmark::State& state, const cli::ReachMatrix& m) {
  cli::ReachMatrix::Totals t = m.totals();
  state.counters["endpoints"] = double(m.endpoints.size());
  state.counters["pairs"] = double(t.pairs);
  state.counters["probes"] = double(t.probes);
  state.counters["probes_run"] = double(m.probes_run);
  state.counters["groups"] = double(m.classes.size());
  state.counters["probes_run_per_s"] =
      benchmark::Counter(double(m.probes_run), benchmark::Counter::kIsIterationInvariantRate);
}

void BM_Reach_VpcPlan(benchmark::State& state) {
  const std::string xml = vpc_plan_xml(plan_size(state.range(0)));
  cli::ReachMatrix m;
  for (auto _ : state) {
    cli::LoadedTopology plan = load(xml);
    m = cli::compute_reach(plan, cli::ReachOptions{});
    benchmark::DoNotOptimize(m.cells.data());
  }
  report(state, m);
  state.counters["threads"] = double(std::max(std::thread::hardware_concurrency(), 1u));
}
BENCHMARK(BM_Reach_VpcPlan)
    ->Arg(100)
    ->Arg(1000)
    ->Arg(10000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_Reach_VpcPlanThreads(benchmark::State& state) {
  const cli::LoadedTopology plan = load(vpc_plan_xml(plan_size(state.range(0))));
  cli::ReachOptions options;
  options.threads = unsigned(state.range(1));
  cli::ReachMatrix m;
  for (auto _ : state) {
    m = cli::compute_reach(plan, options);
    benchmark::DoNotOptimize(m.cells.data());
  }
  report(state, m);
  state.counters["threads"] = double(options.threads);
}
BENCHMARK(BM_Reach_VpcPlanThreads)
    ->ArgsProduct({{100, 1000, 10000}, {1, 2, 4}})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
}  // namespace vpcsim::bench
