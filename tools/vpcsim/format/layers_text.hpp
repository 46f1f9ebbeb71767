#pragma once
// `--explain=layers`: the probe's journey event by event, as a beginner reads it:
// each event's frame header by header (L2 Ethernet/ARP, L3 IPv4/ICMP, L4
// TCP/UDP), then what the device did, each line tagged with its OSI layer, the
// routes a lookup compared, and every frame sent on with what changed. The
// steps are those of `--explain` (same details, same deciding entries), only
// regrouped; the tables after the probe follow, as with `--explain`.
#include <string>

#include "sim/core/simulation.hpp"

namespace vpcsim::cli {

[[nodiscard]] std::string layers_text(const sim::Simulation& sim);

}  // namespace vpcsim::cli
