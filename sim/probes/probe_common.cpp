#include "sim/probes/probe_common.hpp"

namespace vpcsim::sim {

std::string ProbeReason::sentence() const {
  std::string s = "dropped at " + device_name + ": " + detail;
  if (!object.empty()) s += " (" + object + (rule.empty() ? "" : ", " + rule) + ")";
  return s;
}

std::optional<ProbeReason> decisive_drop(const Simulation& sim, uint32_t flow) {
  for (const Hop& hop : sim.journey().hops()) {
    if (hop.packet.flow != flow) continue;
    for (const Step& step : hop.steps) {
      if (!step.drop) continue;
      DropReason r = *step.drop;
      if (r == DropReason::NotAddressedToUs || r == DropReason::SamePortReflection) continue;
      return ProbeReason{r, hop.device, sim.network().device(hop.device).name(), step.detail,
                         step.object, step.rule};
    }
  }
  return std::nullopt;
}

ProbeReason budget_reason(uint64_t budget) {
  return ProbeReason{DropReason::EventBudget, DeviceId{}, "(network)",
                     "the run spent its budget of " + std::to_string(budget) +
                         " events: a broadcast storm or a forwarding loop",
                     {}, {}};
}

ProbeRun::ProbeRun(Simulation& s, uint64_t budget) : sim(s), flow(s.next_flow_id()) {
  sim.journey().clear();
  sim.journey().enable(true);
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
