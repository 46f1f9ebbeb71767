// Security-group evaluation and the NAT table, the per-packet work of the VPC
// devices. Fixed seeds; items are packets.
#include <benchmark/benchmark.h>

#include <random>

#include "sim/filters/stateful_filter.hpp"
#include "sim/nat/nat_table.hpp"

namespace vpcsim::bench {
namespace {

sim::Packet tcp_packet(uint32_t src, uint32_t dst, uint16_t sport, uint16_t dport) {
  sim::Packet p;
  p.ip = sim::Ipv4Header{sim::Ipv4Addr{src}, sim::Ipv4Addr{dst}, 64, sim::IpProto::Tcp, 0};
  p.tcp = sim::TcpHeader{sport, dport, sim::tcp_flag::kSyn, 0, 0};
  return p;
}

// One group of `rules` inbound TCP rules (a port and a /24 source each), as a
// generated plan would have. Half of the packets match a rule somewhere in the
// list, half match none (the full list is scanned, the worst case); each distinct
// allowed flow is tracked once, then its packets are still judged by the rules.
void BM_SecurityGroup_Evaluate(benchmark::State& state) {
  const int64_t rules = state.range(0);
  std::mt19937_64 rng(3);
  std::vector<sim::FilterRule> inbound;
  for (int64_t i = 0; i < rules; ++i) {
    sim::FilterRule r;
    r.number = uint32_t(i + 1);
    r.proto = sim::RuleProto::Tcp;
    r.port_lo = r.port_hi = uint16_t(1000 + i);
    r.peers = {sim::Prefix::of(sim::Ipv4Addr{(10u << 24) | (uint32_t(i) << 8)}, 24)};
    r.label = "tcp/" + std::to_string(1000 + i);
    inbound.push_back(std::move(r));
  }
  sim::StatefulFilter sg;
  sg.add_group("bench-sg", std::move(inbound), {});
  std::vector<sim::Packet> packets;
  for (int i = 0; i < 4096; ++i) {
    uint32_t rule = uint32_t(rng() % uint64_t(rules));
    bool match = i % 2 == 0;
    uint32_t src = (10u << 24) | (rule << 8) | uint32_t(1 + rng() % 200);
    packets.push_back(tcp_packet(match ? src : src ^ 0x00800000u, (10u << 24) | 0xff0001,
                                 uint16_t(32768 + i), uint16_t(1000 + rule)));
  }
  size_t i = 0;
  uint64_t allowed = 0;
  for (auto _ : state) {
    auto v = sg.check(packets[i++ & 4095], /*inbound=*/true);
    allowed += v.allowed;
    benchmark::DoNotOptimize(v);
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["rules"] = double(rules);
  state.counters["allowed_ratio"] = double(allowed) / double(state.iterations());
}
BENCHMARK(BM_SecurityGroup_Evaluate)->Arg(4)->Arg(64)->Arg(1024);

// Replies of `connections` tracked flows: one tuple lookup each.
void BM_SecurityGroup_TrackedReply(benchmark::State& state) {
  const int64_t connections = state.range(0);
  sim::FilterRule any;
  any.proto = sim::RuleProto::All;
  any.peers = {sim::Prefix{}};
  any.label = "all";
  sim::StatefulFilter sg;
  sg.add_group("bench-sg", {}, {any});
  std::vector<sim::Packet> replies;
  for (int64_t c = 0; c < connections; ++c) {
    uint32_t client = (10u << 24) | uint32_t(c / 60000 + 1), server = (10u << 24) | 0xff0001;
    uint16_t port = uint16_t(1024 + c % 60000);
    (void)sg.check(tcp_packet(client, server, port, 443), /*inbound=*/false);
    replies.push_back(tcp_packet(server, client, 443, port));
  }
  size_t i = 0;
  for (auto _ : state) {
    auto v = sg.check(replies[i++ % replies.size()], /*inbound=*/true);
    if (v.basis != sim::StatefulFilter::Basis::Tracked) {
      state.SkipWithError("a reply was not recognised as tracked");
      break;
    }
    benchmark::DoNotOptimize(v);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SecurityGroup_TrackedReply)->Arg(64)->Arg(65536);

// Known connections through a masquerading NAT, both directions: one hashed
// lookup and a rewrite each.
void BM_NatTable_Translate(benchmark::State& state) {
  const int64_t connections = state.range(0);
  sim::NatTable nat(sim::PortPolicy::Sequential);
  const sim::Ipv4Addr public_ip{(203u << 24) | (113u << 8) | 20};
  std::vector<sim::Packet> packets;
  for (int64_t c = 0; c < connections; ++c) {
    sim::Packet p =
        tcp_packet((10u << 24) | uint32_t(c % 250 + 1), (198u << 24) | 51u << 16 | 100u << 8 | 10,
                   uint16_t(32768 + c / 250), 443);
    packets.push_back(p);
    nat.begin(p);
    nat.snat(p, public_ip);
    (void)nat.commit(p);
    packets.push_back(tcp_packet(p.ip.dst.v, p.ip.src.v, 443, p.tcp.src_port));  // its reply
  }
  size_t i = 0;
  for (auto _ : state) {
    sim::Packet p = packets[i++ % packets.size()];
    auto rewrite = nat.apply_existing(p);
    if (!rewrite) {
      state.SkipWithError("a packet of a known connection was not translated");
      break;
    }
    benchmark::DoNotOptimize(p);
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["connections"] = double(nat.size());
}
BENCHMARK(BM_NatTable_Translate)->Arg(64)->Arg(50000);

// New connections (begin, snat with port allocation, commit); the table is
// cleared every 50,000 so it stays within one address's port range.
void BM_NatTable_NewConnection(benchmark::State& state) {
  sim::NatTable nat(sim::PortPolicy::Sequential);
  const sim::Ipv4Addr public_ip{(203u << 24) | (113u << 8) | 20};
  uint64_t n = 0;
  for (auto _ : state) {
    if (nat.size() == 50000) {
      state.PauseTiming();
      nat.clear();
      state.ResumeTiming();
    }
    sim::Packet p = tcp_packet((10u << 24) | uint32_t(n % 250 + 1), (198u << 24) | 10,
                               uint16_t(32768 + (n / 250) % 20000), 443);
    ++n;
    nat.begin(p);
    nat.snat(p, public_ip);
    benchmark::DoNotOptimize(nat.commit(p));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_NatTable_NewConnection);

}  // namespace
}  // namespace vpcsim::bench
