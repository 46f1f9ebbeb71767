#pragma once
// FaultModel: how the emulation fails and restores links and devices, so that
// `vpcsim crosscheck` can replay a scenario's <fail>, <restore> and <wait>
// steps (docs/faults.md) on the real network. Built by PlanBuilder with the
// plan; pure data. FaultState (below) turns a fault into the commands that
// carry it out, from the current state.
//
// How a fault is carried out (docs/emulate.md, "Faults"):
//   link down:   a pulled cable. The interface that cuts it is set down: the
//                switch port at one end (a bridge port holds no addresses or
//                routes), or, between two IP interfaces, both ends of the
//                "cable" namespace the link runs through (tc mirred joins
//                them while it is up). Either way the nodes at the ends see no
//                carrier and keep their addresses, routes and ARP entries
//                (arp_evict_nocarrier=0), as the model's hosts do.
//   device down: powered off. Every interface of the node is set down (for a
//                switch, its bridge and ports: the neighbours lose carrier,
//                their bridges flush); the kernel drops its routes and
//                neighbour entries with them. Restoring sets them up and adds
//                its routes back (`ip route replace`).
// Not carried out: a link between two IP interfaces built without a cable
// (`can_fail` false: an internet host's link to the core), and a device
// that is not a node of the file (VPC routers, IGWs).
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tools/vpcsim/emulate/emulation_plan.hpp"

namespace vpcsim::emulate {

struct FaultModel {
  // An interface that faults set down and up: up exactly when every link in
  // `links` and every device in `devices` is up.
  struct Interface {
    std::string netns, ifname;
    std::vector<size_t> links;
    std::vector<std::string> devices;
  };
  struct Link {
    std::string what;   // "r1:eth1 - r2:eth0"
    bool down = false;  // in the topology (down="true")
    bool can_fail = true;
  };
  // A learning bridge of a classic network: what a <wait> ages.
  struct Bridge {
    std::string netns, ifname;
    int64_t aging_ns = 0;
  };

  std::vector<Interface> interfaces;  // in plan order
  std::vector<Link> links;
  // A link by either end, named as the simulator names ports: (node, interface)
  // or (switch, "pN").
  std::map<std::pair<std::string, std::string>, size_t> link_by_end;
  std::map<std::string, bool, std::less<>> devices;        // node -> down in the topology
  std::map<std::string, std::vector<Command>> on_restore;  // node -> its routes, re-added
  std::map<std::string, Bridge> bridges;                   // switch node -> its bridge
  int settle_ms = 1000;  // after a fault: carrier changes reach every end (5 s with STP)

  [[nodiscard]] std::optional<size_t> link(std::string_view node, std::string_view port) const;
};

// The emulation's current fault state (starts as the topology says) and the
// commands that change it.
class FaultState {
 public:
  explicit FaultState(const FaultModel& model);

  // Commands that set `link` (an index of model.links) or `device` down or up;
  // empty when it already is. The state is updated as if they ran.
  [[nodiscard]] std::vector<Command> set_link(size_t link, bool down);
  [[nodiscard]] std::vector<Command> set_device(const std::string& device, bool down);

  [[nodiscard]] bool link_down(size_t link) const { return down_links_.count(link) > 0; }
  [[nodiscard]] bool device_down(const std::string& d) const { return down_devices_.count(d) > 0; }
  [[nodiscard]] const FaultModel& model() const { return *model_; }

 private:
  [[nodiscard]] std::vector<bool> interface_states() const;
  std::vector<Command> changes(const std::vector<bool>& before,
                               const std::set<std::string>& devices_before);

  const FaultModel* model_;
  std::set<size_t> down_links_;
  std::set<std::string> down_devices_;
};

// `ip -n NS link set IF up|down`, with a reason.
[[nodiscard]] Command link_set(const std::string& netns, const std::string& ifname, bool up,
                               std::string why);

}  // namespace vpcsim::emulate
