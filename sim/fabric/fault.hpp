#pragma once
// Fault: a link or a device failing or coming back at a simulated time. Faults
// are ordinary events of the engine (Simulation::schedule_fault), ordered by
// (time, seq) like frames, so a run with faults is as deterministic as one
// without. What a fault does:
//   link down:     frames sent on it, or in flight on it, are lost (link-down);
//                  the switch ports at its ends flush the MACs learned there.
//   device down:   it neither sends, receives nor forwards; frames to it are
//                  lost (device-down); it forgets what it learned (ARP, MACs,
//                  connections: a powered-off device's memory), its pending
//                  timers are void, and its neighbours' switch ports flush.
//   restore:       the link or device works again; learned state refills by
//                  itself (ARP, MAC learning), as after a real repair.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/time.hpp"

namespace vpcsim::sim {

class Network;

enum class FaultTarget : uint8_t { Link, Device };

struct Fault {
  FaultTarget target = FaultTarget::Link;
  uint32_t index = 0;  // LinkId or DeviceId
  bool down = true;    // fail (true) or restore (false)
};

// A fault at a time relative to the start of a probe (or a scenario step).
struct TimedFault {
  Fault fault;
  Duration at;
  std::string name;  // as the user wrote it, e.g. "r1:eth1" or "sw1"
};

// Name resolution, for the command line and scenario files. A link is named by
// one of its ends: "node:port" (an interface, or a switch port p1, p2, ...), or
// just "node" when that node has exactly one link. On failure, `error` says
// what was wrong and lists the valid names.
[[nodiscard]] std::optional<uint32_t> find_link(const Network& net, std::string_view end,
                                                std::string& error);
[[nodiscard]] std::optional<uint32_t> find_device(const Network& net, std::string_view name,
                                                  std::string& error);

// Faults sorted by time; at the same time, in the order given (stable).
void sort_faults(std::vector<TimedFault>& faults);

}  // namespace vpcsim::sim
