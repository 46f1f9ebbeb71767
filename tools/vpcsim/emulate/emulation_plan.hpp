#pragma once
// EmulationPlan: the list of programs (`ip`, `iptables`, `sysctl` run through
// `ip netns exec`, ...) that materialize a validated topology in Linux network
// namespaces on this machine, and the list that removes it again. Building a
// plan is pure: nothing runs, so `vpcsim emulate --dry-run` and the unit tests
// can print and check it without root. See docs/emulate.md for the mapping of
// every topology element.
//
// Invariant: every command acts inside a namespace the plan owns. Each one is
// `ip netns add NS`, `ip netns del NS`, `ip -n NS ...` or `ip netns exec NS ...`
// with NS starting with "PREFIX-": no link, address or route is ever created in
// the root namespace, so destroying the namespaces removes everything.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "topology/spec.hpp"

namespace vpcsim::emulate {

// One program run, never through a shell.
struct Command {
  std::vector<std::string> argv;  // e.g. {"ip","netns","add","vs-small-service-client"}
  std::string why;                // "namespace for instance client" (shown by --dry-run)
  // Destroying only: the command lists process ids (`ip netns pids NS`), and
  // each one listed is then sent SIGTERM (the listeners the plan started).
  bool kill_listed_pids = false;
};

// A process the plan starts in the background (a TCP/UDP listener) and that
// --destroy stops: it runs in `netns` until the namespace's processes are killed.
struct Listener {
  std::string node;
  std::string netns;
  std::vector<std::string> argv;  // inside the namespace, e.g. {"nc","-lkn","22"}
  std::string why;
  bool udp = false;
  uint16_t port = 0;
};

struct FaultModel;

// Choices of the plan beyond the topology.
struct PlanOptions {
  // Run every link between two IP interfaces through a "cable" namespace, so
  // that it can fail like a pulled cable (`vpcsim crosscheck` of a scenario
  // with faults). Links down in the topology always get one.
  bool cables = false;
};

class EmulationPlan {
 public:
  // Pure: no side effects. `topology` must have validated without errors.
  // `prefix` starts every name it creates (default "vs").
  static EmulationPlan build(const topo::TopologySpec& topology, std::string_view prefix = "vs",
                             PlanOptions options = {});
  EmulationPlan();
  ~EmulationPlan();
  EmulationPlan(EmulationPlan&&) noexcept;
  EmulationPlan& operator=(EmulationPlan&&) noexcept;

  // Creates every namespace, link, address, route and filter (not the listeners).
  [[nodiscard]] const std::vector<Command>& create_commands() const { return create_; }
  // Background processes to start after create_commands() succeeded.
  [[nodiscard]] const std::vector<Listener>& listeners() const { return listeners_; }
  // Deletes every namespace of the plan (their links and bridges go with them).
  // Listeners must be killed first: see namespaces().
  [[nodiscard]] const std::vector<Command>& destroy_commands() const { return destroy_; }

  // The namespace in which a node's processes run (host, instance, router,
  // internet host, NAT gateway, switch, ...); nullopt for an unknown name.
  [[nodiscard]] std::optional<std::string> namespace_of(std::string_view node) const;
  // Every namespace of the plan, in creation order.
  [[nodiscard]] const std::vector<std::string>& namespaces() const { return namespaces_; }
  // Where this emulation deliberately departs from the model, one sentence each
  // (e.g. STP turned on in a network whose switches form a loop, so no storm):
  // `vpcsim emulate` prints them on stderr; crosscheck may cite them.
  [[nodiscard]] const std::vector<std::string>& notes() const { return notes_; }
  // "PREFIX-TOPO-": every namespace name starts with it.
  [[nodiscard]] const std::string& name_prefix() const { return name_prefix_; }
  // How links and devices of this emulation fail and come back (fault_model.hpp).
  [[nodiscard]] const FaultModel& fault_model() const { return *faults_; }

 private:
  friend class PlanBuilder;
  std::string name_prefix_;
  std::vector<Command> create_;
  std::vector<Listener> listeners_;
  std::vector<Command> destroy_;
  std::vector<std::string> namespaces_;
  std::vector<std::string> notes_;
  std::map<std::string, std::string, std::less<>> node_namespace_;
  std::unique_ptr<FaultModel> faults_;
};

}  // namespace vpcsim::emulate
