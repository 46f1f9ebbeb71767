#include "tools/vpcsim/crosscheck/emulated_network.hpp"

#include "tools/vpcsim/emulate/emulation_runner.hpp"

namespace vpcsim::crosscheck {

EmulatedNetwork::EmulatedNetwork(const emulate::EmulationPlan& plan, bool keep, std::ostream& log)
    : name_prefix_(plan.name_prefix()), keep_(keep), log_(log) {
  std::string error;
  if (!emulate::create_emulation(plan, log_, &error)) throw EmulationError(error);
}

EmulatedNetwork::~EmulatedNetwork() {
  if (!keep_) (void)emulate::destroy_emulation(name_prefix_, log_);
}

}  // namespace vpcsim::crosscheck
