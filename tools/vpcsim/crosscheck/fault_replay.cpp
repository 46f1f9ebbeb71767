#include "tools/vpcsim/crosscheck/fault_replay.hpp"

#include <algorithm>
#include <cstdio>

#include "tools/vpcsim/emulate/shell_quote.hpp"

namespace vpcsim::crosscheck {
namespace {

// The simulator's ARP entries live 60 s after their last confirmation
// (sim::ArpCache's default; docs/faults.md).
constexpr int64_t kArpLifetimeNs = 60'000'000'000;

std::string seconds(int64_t ns) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3gs", double(ns) / 1e9);
  return buf;
}

}  // namespace

FaultReplay::FaultReplay(const KernelControl& kernel) : kernel_(kernel), state_(*kernel.faults) {}

std::optional<FaultReplay::Target> FaultReplay::target(const topo::StepSpec& step,
                                                       std::string& why) const {
  const emulate::FaultModel& model = *kernel_.faults;
  if (step.link.empty()) {
    if (!model.devices.count(step.node)) {
      why = "the emulation cannot switch " + step.node + " off";
      return std::nullopt;
    }
    return Target{false, 0, step.node};
  }
  auto ends = kernel_.link_ends.find(step.link);
  if (ends != kernel_.link_ends.end()) {
    for (const auto& [node, port] : ends->second) {
      if (std::optional<size_t> l = model.link(node, port)) {
        if (!model.links[*l].can_fail) {
          why = "the emulation cannot fail link " + model.links[*l].what +
                " on its own (no cable runs between its two IP interfaces)";
          return std::nullopt;
        }
        return Target{true, *l, ""};
      }
    }
  }
  why = "the emulation has no link '" + step.link + "' to fail";
  return std::nullopt;
}

std::vector<emulate::Command> FaultReplay::set(const Target& t, bool down,
                                               emulate::FaultState& state) const {
  return t.link ? state.set_link(t.index, down) : state.set_device(t.device, down);
}

std::optional<std::string> FaultReplay::let_time_pass(int64_t d, int64_t end, uint32_t line,
                                                      std::vector<emulate::Command>& flush) const {
  // Entries learned before `end - lifetime` expire. All of them when the
  // time let pass is at least their lifetime; none when the scenario is not
  // that old yet; else some, and which ones depends on when each was last
  // confirmed, which the kernel's tables do not say in the simulator's terms.
  auto some = [&](const std::string& what) {
    return "the " + seconds(d) + " let pass at line " + std::to_string(line) + " ages some " +
           what + " and not others, which the emulation cannot reproduce";
  };
  if (d >= kArpLifetimeNs) {
    for (const std::string& ns : kernel_.namespaces) {
      flush.push_back({{"ip", "-n", ns, "neigh", "flush", "all"},
                       seconds(d) + " pass: every ARP entry has expired"});
    }
  } else if (end >= kArpLifetimeNs) {
    return some("ARP entries");
  }
  for (const auto& [node, bridge] : kernel_.faults->bridges) {
    if (bridge.aging_ns <= 0) continue;
    if (d >= bridge.aging_ns) {
      flush.push_back(
          {{"ip", "-n", bridge.netns, "link", "set", bridge.ifname, "type", "bridge", "fdb_flush"},
           seconds(d) + " pass: every MAC entry of " + node + " has aged out"});
    } else if (end >= bridge.aging_ns) {
      return some("MAC entries of " + node);
    }
  }
  return std::nullopt;
}

bool FaultReplay::run(const std::vector<emulate::Command>& commands, std::vector<std::string>& ran,
                      std::string& why) {
  for (const emulate::Command& c : commands) {
    ran.push_back(emulate::shell_line(c.argv));
    emulate::ExecResult r = kernel_.run(c.argv);
    if (r.exit_code != 0 || r.timed_out) {
      why = "the emulation failed to carry out a step: " + emulate::shell_line(c.argv) + ": " +
            (r.err.empty() ? "exit " + std::to_string(r.exit_code) : r.err);
      while (!why.empty() && why.back() == '\n') why.pop_back();
      return false;
    }
  }
  if (!commands.empty() && kernel_.settle) {
    kernel_.settle(std::chrono::milliseconds(kernel_.faults->settle_ms));
  }
  return true;
}

std::optional<std::string> FaultReplay::apply_steps(const std::vector<topo::StepSpec>& steps,
                                                    int64_t& now_ns, std::vector<std::string>& ran,
                                                    bool* aged_everything) {
  for (const topo::StepSpec& step : steps) {
    std::vector<emulate::Command> commands;
    if (step.at.ns > 0) {
      now_ns += step.at.ns;
      if (auto why = let_time_pass(step.at.ns, now_ns, step.loc.line, commands)) return why;
      bool all = step.at.ns >= kArpLifetimeNs;
      for (const auto& [node, bridge] : kernel_.faults->bridges) {
        all = all && step.at.ns >= bridge.aging_ns;
      }
      if (all && aged_everything) *aged_everything = true;
    }
    if (step.action != topo::StepAction::Wait) {
      std::string why;
      std::optional<Target> t = target(step, why);
      if (!t) return why + " (line " + std::to_string(step.loc.line) + ")";
      std::vector<emulate::Command> fault = set(*t, step.action == topo::StepAction::Fail, state_);
      commands.insert(commands.end(), fault.begin(), fault.end());
    }
    std::string why;
    if (!run(commands, ran, why)) return why;
  }
  return std::nullopt;
}

std::optional<FaultReplay::ProbeFaults> FaultReplay::probe_faults(
    const std::vector<topo::StepSpec>& faults, std::string& why) {
  // In time order; at the same time, in the order written (as the simulator).
  std::vector<const topo::StepSpec*> order;
  for (const topo::StepSpec& f : faults) order.push_back(&f);
  std::stable_sort(order.begin(), order.end(),
                   [](const auto* x, const auto* y) { return x->at.ns < y->at.ns; });
  ProbeFaults out;
  emulate::FaultState during = state_;
  std::vector<Target> touched;
  for (const topo::StepSpec* f : order) {
    std::optional<Target> t = target(*f, why);
    if (!t) {
      why += " (line " + std::to_string(f->loc.line) + ")";
      return std::nullopt;
    }
    touched.push_back(*t);
    auto at = std::chrono::milliseconds(f->at.ns / 1'000'000);
    for (const emulate::Command& c : set(*t, f->action == topo::StepAction::Fail, during)) {
      out.during.push_back({at, c.argv});
    }
  }
  // Afterwards: what the faults touched goes back to how it was before.
  for (const Target& t : touched) {
    bool was_down = t.link ? state_.link_down(t.index) : state_.device_down(t.device);
    std::vector<emulate::Command> back = set(t, was_down, during);
    out.undo.insert(out.undo.end(), back.begin(), back.end());
  }
  return out;
}

}  // namespace vpcsim::crosscheck
