#pragma once
// Ping: ICMP echo requests from a node, as iputils ping sends them (56 data
// bytes, one per interval, identifier per run, icmp_seq from 1). Each reply or
// ICMP error that comes back is recorded in arrival order with its time, so the
// output can be printed as iputils prints it.
// Not modelled: duplicates (DUP!), reverse DNS, -f flood timing.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/probes/probe_common.hpp"

namespace vpcsim::sim {

struct PingOptions {
  int count = 3;
  uint8_t ttl = 64;
  Duration interval{1'000'000'000};
  Duration wait{5'000'000'000};  // after the last request (covers 3 ARP tries)
  uint32_t payload_bytes = 56;
  uint64_t event_budget = kDefaultProbeEventBudget;
};

struct PingEvent {
  uint16_t seq = 0;
  bool is_reply = false;  // echo reply, else an ICMP error
  Ipv4Addr from;
  uint8_t ttl = 0;        // of the reply as received
  Duration rtt;
  uint8_t icmp_type = 0, icmp_code = 0;
  SimTime at;
};

struct PingResult {
  uint32_t flow = 0;
  Ipv4Addr src, dst;
  int transmitted = 0;
  int received = 0;
  int errors = 0;
  std::vector<PingEvent> events;           // arrival order
  std::optional<std::string> local_error;  // "Network is unreachable": nothing was sent
  Duration elapsed;                        // first request to last request
  std::optional<ProbeReason> reason;       // set when not every request was answered
  [[nodiscard]] bool reachable() const { return received > 0; }
};

[[nodiscard]] PingResult run_ping(Simulation& sim, DeviceId from, Ipv4Addr to,
                                  const PingOptions& options);

}  // namespace vpcsim::sim
