// Engine pieces: event queue and MAC table (route lookup, filters and NAT have
// their own files). Setup stays outside the timed loop; fixed seeds;
// items_per_second is the figure to compare.
#include <benchmark/benchmark.h>

#include <random>

#include "sim/core/event_queue.hpp"
#include "sim/tables/mac_table.hpp"

namespace vpcsim::bench {
namespace {

void BM_EventQueue_ScheduleRun(benchmark::State& state) {
  const int64_t n = state.range(0);
  std::mt19937_64 rng(42);
  std::vector<int64_t> times(static_cast<size_t>(n));
  for (auto& t : times) t = int64_t(rng() % 1'000'000);
  for (auto _ : state) {
    sim::EventQueue q;
    q.reserve(size_t(n));
    for (int64_t i = 0; i < n; ++i)
      q.push(sim::Event{sim::SimTime{times[size_t(i)]}, 0, sim::EventKind::Callback, 0, 0,
                        uint32_t(i)});
    uint64_t sum = 0;
    while (!q.empty()) sum += q.pop().c;
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * n);
}
BENCHMARK(BM_EventQueue_ScheduleRun)->Arg(1024)->Arg(65536);

void BM_MacTable_LearnLookup(benchmark::State& state) {
  const int64_t n = state.range(0);
  sim::MacTable table;
  for (int64_t i = 0; i < n; ++i)
    table.learn(sim::MacAddr{0x020000000000ULL + uint64_t(i)}, uint16_t(i % 48), sim::SimTime{});
  uint64_t i = 0;
  for (auto _ : state) {
    auto port =
        table.lookup(sim::MacAddr{0x020000000000ULL + (i++ % uint64_t(n))}, sim::SimTime{1});
    benchmark::DoNotOptimize(port);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_MacTable_LearnLookup)->Arg(64)->Arg(4096);

}  // namespace
}  // namespace vpcsim::bench
