#pragma once
// Carrying out an EmulationPlan on this machine (root, ip netns): create it
// (after removing a previous emulation with the same names), start its
// listeners, and destroy it again. Used by `vpcsim emulate` and `vpcsim crosscheck`.
#include <chrono>
#include <iosfwd>
#include <string>
#include <vector>

#include "tools/vpcsim/emulate/emulation_plan.hpp"

namespace vpcsim::emulate {

// Exit code of `vpcsim emulate` and `vpcsim crosscheck` when this machine cannot
// emulate (not root, no `ip netns`): documented in docs/emulate.md.
constexpr int kExitNoNamespaces = 4;

// The namespaces that exist now and whose names start with `name_prefix`, sorted.
std::vector<std::string> existing_namespaces(const std::string& name_prefix);

// Runs the plan's create commands in order, then starts its listeners and waits
// (at most a few seconds) until each listens. A previous emulation with the same
// name prefix is destroyed first (said on `log`). On the first failing command,
// destroys what was created and returns false with the command and its error in
// `error`.
bool create_emulation(const EmulationPlan& plan, std::ostream& log, std::string* error);

// Stops every process in each `PREFIX-TOPO-*` namespace (SIGTERM, then SIGKILL
// after a second) and deletes the namespaces. Returns how many were deleted.
size_t destroy_emulation(const std::string& name_prefix, std::ostream& log);

}  // namespace vpcsim::emulate
