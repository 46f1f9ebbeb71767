#pragma once
// EmulatedNetwork: an EmulationPlan brought up for the length of one scenario's
// crosscheck, with `vpcsim emulate`'s own runner (emulate/emulation_runner):
// created fresh (a leftover of the same names, from --keep or an interrupted
// run, is removed first), listeners listening before the first probe, and
// destroyed on scope exit unless kept.
#include <iosfwd>
#include <stdexcept>
#include <string>

#include "tools/vpcsim/emulate/emulation_plan.hpp"

namespace vpcsim::crosscheck {

// The emulation could not be built: the failed command and its error.
struct EmulationError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class EmulatedNetwork {
 public:
  // Throws EmulationError (after removing what was created). `log` gets the
  // runner's notes (a previous emulation removed, a namespace not deleted).
  EmulatedNetwork(const emulate::EmulationPlan& plan, bool keep, std::ostream& log);
  ~EmulatedNetwork();
  EmulatedNetwork(const EmulatedNetwork&) = delete;
  EmulatedNetwork& operator=(const EmulatedNetwork&) = delete;

 private:
  std::string name_prefix_;
  bool keep_;
  std::ostream& log_;
};

}  // namespace vpcsim::crosscheck
