#include "bench/workloads.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <vector>

#include "bench/network_builders.hpp"
#include "bench/rss.hpp"
#include "bench/sites_plan.hpp"
#include "bench/sites_xml.hpp"
#include "sim/probes/ping.hpp"
#include "sim/probes/traceroute.hpp"
#include "topology/lower.hpp"
#include "topology/validate.hpp"
#include "topology/xml_loader.hpp"

namespace vpcsim::bench {
namespace {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// Counts echo replies without recording journeys: the workloads measure the
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

void send_echo(sim::Simulation& s, sim::IpNode& node, sim::Ipv4Addr src, sim::Ipv4Addr dst,
               uint16_t ident, uint16_t seq, uint8_t ttl = 64) {
  sim::Packet p;
  p.ip = sim::Ipv4Header{src, dst, ttl, sim::IpProto::Icmp, seq};
  p.icmp = sim::IcmpHeader{sim::icmp::kEchoRequest, 0, ident, seq};
  p.payload_bytes = 56;
  s.act_as(node.id(), [&](sim::Context& ctx) { (void)node.send(ctx, p); });
}

// One pinging host: sends request `next` and schedules the following one, as
// ns-3's Ping application does, so the queue holds one timer per pinging host,
// not every request of the run (10,000 pending timers made each event cost a
// sink through a 10,000-entry heap: 30% of the routed workload's instructions).
// The callback captures one pointer, which std::function stores without
// allocating.
struct Pinger {
  sim::Simulation* sim;
  sim::IpNode* node;
  sim::Ipv4Addr src, dst;
  sim::SimTime start;
  int64_t interval_ns;
  int requests;
  uint16_t ident;
  uint8_t ttl = 64;
  int next = 1;
  void tick() {
    send_echo(*sim, *node, src, dst, ident, uint16_t(next), ttl);
    if (next++ < requests) {
      sim->schedule(start + sim::Duration{int64_t(next - 1) * interval_ns}, [this] { tick(); });
    }
  }
};

// One phase of the build: adds its time and notes the highest resident size in it.
class Phase {
 public:
  Phase(double& seconds, double& peak) : seconds_(seconds), peak_(peak) {
    reset_peak_rss();
    began_ = Clock::now();
  }
  ~Phase() {
    seconds_ += seconds_since(began_);
    peak_ = std::max(peak_, peak_rss_bytes());
  }
  Phase(const Phase&) = delete;
  Phase& operator=(const Phase&) = delete;

 private:
  double& seconds_;
  double& peak_;
  Clock::time_point began_;
};

}  // namespace

WorkloadResult run_lan_ping(uint32_t hosts) {
  const int requests = 1000;
  const int64_t interval_ns = 10'000'000;  // 10 ms
  WorkloadResult out;
  const auto t0 = Clock::now();
  sim::Simulation s(lan(hosts));
  ReplyCounter counter(s);
  std::vector<Pinger> pingers;
  pingers.reserve(hosts);  // the callbacks point into it
  for (uint32_t i = 0; i < hosts; ++i) {
    auto& node = dynamic_cast<sim::IpNode&>(s.network().device(sim::DeviceId{i + 1}));
    sim::SimTime start{1'000'000'000 + int64_t(i) * interval_ns / hosts};
    pingers.push_back(Pinger{&s, &node, lan_host_ip(i), lan_host_ip((i + 1) % hosts), start,
                             interval_ns, requests, uint16_t(node.id().v)});
    s.schedule(start, [p = &pingers.back()] { p->tick(); });
  }
  s.set_event_budget(UINT64_MAX / 2);
  s.run(sim::SimTime{1'000'000'000 + requests * interval_ns + 1'000'000'000});
  out.wall_s = seconds_since(t0);
  out.events = s.events_executed();
  out.replies = counter.replies();
  out.expected_replies = uint64_t(hosts) * uint64_t(requests);
  out.nodes = hosts + 1;
  out.ok = out.replies == out.expected_replies;
  if (!out.ok) out.note = "not every echo request was answered";
  return out;
}

WorkloadResult run_routed_ping(uint32_t routers) {
  const int requests = 10'000;
  WorkloadResult out;
  const auto t0 = Clock::now();
  sim::Simulation s(router_chain(routers));
  ReplyCounter counter(s);
  sim::DeviceId left{0}, right{routers + 1};
  auto& l = dynamic_cast<sim::IpNode&>(s.network().device(left));
  auto& r = dynamic_cast<sim::IpNode&>(s.network().device(right));
  sim::Ipv4Addr src = l.interfaces()[0].addr.ip, dst = r.interfaces()[0].addr.ip;
  // 64 routers exhaust Linux's default TTL of 64 on the way: both ends send with
  // 255, as `ping -t 255` and a raised net.ipv4.ip_default_ttl would.
  r.set_default_ttl(255);
  const int64_t interval_ns = 1'000'000;  // 1 ms, the first at 1 ms
  Pinger pinger{&s, &l, src, dst, sim::SimTime{interval_ns}, interval_ns, requests, 1, 255};
  s.schedule(pinger.start, [p = &pinger] { p->tick(); });
  s.set_event_budget(UINT64_MAX / 2);
  s.run();
  out.events = s.events_executed();
  out.replies = counter.replies();
  sim::TracerouteOptions trace_options;
  trace_options.max_hops = int(routers) + 1;  // the R routers and the host (more than 30 for R=64)
  sim::TracerouteResult tr = sim::run_traceroute(s, left, dst, trace_options);
  out.wall_s = seconds_since(t0);
  out.expected_replies = requests;
  out.nodes = routers + 2;
  out.ok = out.replies == out.expected_replies && tr.reached && tr.hops.size() == routers + 1;
  if (!out.ok) {
    out.note = std::to_string(out.replies) + " replies, traceroute " +
               (tr.reached ? "reached" : "did not reach") + " the host in " +
               std::to_string(tr.hops.size()) + " hops";
  }
  return out;
}

WorkloadResult run_build_sites(uint64_t nodes, const std::string& xml_path) {
  const SitesPlan plan = SitesPlan::for_nodes(nodes);
  const std::string from = SitesPlan::host_name(0, 0);
  const std::string to = SitesPlan::host_name(plan.probe_dst_site(), plan.hosts_per_site - 1);
  WorkloadResult out;
  out.nodes = plan.nodes();
  out.expected_replies = 1;
  const auto t0 = Clock::now();
  topo::Diagnostics diags;
  std::optional<topo::TopologySpec> spec;
  {
    Phase p(out.load_s, out.load_peak_rss);
    spec = topo::load_topology_file(xml_path, diags);
  }
  {
    Phase p(out.validate_s, out.validate_peak_rss);
    if (spec && !diags.has_errors()) diags.append(topo::validate(*spec));
  }
  if (!spec || diags.has_errors()) {
    out.note = "the generated topology does not load cleanly";
    return out;
  }
  std::optional<sim::Simulation> s;
  const topo::Endpoint* a = nullptr;
  const topo::Endpoint* b = nullptr;
  std::optional<topo::LoweredTopology> lowered;
  {
    Phase p(out.lower_s, out.lower_peak_rss);
    lowered = topo::lower(*spec);
    a = lowered->endpoint(from);
    b = lowered->endpoint(to);
    if (a && b) s.emplace(std::move(lowered->network));
  }
  if (!s) {
    out.note = "the probe's end hosts are missing from the lowered topology";
    return out;
  }
  sim::PingResult ping;
  {
    Phase p(out.probe_s, out.probe_peak_rss);
    sim::PingOptions once;
    once.count = 1;
    ping = sim::run_ping(*s, a->device, b->addresses.front().ip, once);
  }
  out.wall_s = seconds_since(t0);
  out.events = s->events_executed();
  out.replies = uint64_t(ping.received);
  out.ok = out.replies == 1;
  if (!out.ok) out.note = "the probe across the built topology got no reply";
  return out;
}

const std::string& sites_file(uint64_t nodes) {
  static std::map<uint64_t, std::string> files;
  auto [it, fresh] = files.try_emplace(nodes);
  if (fresh) {
    const SitesPlan plan = SitesPlan::for_nodes(nodes);
    auto path = std::filesystem::temp_directory_path() /
                ("vpcsim-bench-sites-" + std::to_string(plan.sites) + "x" +
                 std::to_string(plan.hosts_per_site) + ".xml");
    std::ofstream(path, std::ios::binary) << sites_xml(plan);
    it->second = path.string();
  }
  return it->second;
}

}  // namespace vpcsim::bench
