// fuzz_probe: any bytes as a topology; when it loads and validates cleanly, it
// is lowered and one probe runs between two endpoints picked from the input: the
// first and the last endpoint in document order. Which probe (ping, traceroute
// or a TCP connect) and its count come from a hash of the input, so the choice
// is deterministic for a given input (a crash replays). Every run has a small
// event budget: a fuzzed L2 loop or routing loop must end with an
// `event-budget` reason, never a hang.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "sim/core/simulation.hpp"
#include "sim/probes/ping.hpp"
#include "sim/probes/tcp_connect.hpp"
#include "sim/probes/traceroute.hpp"
#include "topology/lower.hpp"
#include "topology/validate.hpp"
#include "topology/xml_loader.hpp"

namespace {

// Small enough that a broadcast storm ends in well under a second.
constexpr uint64_t kEventBudget = 50'000;

void require(bool ok) {
  if (!ok) std::abort();
}

// FNV-1a: a stable choice from the input bytes (std::hash is not specified).
uint64_t input_hash(std::string_view bytes) {
  uint64_t h = 1469598103934665603ULL;
  for (char c : bytes) h = (h ^ uint8_t(c)) * 1099511628211ULL;
  return h;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace vpcsim;
  std::string_view xml(reinterpret_cast<const char*>(data), size);
  topo::Diagnostics diags;
  auto spec = topo::load_topology_string(xml, "fuzz.xml", diags);
  if (!spec || diags.has_errors()) return 0;
  diags.append(topo::validate(*spec));
  if (diags.has_errors()) return 0;
  topo::LoweredTopology lowered = topo::lower(*spec);
  if (lowered.endpoints.empty()) return 0;
  const topo::Endpoint& from = lowered.endpoints.front();
  const topo::Endpoint& to = lowered.endpoints.back();
  auto dst = lowered.resolve(from, to.name);
  if (!dst) return 0;
  sim::Simulation sim(std::move(lowered.network));
  const uint64_t h = input_hash(xml);
  switch (h % 3) {
    case 0: {
      sim::PingOptions o;
      o.count = int(1 + (h >> 8) % 3);
      o.event_budget = kEventBudget;
      sim::PingResult r = sim::run_ping(sim, from.device, *dst, o);
      require(r.transmitted <= o.count);
      break;
    }
    case 1: {
      sim::TracerouteOptions o;
      o.max_hops = int(1 + (h >> 8) % 8);
      o.mode = sim::TracerouteMode((h >> 16) % 3);
      o.event_budget = kEventBudget;
      sim::TracerouteResult r = sim::run_traceroute(sim, from.device, *dst, o);
      require(int(r.hops.size()) <= o.max_hops);
      break;
    }
    default: {
      sim::ConnectOptions o;
      o.event_budget = kEventBudget;
      uint16_t port = to.listens.empty() ? 22 : to.listens.front().port;
      (void)sim::run_tcp_connect(sim, from.device, *dst, port, o);
      break;
    }
  }
  // The budget bounds the whole run, whatever the probe did.
  require(sim.events_executed() <= kEventBudget);
  return 0;
}
