#include "tools/vpcsim/reach/reach_engine.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <map>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "tools/vpcsim/reach/endpoint_grouping.hpp"
#include "tools/vpcsim/reach/isolated_prober.hpp"

namespace vpcsim::cli {
namespace {

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    out.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

std::optional<uint16_t> parse_port(std::string_view s) {
  unsigned v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size() || v < 1 || v > 65535) {
    return std::nullopt;
  }
  return uint16_t(v);
}

bool is_glob(const std::string& s) { return s.find_first_of("*?[") != std::string::npos; }

bool matches(const std::string& pattern, const ReachEndpoint& ep) {
  if (auto ip = sim::Ipv4Addr::parse(pattern)) {
    if (ep.public_ip == ip) return true;
    return std::any_of(ep.addresses.begin(), ep.addresses.end(),
                       [&](const sim::InterfaceAddr& a) { return a.ip == *ip; });
  }
  return fnmatch(pattern.c_str(), ep.name.c_str(), 0) == 0;
}

// Sets `flag` on the endpoints the patterns (each a comma list) select; all when none.
void select(std::vector<ReachEndpoint>& eps, const std::vector<std::string>& patterns,
            bool ReachEndpoint::*flag, const char* option) {
  if (patterns.empty()) {
    for (ReachEndpoint& e : eps) e.*flag = true;
    return;
  }
  for (const std::string& list : patterns) {
    for (const std::string& pattern : split_commas(list)) {
      bool any = false;
      for (ReachEndpoint& e : eps) {
        if (matches(pattern, e)) any = e.*flag = true;
      }
      if (any) continue;
      std::vector<std::string> names;
      for (const ReachEndpoint& e : eps) names.push_back(e.name);
      std::string what = pattern.empty()    ? "an empty name"
                         : is_glob(pattern) ? "'" + pattern + "', which matches no endpoint"
                         : sim::Ipv4Addr::parse(pattern)
                             ? "the address " + pattern + ", which no endpoint has"
                             : "unknown endpoint '" + pattern + "'";
      throw UsageError(std::string(option) + ": " + what + " (" +
                       topo::known_names_note("endpoints", names) + ")");
    }
  }
}

// TCP ports each node accepts besides its listeners: its port forwards.
std::map<std::string, std::vector<uint16_t>> forwarded_ports(const topo::TopologySpec& spec) {
  std::map<std::string, std::vector<uint16_t>> out;
  auto add = [&](const std::string& name, const std::vector<topo::PortForwardSpec>& forwards) {
    for (const auto& f : forwards) {
      if (f.protocol == topo::Protocol::Tcp) out[name].push_back(f.port);
    }
  };
  for (const auto& vpc : spec.vpcs) {
    for (const auto& i : vpc.instances) add(i.name, i.port_forwards);
  }
  for (const auto& net : spec.networks) {
    for (const auto& n : net.nodes) add(n.name, n.port_forwards);
  }
  return out;
}

std::vector<ReachEndpoint> reach_endpoints(const topo::TopologySpec& spec,
                                           const topo::LoweredTopology& lowered,
                                           const std::optional<ProbeFilter>& filter) {
  auto forwards = forwarded_ports(spec);
  std::vector<ReachEndpoint> out;
  for (const topo::Endpoint& ep : lowered.endpoints) {
    if (!is_reach_endpoint(ep)) continue;
    ReachEndpoint r{ep.name, ep.kind, ep.addresses, ep.public_ip, {}, 0, false, false};
    std::vector<ProbeKey> keys{ProbeKey::icmp()};
    for (const topo::ListenSpec& l : ep.listens) {
      if (l.protocol == topo::Protocol::Tcp) keys.push_back(ProbeKey::tcp(l.port));
    }
    if (auto it = forwards.find(ep.name); it != forwards.end()) {
      for (uint16_t p : it->second) keys.push_back(ProbeKey::tcp(p));
    }
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    for (ProbeKey k : keys) {
      if (!filter || filter->allows(k)) r.columns.push_back(k);
    }
    out.push_back(std::move(r));
  }
  std::sort(out.begin(), out.end(),
            [](const ReachEndpoint& a, const ReachEndpoint& b) { return a.name < b.name; });
  return out;
}

// One probe to run: column `column` of class pair `pair`.
struct Task {
  uint32_t pair;
  uint16_t column;
};

// Runs every task on `threads` workers, each with its own prober on `plan`.
class ProbePool {
 public:
  ProbePool(const topo::TopologySpec& plan, ReachMatrix& m,
            const std::vector<std::pair<uint32_t, uint32_t>>& reps, bool explain)
      : plan_(plan), m_(m), reps_(reps), explain_(explain) {}

  void run(const std::vector<Task>& tasks, unsigned threads,
           const std::function<void(uint64_t, uint64_t)>& progress) {
    tasks_ = &tasks;
    std::vector<std::thread> workers;
    for (unsigned t = 0; t < threads; ++t) workers.emplace_back([this] { work(); });
    if (progress) {
      std::unique_lock lock(mu_);
      while (finished_ < threads) {
        progress(done_.load(), tasks.size());
        cv_.wait_for(lock, std::chrono::milliseconds(100));
      }
      progress(done_.load(), tasks.size());
    }
    for (std::thread& w : workers) w.join();
    if (error_) std::rethrow_exception(error_);
  }

 private:
  static constexpr size_t kChunk = 16;

  void work() {
    try {
      IsolatedProber prober(plan_);
      std::vector<const topo::Endpoint*> eps(m_.endpoints.size(), nullptr);
      auto endpoint = [&](uint32_t i) {
        if (!eps[i]) eps[i] = prober.topology().endpoint(m_.endpoints[i].name);
        // Representatives are never left out of the plan a prober runs on.
        if (!eps[i])
          throw std::logic_error("endpoint " + m_.endpoints[i].name + " not in the probed plan");
        return eps[i];
      };
      const std::vector<Task>& tasks = *tasks_;
      for (;;) {
        size_t begin = next_.fetch_add(kChunk);
        if (begin >= tasks.size()) break;
        size_t end = std::min(begin + kChunk, tasks.size());
        for (size_t i = begin; i < end; ++i) run_task(prober, tasks[i], endpoint);
        done_ += end - begin;
      }
    } catch (...) {
      std::lock_guard lock(mu_);
      if (!error_) error_ = std::current_exception();
      next_ = tasks_->size();  // the others stop after their chunk
    }
    std::lock_guard lock(mu_);
    ++finished_;
    cv_.notify_all();
  }

  template <typename EndpointOf>
  void run_task(IsolatedProber& prober, const Task& t, EndpointOf& endpoint) {
    ClassPair& cp = m_.class_pairs[t.pair];
    auto [from, to] = reps_[t.pair];
    const ReachEndpoint& target = m_.endpoints[to];
    IsolatedProber::Run r =
        prober.run(*endpoint(from), *endpoint(to), target.columns[t.column], explain_);
    m_.cells[cp.first_cell + t.column] = std::move(r.outcome);
    if (t.column != 0) return;
    // The representative pair's addressing, by interface, so member pairs can use theirs.
    cp.src_iface = interface_index(m_.endpoints[from], r.src);
    cp.dst_iface = interface_index(target, r.dst);
  }

  static int16_t interface_index(const ReachEndpoint& ep, sim::Ipv4Addr ip) {
    for (size_t i = 0; i < ep.addresses.size(); ++i) {
      if (ep.addresses[i].ip == ip) return int16_t(i);
    }
    return -1;  // the public IP (targets), or no source address (sources)
  }

  const topo::TopologySpec& plan_;
  ReachMatrix& m_;
  const std::vector<std::pair<uint32_t, uint32_t>>& reps_;
  bool explain_;
  const std::vector<Task>* tasks_ = nullptr;
  std::atomic<size_t> next_{0};
  std::atomic<uint64_t> done_{0};
  std::mutex mu_;
  std::condition_variable cv_;
  unsigned finished_ = 0;
  std::exception_ptr error_;
};

// Class pairs with at least one selected member pair and one probe, with their
// representatives; and the tasks, one per probe.
void plan_class_pairs(ReachMatrix& m, std::vector<std::pair<uint32_t, uint32_t>>& reps,
                      std::vector<Task>& tasks) {
  const size_t n = m.classes.size();
  std::vector<uint64_t> sources(n, 0), targets(n, 0), both(n, 0);
  for (const ReachEndpoint& e : m.endpoints) {
    sources[e.cls] += e.is_source;
    targets[e.cls] += e.is_target;
    both[e.cls] += e.is_source && e.is_target;
  }
  for (uint32_t g = 0; g < n; ++g) {
    if (!sources[g]) continue;
    for (uint32_t h = 0; h < n; ++h) {
      const std::vector<uint32_t>& to_members = m.classes[h];
      const size_t columns = m.endpoints[to_members.front()].columns.size();
      if (!targets[h] || !columns) continue;
      uint64_t pairs = sources[g] * targets[h] - (g == h ? both[g] : 0);
      if (!pairs) continue;
      uint32_t first = uint32_t(m.cells.size());
      m.class_pairs.push_back(ClassPair{g, h, first, 0, 0, pairs});
      m.cells.resize(m.cells.size() + columns);
      reps.emplace_back(m.classes[g].front(), g == h ? to_members[1] : to_members.front());
      for (size_t c = 0; c < columns; ++c) {
        tasks.push_back(Task{uint32_t(m.class_pairs.size() - 1), uint16_t(c)});
      }
    }
  }
  m.index_class_pairs();
}

}  // namespace

bool ProbeFilter::allows(ProbeKey k) const {
  if (k.proto == ProbeProto::Icmp) return icmp;
  return std::any_of(tcp.begin(), tcp.end(),
                     [&](const auto& r) { return k.port >= r.first && k.port <= r.second; });
}

ProbeFilter ProbeFilter::parse(const std::string& text) {
  ProbeFilter f;
  for (const std::string& item : split_commas(text)) {
    if (item == "icmp" || item == "ping") {
      f.icmp = true;
      continue;
    }
    size_t dash = item.find('-');
    auto lo = parse_port(std::string_view(item).substr(0, dash));
    auto hi = dash == std::string::npos ? lo : parse_port(std::string_view(item).substr(dash + 1));
    if (!lo || !hi || *lo > *hi) {
      throw UsageError(
          "--port: '" + item +
          "' is not a port (1-65535), a range N-M or icmp; e.g. --port icmp,22,8000-8080");
    }
    f.tcp.emplace_back(*lo, *hi);
  }
  return f;
}

bool is_reach_endpoint(const topo::Endpoint& ep) {
  // A host without an interface can neither send nor be named as a target.
  return (ep.kind == "instance" || ep.kind == "host" || ep.kind == "internet-host") &&
         !ep.addresses.empty();
}

ReachMatrix compute_reach(const LoadedTopology& topology, const ReachOptions& options) {
  return compute_reach(topology.spec, *topology.lowered, options);
}

ReachMatrix compute_reach(const topo::TopologySpec& spec, const topo::LoweredTopology& lowered,
                          const ReachOptions& options) {
  ReachMatrix m;
  m.endpoints = reach_endpoints(spec, lowered, options.probes);
  select(m.endpoints, options.from, &ReachEndpoint::is_source, "--from");
  select(m.endpoints, options.to, &ReachEndpoint::is_target, "--to");

  std::vector<const topo::Endpoint*> eps;
  for (const ReachEndpoint& e : m.endpoints) eps.push_back(lowered.endpoint(e.name));
  m.grouped = options.group && !options.explain;
  EndpointGrouping grouping(spec, eps, m.grouped);
  m.classes = grouping.classes();
  for (uint32_t c = 0; c < m.classes.size(); ++c) {
    m.class_descriptions.push_back(grouping.description(c));
    for (uint32_t e : m.classes[c]) m.endpoints[e].cls = c;
  }

  std::vector<std::pair<uint32_t, uint32_t>> reps;
  std::vector<Task> tasks;
  plan_class_pairs(m, reps, tasks);
  m.probes_run = tasks.size();
  if (tasks.empty()) return m;

  unsigned threads = options.threads;
  if (!threads) {
    // A worker lowers its own copy of the plan: not worth it for a handful of probes.
    threads = unsigned(std::clamp<size_t>(tasks.size() / 64, 1,
                                          std::max(std::thread::hardware_concurrency(), 1u)));
  }
  threads = unsigned(std::min<size_t>(threads, tasks.size()));
  topo::TopologySpec reduced;
  if (m.grouped) reduced = grouping.representative_plan(spec);
  ProbePool pool(m.grouped ? reduced : spec, m, reps, options.explain);
  pool.run(tasks, threads, options.progress);
  return m;
}

}  // namespace vpcsim::cli
