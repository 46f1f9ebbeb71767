#pragma once
// The kernel's side of a probe: its real steps run (through a StepRunner, so
// tests can replay captured outputs), their output read into an Observation.
// A tool that could not run, ran past its limit or printed something not
// understood gives the verdict "error" with what it printed: a disagreement
// that names the emulation as the side to look at.
#include <functional>
#include <string>
#include <vector>

#include "tools/vpcsim/crosscheck/observation.hpp"
#include "tools/vpcsim/crosscheck/real_probe.hpp"
#include "tools/vpcsim/emulate/command_runner.hpp"

namespace vpcsim::crosscheck {

// Runs one step; in `vpcsim crosscheck`, `ip netns exec NS argv...`.
using StepRunner = std::function<emulate::ExecResult(const RealStep&)>;

struct KernelSide {
  Observation observation;
  std::vector<std::string> commands;  // the command lines run, in order
  std::string output;                 // everything they printed (stdout, then stderr)
};

[[nodiscard]] KernelSide run_real_probe(const RealProbe& probe, const StepRunner& runner);

// One step's result read as the tool's output (exposed for the unit tests).
[[nodiscard]] Observation observe_step(const RealStep& step, const emulate::ExecResult& result);

}  // namespace vpcsim::crosscheck
