#include "sim/probes/probe_common.hpp"

#include <algorithm>

#include "sim/probes/loop_finder.hpp"
#include "sim/services/dhcp_boot.hpp"

namespace vpcsim::sim {

std::string ProbeReason::sentence() const {
  std::string s = "dropped at " + device_name + ": " + detail;
  if (!object.empty()) s += " (" + object + (rule.empty() ? "" : ", " + rule) + ")";
  if (!loop_note.empty()) s += "; " + loop_note;
  return s;
}

namespace {

// A copy of a flooded frame lost on a down link or at a down device while other
// copies went on (the hop also sent the frame somewhere): not, by itself, why the
// probe failed.
bool lost_copy(const Hop& hop, DropReason r) {
  if (r != DropReason::LinkDown && r != DropReason::DeviceDown) return false;
  return std::any_of(hop.steps.begin(), hop.steps.end(),
                     [](const Step& s) { return s.kind == StepKind::Egress; });
}

// The ARP request was for an address of a device that is down: that is why
// nobody answered.
bool asks_for_a_down_device(const Simulation& sim, const Hop& hop) {
  if (!hop.packet.is_arp()) return false;
  const Network& net = sim.network();
  for (size_t d = 0; d < net.device_count(); ++d) {
    const auto* node = dynamic_cast<const IpNode*>(&net.device(DeviceId{uint32_t(d)}));
    if (node && node->is_down() && node->owns(hop.packet.arp.target_ip)) return true;
  }
  return false;
}

}  // namespace

std::optional<ProbeReason> decisive_drop(const Simulation& sim, uint32_t flow) {
  const std::vector<Hop>& hops = sim.journey().hops();
  // Background drops (a NIC ignoring a frame for another MAC, a switch filtering a
  // frame on its own port, one flooded copy lost) explain a failure only when
  // nothing else does: after a broadcast storm, a switch may still have a station
  // on the wrong port.
  std::optional<ProbeReason> background, down_target;
  for (size_t h = 0; h < hops.size(); ++h) {
    const Hop& hop = hops[h];
    if (hop.packet.flow != flow) continue;
    for (const Step& step : hop.steps) {
      if (!step.drop) continue;
      DropReason r = *step.drop;
      if (r == DropReason::NotAddressedToUs) continue;
      ProbeReason why{r,           hop.device,  sim.network().device(hop.device).name(),
                      step.detail, step.object, step.rule,
                      {},          {}};
      if (r == DropReason::SamePortReflection || lost_copy(hop, r)) {
        if (!down_target && r == DropReason::DeviceDown && asks_for_a_down_device(sim, hop)) {
          down_target = why;
        }
        if (!background) background = std::move(why);
        continue;
      }
      // Nobody answered ARP because the one who would have is down.
      if (r == DropReason::ArpTimeout && down_target) return down_target;
      // TTL ran out: the real tools see only "time exceeded"; the journey shows
      // whether the packet was going round in circles.
      if (r == DropReason::TtlExceeded) {
        if (auto loop = find_routing_loop(sim, int32_t(h))) {
          why.loop = loop->routers;
          why.loop_note = loop->sentence();
        }
      }
      return why;
    }
  }
  return background;
}

ProbeReason budget_reason(const Simulation& sim, uint64_t budget) {
  std::string spent = "the run spent its budget of " + std::to_string(budget) + " events";
  if (auto loop = find_l2_loop(sim)) {
    return ProbeReason{DropReason::BroadcastStorm,
                       loop->first,
                       sim.network().device(loop->first).name(),
                       loop->sentence() + "; " + spent,
                       {},
                       {},
                       loop->ports,
                       {}};
  }
  return ProbeReason{DropReason::EventBudget,
                     DeviceId{},
                     "(network)",
                     spent + ": a broadcast storm or a forwarding loop",
                     {},
                     {},
                     {},
                     {}};
}

ProbeRun::ProbeRun(Simulation& s, uint64_t budget) : sim(s), flow(s.next_flow_id()) {
  sim.journey().clear();
  sim.journey().enable(true);
  run_dhcp_exchanges(sim);  // hosts with ip="dhcp" get their address before the first probe
  sim.set_event_budget(budget);
}

ProbeRun::~ProbeRun() { sim.set_app_sink(nullptr); }

void ProbeRun::run_until(SimTime until) {
  if (sim.run(until) == RunStatus::BudgetExhausted) {
    budget_exhausted = true;
    sim.discard_pending();
  }
}

IpNode* as_ip_node(Simulation& sim, DeviceId dev) {
  return dynamic_cast<IpNode*>(&sim.network().device(dev));
}

}  // namespace vpcsim::sim
