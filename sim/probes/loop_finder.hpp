#pragma once
// Loops found in a run's journey, by following each hop back to the hop that
// sent its frame (Hop::parent):
// - an L2 loop: a frame that came back to a switch or hub port it had already
//   entered (same packet) went round a cycle of switches and hubs; with no STP
//   modelled it circulates until the event budget ends the run;
// - a routing loop: a packet that reached the same router twice went round a
//   cycle of routers, each forwarding it to the next, until its TTL ran out.
// Only the journey is read: what is reported is what the frames really did.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/simulation.hpp"

namespace vpcsim::sim {

struct L2Loop {
  // The ports the frame crossed, from the port it left the first switch by to the
  // port it came back in on: "sw1:p2", "sw2:p1", "sw2:p3", "sw3:p1", ..., "sw1:p1".
  std::vector<std::string> ports;
  DeviceId first;                              // the switch or hub where the loop was closed
  [[nodiscard]] std::string sentence() const;  // "broadcast storm: the frame looped sw1:p2 → …"
};

struct RoutingLoop {
  std::vector<std::string> routers;  // r1, r2: the cycle, without repeating its start
  Ipv4Addr destination;
  [[nodiscard]] std::string sentence() const;  // "routing loop: r1 → r2 → r1, each forwarding …"
};

// The first frame of the journey that re-entered a switch or hub port.
[[nodiscard]] std::optional<L2Loop> find_l2_loop(const Simulation& sim);
// The routers the packet of hop `hop` went round, if it visited one twice.
[[nodiscard]] std::optional<RoutingLoop> find_routing_loop(const Simulation& sim, int32_t hop);

}  // namespace vpcsim::sim
