#include "tools/vpcsim/reach/isolated_prober.hpp"

#include "sim/core/check.hpp"
#include "sim/core/simulation.hpp"
#include "sim/probes/ping.hpp"
#include "sim/probes/tcp_connect.hpp"
#include "tools/vpcsim/cli_common.hpp"

namespace vpcsim::cli {
namespace {

ReachResult connect_result(sim::ConnectVerdict v) {
  switch (v) {
    case sim::ConnectVerdict::Open:
      return ReachResult::Open;
    case sim::ConnectVerdict::Refused:
      return ReachResult::Refused;
    case sim::ConnectVerdict::Timeout:
      return ReachResult::Timeout;
    case sim::ConnectVerdict::Unreachable:
      return ReachResult::ConnUnreachable;
  }
  return ReachResult::Timeout;
}

void record_reason(const std::optional<sim::ProbeReason>& reason, bool explain, ProbeOutcome& out) {
  if (!reason) return;
  out.reason = reason->reason;
  if (explain) out.explanation = reason->sentence();
}

// Lends the network to a Simulation for one probe and takes it back, whatever happens.
class NetworkLoan {
 public:
  explicit NetworkLoan(sim::Network& owner) : owner_(owner), sim_(std::move(owner)) {}
  ~NetworkLoan() { owner_ = std::move(sim_.network()); }
  NetworkLoan(const NetworkLoan&) = delete;
  NetworkLoan& operator=(const NetworkLoan&) = delete;
  [[nodiscard]] sim::Simulation& sim() { return sim_; }

 private:
  sim::Network& owner_;
  sim::Simulation sim_;
};

}  // namespace

IsolatedProber::IsolatedProber(const topo::TopologySpec& spec) : lowered_(topo::lower(spec)) {
  const auto& links = lowered_.network.links();
  for (uint32_t i = 0; i < links.size(); ++i) {
    if (links[i].bandwidth_bps > 0) timed_links_.push_back(i);
  }
  touched_mark_.assign(lowered_.network.device_count(), 0);
}

IsolatedProber::Run IsolatedProber::run(const topo::Endpoint& from, const topo::Endpoint& to,
                                        ProbeKey probe, bool explain) {
  Run out;
  out.dst = target_address(lowered_, from, to.name);
  {
    NetworkLoan loan(lowered_.network);
    run_probe(loan.sim(), from, to, probe, explain, out);
    note_touched(loan.sim().journey(), from.device);
  }
  reset_touched();
  return out;
}

void IsolatedProber::run_probe(sim::Simulation& sim, const topo::Endpoint& from,
                               const topo::Endpoint& to, ProbeKey probe, bool explain, Run& out) {
  if (probe.proto == ProbeProto::Icmp) {
    // One echo request is enough: an ARP miss queues it rather than losing it, and
    // later requests of a longer ping meet the same fate as the first.
    sim::PingOptions options;
    options.count = 1;
    sim::PingResult r = sim::run_ping(sim, from.device, out.dst, options);
    out.src = r.src;
    out.outcome.result = r.reachable() ? ReachResult::Reachable : ReachResult::Unreachable;
    if (!r.reachable()) {
      blame_missing_public_ip(lowered_, from, to.name, r.reason);
      record_reason(r.reason, explain, out.outcome);
    }
    return;
  }
  sim::ConnectResult r = sim::run_tcp_connect(sim, from.device, out.dst, probe.port, {});
  out.src = r.src;
  out.outcome.result = connect_result(r.verdict);
  if (r.verdict != sim::ConnectVerdict::Open) {
    blame_missing_public_ip(lowered_, from, to.name, r.reason);
    record_reason(r.reason, explain, out.outcome);
  }
}

void IsolatedProber::note_touched(const sim::Journey& journey, sim::DeviceId source) {
  // Every device that handled a frame has a hop in the journey (probes always
  // record one); timers are only set by devices that handled something, and the
  // source is the only device a probe drives directly.
  VPCSIM_CHECK(journey.enabled(), "probes record their journey");
  auto mark = [this](sim::DeviceId d) {
    if (touched_mark_[d.v]) return;
    touched_mark_[d.v] = 1;
    touched_.push_back(d);
  };
  mark(source);
  for (const sim::Hop& hop : journey.hops()) mark(hop.device);
}

void IsolatedProber::reset_touched() {
  for (sim::DeviceId d : touched_) {
    lowered_.network.device(d).reset_state();
    touched_mark_[d.v] = 0;
  }
  touched_.clear();
  for (uint32_t i : timed_links_) {
    sim::Link& link = lowered_.network.links()[i];
    link.busy_until[0] = link.busy_until[1] = sim::SimTime{};
  }
}

}  // namespace vpcsim::cli
