#pragma once
// Shared by the probes: how a probe sets up a run (its own flow id, journey
// recording, an event budget) and how it finds the reason a packet of its flow
// did not get through: the decisive drop in the journey.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/ids.hpp"
#include "sim/core/simulation.hpp"
#include "sim/devices/ip_node.hpp"
#include "sim/trace/trace.hpp"

namespace vpcsim::sim {

inline constexpr uint64_t kDefaultProbeEventBudget = 2'000'000;

// Why a probe (or one packet of it) did not reach its goal.
struct ProbeReason {
  DropReason reason = DropReason::NoRoute;
  DeviceId device;
  std::string device_name;
  std::string detail;  // the drop step's sentence
  std::string object;  // the table / filter consulted, may be empty
  std::string rule;    // the entry that decided, may be empty
  // A loop the packet went round: the routers of a routing loop (ttl-exceeded),
  // or the ports of an L2 loop (broadcast-storm); empty when there was none.
  std::vector<std::string> loop;
  std::string loop_note;  // "routing loop: r1 → r2 → r1, each forwarding …"
  [[nodiscard]] std::string sentence()
      const;  // "dropped at r1: no route to ... (routing table of r1)"
};

// The first drop of `flow` that explains a failure. Drops that are ordinary
// LAN background (a NIC ignoring a frame for another MAC, a switch filtering a
// frame on its own port) are skipped, except that a switch filtering the frame
// is the reason when no other drop is found (a MAC table poisoned by a storm).
// A ttl-exceeded drop names the routing loop the packet went round, if any.
[[nodiscard]] std::optional<ProbeReason> decisive_drop(const Simulation& sim, uint32_t flow);
// The reason for a run that spent its event budget: a broadcast storm naming the
// ports of the L2 loop when the journey shows one, else the generic event-budget.
[[nodiscard]] ProbeReason budget_reason(const Simulation& sim, uint64_t budget);

// Starts a probe: a fresh flow id and an empty journey that records.
struct ProbeRun {
  Simulation& sim;
  uint32_t flow;
  bool budget_exhausted = false;
  explicit ProbeRun(Simulation& s, uint64_t budget = kDefaultProbeEventBudget);
  ~ProbeRun();
  ProbeRun(const ProbeRun&) = delete;
  ProbeRun& operator=(const ProbeRun&) = delete;
  // Runs until `until`; marks an exhausted budget and drops what was left queued.
  void run_until(SimTime until);
};

// The IpNode of `dev`, or nullptr when the device cannot originate traffic.
[[nodiscard]] IpNode* as_ip_node(Simulation& sim, DeviceId dev);

}  // namespace vpcsim::sim
