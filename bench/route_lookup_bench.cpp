// Longest-prefix match, BM_RouteLookup_<Impl>/<routes>, for every route table
// implementation on the same random tables: prefixes of mixed lengths /8-/32
// (fixed seed), random destination addresses. Items are lookups. The issue's
// targets: Dir248 >= 50M lookups/s on 500,000 routes, >= 5x Linear on 1,000.
#include <benchmark/benchmark.h>

#include <random>

#include "sim/tables/dir248_route_table.hpp"
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

// 64k random addresses (a power of two, so the index is a mask), more than any
// cache line reuse could hide, fewer than would make the address array itself
// the bottleneck.
std::vector<sim::Ipv4Addr> random_addresses() {
  std::mt19937_64 rng(11);
  std::vector<sim::Ipv4Addr> out(65536);
  for (auto& a : out) a = sim::Ipv4Addr{uint32_t(rng())};
  return out;
}

template <sim::RouteLookup Table>
void run_lookups(benchmark::State& state, const Table& t) {
  const std::vector<sim::Ipv4Addr> addresses = random_addresses();
  size_t i = 0;
  uint64_t found = 0;
  for (auto _ : state) {
    const sim::RouteEntry* r = t.lookup(addresses[i++ & 65535]);
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

}  // namespace
}  // namespace vpcsim::bench
