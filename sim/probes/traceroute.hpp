#pragma once
// Traceroute: probes with TTL 1, 2, ... from a node, three per hop, as Linux
// traceroute does: UDP to port 33434 upward (default), ICMP echo (-I) or TCP
// SYN (-T, port 80 by default). A hop is the source of the ICMP time exceeded;
// the trace ends when the destination answers (port unreachable, echo reply,
// SYN-ACK or RST), when a hop reports !N/!H/!X, or at max_hops.
// Not modelled: parallel probes across hops (-N), AS lookups, MTU discovery.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/probes/probe_common.hpp"

namespace vpcsim::sim {

enum class TracerouteMode : uint8_t { Udp, Icmp, Tcp };

struct TracerouteOptions {
  TracerouteMode mode = TracerouteMode::Udp;
  std::optional<uint16_t> port;         // UDP: base port (33434); TCP: destination port (80)
  std::optional<uint16_t> source_port;  // UDP/TCP; default: one ephemeral port
  int max_hops = 30;
  int first_ttl = 1;
  int queries = 3;
  Duration wait{5'000'000'000};
  uint64_t event_budget = kDefaultProbeEventBudget;
};

struct TracerouteQuery {
  bool answered = false;
  Ipv4Addr from;
  Duration rtt;
  std::string marker;  // "", "!N", "!H", "!P", "!X", "!<code>"
  uint32_t flow = 0;
};

struct TracerouteHop {
  int ttl = 0;
  std::vector<TracerouteQuery> queries;
};

struct TracerouteResult {
  Ipv4Addr src, dst;
  uint16_t packet_bytes = 60;  // as Linux prints in its header line
  int max_hops = 30;
  std::vector<TracerouteHop> hops;
  bool reached = false;
  std::optional<std::string> local_error;
  std::optional<ProbeReason> reason;  // why the destination was not reached
};

[[nodiscard]] TracerouteResult run_traceroute(Simulation& sim, DeviceId from, Ipv4Addr to,
                                              const TracerouteOptions& options);

}  // namespace vpcsim::sim
