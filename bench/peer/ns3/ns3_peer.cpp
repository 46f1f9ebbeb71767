// ns3_peer: the three workloads of the performance issue written against
// ns-3's public API (3.37, Debian's libns3-dev), so bench/compare can run them
// side by side with vpcsim_bench's BM_Workload_* on the same machine.
//
//   ns3_peer --workload=lan    --size=K   K hosts on one learning switch, each pings the next
//   ns3_peer --workload=routed --size=R   10,000 pings across R routers, then a traceroute
//   ns3_peer --workload=sites  --size=N   build N nodes (bench/sites_plan.hpp), one ping
//
// Prints one JSON object on stdout: wall_s (building + running, without
// teardown), events (Simulator::GetEventCount), replies and expected_replies,
// peak_rss and rss_start in bytes (bench/rss.hpp, as the vpcsim side), nodes,
// and ok. Exits 1 when a reply is missing or the traceroute is incomplete.
//
// The closest faithful ns-3 equivalents (ns-3 3.37 has no point-to-point device
// a bridge accepts, and no full-duplex CSMA):
// - a learning switch is a node with a BridgeNetDevice over one CSMA device per
//   port; each cable (1 Gbps, 1 us) is a CsmaChannel joining exactly one host
//   and one switch port, as ns-3's own csma-bridge example does;
// - router chains are PointToPoint links (1 Gbps, 1 us);
// - routing is Ipv4StaticRouting only (no global routing), routes as in vpcsim;
// - echo requests come from V4Ping (56 data bytes), each reply is counted
//   through its "Rtt" trace; the traceroute is V4TraceRoute;
// - ns-3's default IPv4 TTL is raised to 255, as the vpcsim side does for the
//   64-router chain (64 routers would exhaust a TTL of 64).
#include <cctype>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <ns3/bridge-module.h>
#include <ns3/core-module.h>
#include <ns3/csma-module.h>
#include <ns3/internet-apps-module.h>
#include <ns3/internet-module.h>
#include <ns3/network-module.h>
#include <ns3/point-to-point-module.h>

#include "bench/rss.hpp"
#include "bench/sites_plan.hpp"

using namespace ns3;
using vpcsim::bench::SitesPlan;

namespace {

uint64_t g_replies = 0;
void count_reply(Time) { ++g_replies; }

// Adds `dev` as an interface of its node's IPv4 stack with address ip/len, as
// Ipv4AddressHelper::Assign does (which cannot be told an exact address).
uint32_t assign(Ptr<NetDevice> dev, uint32_t ip, int len) {
  Ptr<Ipv4> ipv4 = dev->GetNode()->GetObject<Ipv4>();
  int32_t iface = ipv4->GetInterfaceForDevice(dev);
  if (iface < 0) iface = int32_t(ipv4->AddInterface(dev));
  ipv4->AddAddress(
      uint32_t(iface),
      Ipv4InterfaceAddress(Ipv4Address(ip), Ipv4Mask(len == 0 ? 0u : ~0u << (32 - len))));
  ipv4->SetMetric(uint32_t(iface), 1);
  ipv4->SetUp(uint32_t(iface));
  return uint32_t(iface);
}

Ptr<Ipv4StaticRouting> static_routing(Ptr<Node> node) {
  Ipv4StaticRoutingHelper helper;
  return helper.GetStaticRouting(node->GetObject<Ipv4>());
}

InternetStackHelper static_stack() {
  InternetStackHelper stack;
  Ipv4StaticRoutingHelper routing;
  stack.SetRoutingHelper(routing);
  return stack;
}

CsmaHelper cable() {
  CsmaHelper csma;
  csma.SetChannelAttribute("DataRate", DataRateValue(DataRate("1Gbps")));
  csma.SetChannelAttribute("Delay", TimeValue(MicroSeconds(1)));
  return csma;
}

PointToPointHelper p2p_cable() {
  PointToPointHelper p2p;
  p2p.SetDeviceAttribute("DataRate", DataRateValue(DataRate("1Gbps")));
  p2p.SetChannelAttribute("Delay", TimeValue(MicroSeconds(1)));
  return p2p;
}

ApplicationContainer pinger(Ptr<Node> from, uint32_t to, Time interval, Time start, Time stop) {
  V4PingHelper ping{Ipv4Address(to)};
  ping.SetAttribute("Interval", TimeValue(interval));
  ping.SetAttribute("Size", UintegerValue(56));
  ping.SetAttribute("Verbose", BooleanValue(false));
  ApplicationContainer app = ping.Install(from);
  app.Get(0)->TraceConnectWithoutContext("Rtt", MakeCallback(&count_reply));
  app.Start(start);
  app.Stop(stop);
  return app;
}

struct Outcome {
  uint64_t nodes = 0;
  uint64_t expected_replies = 0;
  bool ok = true;
  std::string note;
};

// K hosts, each on its own port of one bridge; host i is 10.0.0.(i+1)/16 and pings
// host (i+1) mod K: M = 1000 requests every 10 ms from t = 1 s + i*10ms/K.
Outcome lan_ping(uint32_t hosts) {
  const int requests = 1000;
  const int64_t interval_ns = 10'000'000;
  NodeContainer nodes;
  nodes.Create(hosts);
  Ptr<Node> sw = CreateObject<Node>();
  CsmaHelper csma = cable();
  NetDeviceContainer host_devs, switch_devs;
  for (uint32_t i = 0; i < hosts; ++i) {
    NetDeviceContainer pair = csma.Install(NodeContainer(nodes.Get(i), sw));
    host_devs.Add(pair.Get(0));
    switch_devs.Add(pair.Get(1));
  }
  BridgeHelper bridge;
  bridge.Install(sw, switch_devs);
  static_stack().Install(nodes);
  for (uint32_t i = 0; i < hosts; ++i) assign(host_devs.Get(i), (10u << 24) | (i + 1), 16);
  for (uint32_t i = 0; i < hosts; ++i) {
    Time start = NanoSeconds(1'000'000'000 + int64_t(i) * interval_ns / hosts);
    Time stop = start + NanoSeconds((requests - 1) * interval_ns + interval_ns / 2);
    pinger(nodes.Get(i), (10u << 24) | ((i + 1) % hosts + 1), NanoSeconds(interval_ns), start,
           stop);
  }
  Simulator::Stop(NanoSeconds(1'000'000'000 + requests * interval_ns + 1'000'000'000));
  Simulator::Run();
  return {hosts + 1, uint64_t(hosts) * requests, true, {}};
}

// left - R routers - right; link k joins hop k (at .2) and hop k+1 (at .1) in
// 10.(1+k).0.0/30, as bench/bench_util.hpp's router_chain.
Outcome routed_ping(uint32_t routers) {
  const int requests = 10'000;
  Config::SetDefault("ns3::Ipv4L3Protocol::DefaultTtl", UintegerValue(255));
  NodeContainer hops;
  hops.Create(routers + 2);
  static_stack().Install(hops);
  auto link_net = [](uint32_t k) { return (10u << 24) | ((1 + k) << 16); };
  PointToPointHelper p2p = p2p_cable();
  std::vector<uint32_t> west_if(routers + 2), east_if(routers + 2);
  for (uint32_t k = 0; k <= routers; ++k) {
    NetDeviceContainer pair = p2p.Install(hops.Get(k), hops.Get(k + 1));
    east_if[k] = assign(pair.Get(0), link_net(k) | 2, 30);
    west_if[k + 1] = assign(pair.Get(1), link_net(k) | 1, 30);
  }
  static_routing(hops.Get(0))->SetDefaultRoute(Ipv4Address(link_net(0) | 1), east_if[0]);
  static_routing(hops.Get(routers + 1))
      ->SetDefaultRoute(Ipv4Address(link_net(routers) | 2), west_if[routers + 1]);
  for (uint32_t r = 0; r < routers; ++r) {
    Ptr<Ipv4StaticRouting> rt = static_routing(hops.Get(r + 1));
    if (r > 0) {
      rt->AddNetworkRouteTo(Ipv4Address(link_net(0)), Ipv4Mask("255.255.255.252"),
                            Ipv4Address(link_net(r) | 2), west_if[r + 1]);
    }
    if (r + 1 < routers) {
      rt->AddNetworkRouteTo(Ipv4Address(link_net(routers)), Ipv4Mask("255.255.255.252"),
                            Ipv4Address(link_net(r + 1) | 1), east_if[r + 1]);
    }
  }
  const uint32_t right_ip = link_net(routers) | 1;
  pinger(hops.Get(0), right_ip, MilliSeconds(1), MilliSeconds(1),
         MilliSeconds(requests) + MicroSeconds(500));
  // Then one traceroute (ICMP, 3 probes per hop), once the pings are over.
  V4TraceRouteHelper trace{Ipv4Address(right_ip)};
  trace.SetAttribute("MaxHop", UintegerValue(routers + 1));
  trace.SetAttribute("Verbose", BooleanValue(false));
  trace.SetAttribute("Interval", TimeValue(MilliSeconds(1)));
  ApplicationContainer app = trace.Install(hops.Get(0));
  std::ostringstream route;
  auto stream = Create<OutputStreamWrapper>(&route);
  DynamicCast<V4TraceRoute>(app.Get(0))->Print(stream);
  const Time trace_start = MilliSeconds(requests) + Seconds(1);
  app.Start(trace_start);
  Simulator::Stop(trace_start + Seconds(double(routers + 1) * 3 * 0.002 + 10));
  Simulator::Run();
  // V4TraceRoute prints a numbered line per router that answered with time
  // exceeded, and "Trace Complete" when the destination's echo reply arrives
  // (the destination gets no line of its own): R lines, then the completion.
  std::istringstream lines(route.str());
  std::string line;
  uint32_t hop_lines = 0;
  bool complete = false;
  while (std::getline(lines, line)) {
    size_t p = line.find_first_not_of(' ');
    if (p == std::string::npos) continue;
    if (std::isdigit(static_cast<unsigned char>(line[p]))) ++hop_lines;
    if (line.find("Trace Complete") != std::string::npos) complete = true;
  }
  Outcome out{routers + 2, uint64_t(requests), true, {}};
  if (hop_lines != routers || !complete) {
    out.ok = false;
    out.note = "traceroute: " + std::to_string(hop_lines) + " router lines, " +
               (complete ? "complete" : "destination not reached");
  }
  return out;
}

// S sites x H hosts: per site a router and a bridge, hosts and router on CSMA
// cables to it; routers chained by point-to-point links; static routes as
// SitesPlan::routes_of. Then one ping from s0h0 to the last host of site 1.
Outcome build_sites(uint64_t size) {
  const SitesPlan plan = SitesPlan::for_nodes(size);
  const uint32_t S = plan.sites, H = plan.hosts_per_site;
  CsmaHelper csma = cable();
  PointToPointHelper p2p = p2p_cable();
  InternetStackHelper stack = static_stack();
  BridgeHelper bridge;
  std::vector<Ptr<Node>> routers(S);
  std::vector<NodeContainer> site_hosts(S);
  for (uint32_t s = 0; s < S; ++s) {
    routers[s] = CreateObject<Node>();
    Ptr<Node> sw = CreateObject<Node>();
    site_hosts[s].Create(H);
    stack.Install(routers[s]);
    stack.Install(site_hosts[s]);
    NetDeviceContainer ports;
    NetDeviceContainer up = csma.Install(NodeContainer(routers[s], sw));
    ports.Add(up.Get(1));
    assign(up.Get(0), SitesPlan::router_lan_ip(s), 24);
    for (uint32_t h = 0; h < H; ++h) {
      NetDeviceContainer pair = csma.Install(NodeContainer(site_hosts[s].Get(h), sw));
      ports.Add(pair.Get(1));
      uint32_t iface = assign(pair.Get(0), SitesPlan::host_ip(s, h), 24);
      static_routing(site_hosts[s].Get(h))
          ->SetDefaultRoute(Ipv4Address(SitesPlan::router_lan_ip(s)), iface);
    }
    bridge.Install(sw, ports);
  }
  std::vector<uint32_t> west_if(S), east_if(S);
  for (uint32_t s = 0; s + 1 < S; ++s) {
    NetDeviceContainer pair = p2p.Install(routers[s], routers[s + 1]);
    east_if[s] = assign(pair.Get(0), SitesPlan::chain_west_end(s), 30);
    west_if[s + 1] = assign(pair.Get(1), SitesPlan::chain_east_end(s), 30);
  }
  for (uint32_t s = 0; s < S; ++s) {
    Ptr<Ipv4StaticRouting> rt = static_routing(routers[s]);
    for (const SitesPlan::Route& r : plan.routes_of(s)) {
      rt->AddNetworkRouteTo(Ipv4Address(r.dst), Ipv4Mask(r.len == 0 ? 0u : ~0u << (32 - r.len)),
                            Ipv4Address(r.via), r.east ? east_if[s] : west_if[s]);
    }
  }
  const uint32_t dst_site = plan.probe_dst_site();
  pinger(site_hosts[0].Get(0), SitesPlan::host_ip(dst_site, H - 1), Seconds(1), Seconds(1),
         Seconds(1.5));
  Simulator::Stop(Seconds(2));
  Simulator::Run();
  return {plan.nodes(), 1, true, {}};
}

}  // namespace

int main(int argc, char** argv) {
  std::string workload;
  uint64_t size = 0;
  CommandLine cmd(__FILE__);
  cmd.Usage(
      "The performance issue's workloads in ns-3, for bench/compare. Examples:\n"
      "  ns3_peer --workload=lan --size=64\n"
      "  ns3_peer --workload=routed --size=8\n"
      "  ns3_peer --workload=sites --size=10000");
  cmd.AddValue("workload", "lan, routed or sites", workload);
  cmd.AddValue("size", "hosts (lan), routers (routed) or nodes (sites)", size);
  cmd.Parse(argc, argv);
  if ((workload != "lan" && workload != "routed" && workload != "sites") || size == 0) {
    std::cerr << "ns3_peer: give --workload=lan|routed|sites and --size=N (see --help)\n";
    return 2;
  }
  const double rss_start = vpcsim::bench::current_rss_bytes();
  const auto t0 = std::chrono::steady_clock::now();
  Outcome out = workload == "lan"      ? lan_ping(uint32_t(size))
                : workload == "routed" ? routed_ping(uint32_t(size))
                                       : build_sites(size);
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const uint64_t events = Simulator::GetEventCount();
  const double peak = vpcsim::bench::peak_rss_bytes();
  for (char& c : out.note) {
    if (c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20)
      c = '\'';  // stays valid JSON
  }
  if (g_replies != out.expected_replies) {
    out.ok = false;
    if (!out.note.empty()) out.note += "; ";
    out.note += std::to_string(g_replies) + " replies of " + std::to_string(out.expected_replies);
  }
  std::printf(
      "{\"side\": \"ns-3\", \"workload\": \"%s\", \"size\": %llu, \"wall_s\": %.6f, "
      "\"events\": %llu, \"replies\": %llu, \"expected_replies\": %llu, \"peak_rss\": %.0f, "
      "\"rss_start\": %.0f, \"nodes\": %llu, \"ok\": %s, \"note\": \"%s\"}\n",
      workload.c_str(), static_cast<unsigned long long>(size), wall,
      static_cast<unsigned long long>(events), static_cast<unsigned long long>(g_replies),
      static_cast<unsigned long long>(out.expected_replies), peak, rss_start,
      static_cast<unsigned long long>(out.nodes), out.ok ? "true" : "false", out.note.c_str());
  Simulator::Destroy();
  return out.ok ? 0 : 1;
}
