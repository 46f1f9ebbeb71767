// IsolatedProber and the state reset it relies on: a probe's answer, and its
// explanation, never depend on the probes that ran before it.
#include <gtest/gtest.h>

#include "sim/devices/ip_node.hpp"
#include "sim/devices/l2_switch.hpp"
#include "sim/nat/nat_table.hpp"
#include "sim/tables/arp_cache.hpp"
#include "sim/tables/mac_table.hpp"
#include "tests/reach/reach_fixtures.hpp"
#include "tools/vpcsim/reach/isolated_prober.hpp"

namespace vpcsim::test {
namespace {

using cli::ProbeKey;

// x and y listen on 32768, the first ephemeral port, and admit nothing inbound:
// once x has connected to y:32768, the tuple y:32768 -> x:32768 is a tracked
// reply in x's security group, so a y -> x connect from port 32768 would pass if
// that state survived into the next probe.
const char* kTrackedPorts = R"(<topology name="tracked">
  <vpc name="v" cidr="10.0.0.0/16">
    <subnet name="s" cidr="10.0.1.0/24"/>
    <security-group name="closed" default-outbound="true"/>
    <security-group name="open"><inbound protocol="all" source="0.0.0.0/0"/></security-group>
    <instance name="x" subnet="s" ip="10.0.1.10" security-groups="closed"><listen protocol="tcp" port="32768"/></instance>
    <instance name="y" subnet="s" ip="10.0.1.11" security-groups="open"><listen protocol="tcp" port="32768"/></instance>
  </vpc>
</topology>)";

TEST(IsolatedProber, TrackedConnectionsDoNotLeakIntoTheNextProbe) {
  auto plan = load_plan(kTrackedPorts);
  ASSERT_TRUE(plan);
  cli::IsolatedProber prober(plan->spec);
  const topo::LoweredTopology& t = prober.topology();
  const topo::Endpoint& x = *t.endpoint("x");
  const topo::Endpoint& y = *t.endpoint("y");
  auto first = prober.run(x, y, ProbeKey::tcp(32768), true);
  EXPECT_EQ(first.outcome.result, cli::ReachResult::Open);
  auto second = prober.run(y, x, ProbeKey::tcp(32768), true);
  EXPECT_EQ(second.outcome.verdict_text(), "timeout [security-group]");
  EXPECT_EQ(second.src.str(), "10.0.1.11");
  // Without the reset, the second connect would ride on the first one's state.
  {
    topo::LoweredTopology shared = topo::lower(plan->spec);
    sim::Simulation sim(std::move(shared.network));
    sim::Ipv4Addr x_ip = x.addresses.front().ip, y_ip = y.addresses.front().ip;
    EXPECT_EQ(sim::run_tcp_connect(sim, x.device, y_ip, 32768, {}).verdict,
              sim::ConnectVerdict::Open);
    EXPECT_EQ(sim::run_tcp_connect(sim, y.device, x_ip, 32768, {}).verdict,
              sim::ConnectVerdict::Open);
  }
  // The same probe on a network that never ran anything else.
  cli::ProbeOutcome alone = reference_probe(plan->spec, "y", "x", ProbeKey::tcp(32768));
  EXPECT_TRUE(second.outcome.same_verdict(alone));
  EXPECT_EQ(second.outcome.explanation, alone.explanation);
}

TEST(IsolatedProber, ExplanationsAreThoseOfAProbeRunAlone) {
  // NAT gateway ports, ARP caches and MAC tables all start afresh: after a run
  // of other probes, each explanation is the one of the probe run alone.
  auto plan = load_plan(R"(<topology name="nat">
  <internet><host name="client" ip="198.51.100.10"><listen protocol="tcp" port="443"/></host></internet>
  <vpc name="v" cidr="10.0.0.0/16">
    <internet-gateway name="igw"/>
    <route-table name="pub"><route destination="0.0.0.0/0" target="igw"/></route-table>
    <route-table name="priv"><route destination="0.0.0.0/0" target="nat"/></route-table>
    <subnet name="public" cidr="10.0.1.0/24" route-table="pub"/>
    <subnet name="private" cidr="10.0.2.0/24" route-table="priv"/>
    <security-group name="sg"><inbound protocol="tcp" ports="22" source="10.0.0.0/16"/></security-group>
    <nat-gateway name="nat" subnet="public" ip="10.0.1.20" elastic-ip="203.0.113.20"/>
    <instance name="a" subnet="private" ip="10.0.2.10" security-groups="sg"><listen protocol="tcp" port="22"/></instance>
    <instance name="b" subnet="private" ip="10.0.2.11" security-groups="sg"><listen protocol="tcp" port="22"/></instance>
  </vpc>
</topology>)");
  ASSERT_TRUE(plan);
  cli::IsolatedProber prober(plan->spec);
  const topo::LoweredTopology& t = prober.topology();
  const std::vector<std::tuple<std::string, std::string, ProbeKey>> probes = {
      {"a", "client", ProbeKey::tcp(443)}, {"b", "client", ProbeKey::tcp(443)},
      {"client", "a", ProbeKey::tcp(22)},  {"a", "b", ProbeKey::icmp()},
      {"b", "a", ProbeKey::tcp(22)},       {"client", "b", ProbeKey::icmp()},
      {"a", "client", ProbeKey::icmp()},   {"a", "client", ProbeKey::tcp(80)},
  };
  for (int round = 0; round < 2; ++round) {
    for (const auto& [from, to, key] : probes) {
      auto run = prober.run(*t.endpoint(from), *t.endpoint(to), key, true);
      cli::ProbeOutcome alone = reference_probe(plan->spec, from, to, key);
      EXPECT_TRUE(run.outcome.same_verdict(alone)) << from << " -> " << to << " " << key.label();
      EXPECT_EQ(run.outcome.explanation, alone.explanation)
          << from << " -> " << to << " " << key.label();
    }
  }
}

TEST(StateReset, MacTableForgetsLearnedEntriesAndKeepsStaticOnes) {
  sim::MacTable table;
  table.add_static(sim::MacAddr::from_name("static"), 1);
  table.learn(sim::MacAddr::from_name("learned"), 2, sim::SimTime{});
  table.clear_learned();
  auto entries = table.entries(sim::SimTime{});
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].mac, sim::MacAddr::from_name("static"));
  EXPECT_TRUE(entries[0].is_static);
}

TEST(StateReset, ArpCacheForgetsEntriesAndResolutionsInProgress) {
  sim::ArpCache arp;
  arp.update(0, sim::Ipv4Addr{1}, sim::MacAddr::from_name("m"), sim::SimTime{});
  auto [slot, started] = arp.enqueue(0, sim::Ipv4Addr{2}, sim::Packet{});
  EXPECT_TRUE(started);
  arp.clear();
  EXPECT_TRUE(arp.entries(sim::SimTime{}).empty());
  EXPECT_FALSE(arp.has(0, sim::Ipv4Addr{1}, sim::SimTime{}));
  // A new resolution for the same address starts afresh, in the first slot.
  auto again = arp.enqueue(0, sim::Ipv4Addr{2}, sim::Packet{});
  EXPECT_EQ(again, std::make_pair(uint32_t(0), true));
  EXPECT_FALSE(arp.update(0, sim::Ipv4Addr{3}, sim::MacAddr::from_name("n"), sim::SimTime{}));
  (void)slot;
}

TEST(StateReset, NatTableForgetsConnectionsAndRestartsPortsAt1024) {
  sim::NatTable nat(sim::PortPolicy::Sequential);
  auto syn = [](uint16_t sport) {
    sim::Packet p;
    p.eth.type = sim::EtherType::Ipv4;
    p.ip = sim::Ipv4Header{sim::Ipv4Addr{0x0a000210}, sim::Ipv4Addr{0xc6336410}, 64,
                           sim::IpProto::Tcp, 1};
    p.tcp = sim::TcpHeader{sport, 443, sim::tcp_flag::kSyn, 1, 0};
    return p;
  };
  auto translate = [&](uint16_t sport) {
    sim::Packet p = syn(sport);
    nat.begin(p);
    nat.snat(p, sim::Ipv4Addr{0x0a000114});
    (void)nat.commit(p);
    return p.tcp.src_port;
  };
  EXPECT_EQ(translate(40000), 1024);
  EXPECT_EQ(translate(40001), 1025);
  nat.clear();
  EXPECT_EQ(nat.size(), 0u);
  EXPECT_EQ(translate(40002), 1024);
}

}  // namespace
}  // namespace vpcsim::test
