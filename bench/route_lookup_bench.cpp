// Longest-prefix match, BM_RouteLookup_<Impl>/<routes>, for every route table
// implementation on the same random tables: prefixes of mixed lengths /8-/32
// (fixed seed), a fresh random destination address for each lookup. Items are
// lookups. The targets: >= 50M lookups/s on 500,000 routes, >= 5x
// Linear on 1,000 (bench/compare takes Range for both, the fastest here).
#include <benchmark/benchmark.h>

#include <random>

#include "sim/tables/dir248_route_table.hpp"
#include "sim/tables/range_route_table.hpp"
#include "sim/tables/route_table.hpp"

namespace vpcsim::bench {
namespace {

template <sim::RouteLookup Table>
void fill_random(Table& t, int64_t routes) {
  std::mt19937_64 rng(7);
  for (int64_t i = 0; i < routes; ++i) {
    uint8_t len = uint8_t(8 + rng() % 25);
    t.add(sim::RouteEntry{.dst = sim::Prefix::of(sim::Ipv4Addr{uint32_t(rng())}, len),
                          .target = uint32_t(i)});
  }
}

// Destinations from xorshift32 (Marsaglia, 2003): a few cycles each, no memory
// of its own, and every lookup a new spot of the table, as traffic to
// everywhere. (Until 2026-12 the benchmark cycled through 65,536 addresses: a
// DIR-24-8 table then reads only 4 MiB of lines, which a big L3 cache kept or
// not depending on the neighbours on the host; bench/README.md.)
template <sim::RouteLookup Table>
void run_lookups(benchmark::State& state, const Table& t) {
  uint32_t x = 11;
  uint64_t found = 0;
  for (auto _ : state) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    const sim::RouteEntry* r = t.lookup(sim::Ipv4Addr{x});
    found += r != nullptr;
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["routes"] = double(t.size());
  state.counters["hit_ratio"] = double(found) / double(state.iterations());
}

void BM_RouteLookup_Linear(benchmark::State& state) {
  sim::RouteTable t;
  fill_random(t, state.range(0));
  run_lookups(state, t);
}
BENCHMARK(BM_RouteLookup_Linear)->Arg(16)->Arg(1000);

void BM_RouteLookup_Dir248(benchmark::State& state) {
  sim::Dir248RouteTable t;
  fill_random(t, state.range(0));
  state.counters["groups"] = double(t.groups());
  run_lookups(state, t);
}
BENCHMARK(BM_RouteLookup_Dir248)->Arg(16)->Arg(1000)->Arg(500000);

void BM_RouteLookup_Range(benchmark::State& state) {
  sim::RangeRouteTable t;
  fill_random(t, state.range(0));
  t.commit();
  state.counters["tree_KiB"] = double(t.tree_bytes()) / 1024;
  run_lookups(state, t);
}
BENCHMARK(BM_RouteLookup_Range)->Arg(16)->Arg(1000)->Arg(500000);

}  // namespace
}  // namespace vpcsim::bench
