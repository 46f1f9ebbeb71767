// The workloads of the performance issue, defined exactly as there so that the
// ratio against ns-3 (bench/peer/ns3) is fair. Each reports events/s, the
// replies counted and peak RSS, and fails (SkipWithError) if any reply is missing.
#include <benchmark/benchmark.h>

#include "bench/bench_util.hpp"
#include "sim/probes/ping.hpp"
#include "sim/probes/traceroute.hpp"

namespace vpcsim::bench {
namespace {

// Counts echo replies without recording journeys: the benchmark measures the
// engine, not the explanation machinery.
class ReplyCounter {
 public:
  explicit ReplyCounter(sim::Simulation& s) {
    s.journey().enable(false);
    s.set_app_sink([this](sim::DeviceId, const sim::Packet& p) {
      replies_ += p.is_icmp() && p.icmp.type == sim::icmp::kEchoReply;
    });
  }
  [[nodiscard]] uint64_t replies() const { return replies_; }

 private:
  uint64_t replies_ = 0;
};

void send_echo(sim::Simulation& s, sim::DeviceId from, sim::Ipv4Addr src, sim::Ipv4Addr dst,
               uint16_t ident, uint16_t seq, uint8_t ttl = 64) {
  sim::Packet p;
  p.ip = sim::Ipv4Header{src, dst, ttl, sim::IpProto::Icmp, seq};
  p.icmp = sim::IcmpHeader{sim::icmp::kEchoRequest, 0, ident, seq};
  p.payload_bytes = 56;
  auto& node = dynamic_cast<sim::IpNode&>(s.network().device(from));
  s.act_as(from, [&](sim::Context& ctx) { (void)node.send(ctx, p); });
}

// LAN ping: host i pings host (i+1) mod K, M = 1000 requests every 10 ms, host i
// starting at 1 s + i*10ms/K; stop at 1 s + M*10 ms + 1 s.
void BM_Workload_LanPing(benchmark::State& state) {
  const uint32_t hosts = uint32_t(state.range(0));
  const int requests = int(state.range(1));
  const int64_t interval = 10'000'000;
  uint64_t events = 0, replies = 0;
  for (auto _ : state) {
    sim::Simulation s(lan(hosts));
    ReplyCounter counter(s);
    const sim::SimTime end{1'000'000'000 + requests * interval + 1'000'000'000};
    for (uint32_t i = 0; i < hosts; ++i) {
      sim::SimTime start{1'000'000'000 + int64_t(i) * interval / hosts};
      sim::DeviceId from{i + 1};  // device 0 is the switch
      sim::Ipv4Addr src = lan_host_ip(i), dst = lan_host_ip((i + 1) % hosts);
      // One self-rescheduling timer per host keeps the queue small.
      auto tick = std::make_shared<std::function<void(int)>>();
      *tick = [&s, tick, from, src, dst, start, requests, interval](int seq) {
        send_echo(s, from, src, dst, uint16_t(from.v), uint16_t(seq));
        if (seq < requests) s.schedule(start + sim::Duration{seq * interval}, [tick, seq] { (*tick)(seq + 1); });
      };
      s.schedule(start, [tick] { (*tick)(1); });
    }
    s.set_event_budget(UINT64_MAX / 2);
    s.run(end);
    events = s.events_executed();
    replies = counter.replies();
    if (replies != uint64_t(hosts) * uint64_t(requests)) {
      state.SkipWithError("not every echo request was answered");
      break;
    }
  }
  state.counters["events"] = double(events);
  state.counters["replies"] = double(replies);
  state.counters["events_per_second"] =
      benchmark::Counter(double(events), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["peak_rss"] = peak_rss_bytes();
}
BENCHMARK(BM_Workload_LanPing)->Args({64, 1000})->Args({512, 1000})->ArgNames({"hosts", "requests"})
    ->Unit(benchmark::kMillisecond);

// Routed ping: left pings right N times every 1 ms across R routers, then one
// traceroute (R+1 hop lines).
void BM_Workload_RoutedPing(benchmark::State& state) {
  const uint32_t routers = uint32_t(state.range(0));
  const int requests = int(state.range(1));
  uint64_t events = 0, replies = 0;
  for (auto _ : state) {
    sim::Simulation s(router_chain(routers));
    ReplyCounter counter(s);
    sim::DeviceId left{0}, right{routers + 1};
    auto& l = dynamic_cast<sim::IpNode&>(s.network().device(left));
    auto& r = dynamic_cast<sim::IpNode&>(s.network().device(right));
    sim::Ipv4Addr src = l.interfaces()[0].addr.ip, dst = r.interfaces()[0].addr.ip;
    // 64 routers exhaust Linux's default TTL of 64 on the way: both ends send with
    // 255, as `ping -t 255` and a raised net.ipv4.ip_default_ttl would.
    r.set_default_ttl(255);
    for (int seq = 1; seq <= requests; ++seq) {
      s.schedule(sim::SimTime{int64_t(seq) * 1'000'000},
                 [&s, left, src, dst, seq] { send_echo(s, left, src, dst, 1, uint16_t(seq), 255); });
    }
    s.set_event_budget(UINT64_MAX / 2);
    s.run();
    events = s.events_executed();
    replies = counter.replies();
    sim::TracerouteOptions trace_options;
    trace_options.max_hops = int(routers) + 1;  // the R routers and the host (more than 30 for R=64)
    sim::TracerouteResult tr = sim::run_traceroute(s, left, dst, trace_options);
    if (replies != uint64_t(requests) || !tr.reached || tr.hops.size() != routers + 1) {
      state.SkipWithError("replies missing or traceroute incomplete");
      break;
    }
  }
  state.counters["events"] = double(events);
  state.counters["replies"] = double(replies);
  state.counters["events_per_second"] =
      benchmark::Counter(double(events), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["peak_rss"] = peak_rss_bytes();
}
BENCHMARK(BM_Workload_RoutedPing)->Args({8, 10000})->Args({64, 10000})->ArgNames({"routers", "requests"})
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace vpcsim::bench
