#include "tools/vpcsim/emulate/emulation_plan.hpp"

#include "tools/vpcsim/emulate/fault_model.hpp"
#include "tools/vpcsim/emulate/lan_plan.hpp"
#include "tools/vpcsim/emulate/plan_builder.hpp"
#include "tools/vpcsim/emulate/unemulated.hpp"
#include "tools/vpcsim/emulate/vpc_plan.hpp"

namespace vpcsim::emulate {

EmulationPlan::EmulationPlan() : faults_(std::make_unique<FaultModel>()) {}
EmulationPlan::~EmulationPlan() = default;
EmulationPlan::EmulationPlan(EmulationPlan&&) noexcept = default;
EmulationPlan& EmulationPlan::operator=(EmulationPlan&&) noexcept = default;

EmulationPlan EmulationPlan::build(const topo::TopologySpec& topology, std::string_view prefix,
                                   PlanOptions options) {
  PlanBuilder plan(prefix, topology.name, options);
  for (const topo::NetworkSpec& net : topology.networks) plan_network(plan, net);
  plan_aws(plan, topology);
  note_unemulated(plan, topology);
  return plan.finish();
}

std::optional<std::string> EmulationPlan::namespace_of(std::string_view node) const {
  auto it = node_namespace_.find(node);
  if (it == node_namespace_.end()) return std::nullopt;
  return it->second;
}

}  // namespace vpcsim::emulate
