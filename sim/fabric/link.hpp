#pragma once
// Link: a point-to-point cable between two ports. It owns its latency and
// optional bandwidth; with a bandwidth, frames queue per direction (serialization
// delay = bits / rate), so back-to-back frames arrive spaced as on a real wire.
// Not modelled: loss, errors, duplex mismatch, queue limits.
#include <cstdint>

#include "sim/core/ids.hpp"
#include "sim/core/time.hpp"

namespace vpcsim::sim {

struct Link {
  PortRef a, b;
  Duration latency{100'000};
  uint64_t bandwidth_bps = 0;  // 0: infinite
  bool down = false;
  SimTime busy_until[2];       // per direction: 0 = a->b, 1 = b->a
};

}  // namespace vpcsim::sim
