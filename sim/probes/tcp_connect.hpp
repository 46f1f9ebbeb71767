#pragma once
// TcpConnect: one TCP connection attempt, as telnet or ssh makes it: SYN, then
// SYN-ACK (open, answered with ACK), RST (refused), an ICMP error (unreachable,
// e.g. "No route to host"), or silence until the timeout. Also records which
// node's listener accepted the SYN and the source address it saw (after NAT).
// Not modelled: SYN retransmissions, data transfer, connection teardown.
#include <cstdint>
#include <optional>
#include <string>

#include "sim/probes/probe_common.hpp"

namespace vpcsim::sim {

struct ConnectOptions {
  std::optional<uint16_t> source_port;  // default: the next ephemeral port
  uint8_t ttl = 64;
  Duration timeout{10'000'000'000};
  uint64_t event_budget = kDefaultProbeEventBudget;
};

enum class ConnectVerdict : uint8_t { Open, Refused, Timeout, Unreachable };
[[nodiscard]] std::string_view verdict_name(ConnectVerdict v);

struct ConnectResult {
  uint32_t flow = 0;
  Ipv4Addr src, dst;
  uint16_t src_port = 0, dst_port = 0;
  ConnectVerdict verdict = ConnectVerdict::Timeout;
  std::optional<std::string> local_error;  // nothing was sent ("Network is unreachable")
  std::optional<Ipv4Addr> error_from;      // source of the ICMP error
  uint8_t icmp_type = 0, icmp_code = 0;
  Duration rtt;
  std::optional<DeviceId> served_by;  // node whose listener accepted the SYN
  Ipv4Addr seen_source;               // source address that listener saw
  uint16_t seen_port = 0;             // port it was accepted on (after port forwarding)
  std::optional<ProbeReason> reason;  // set unless open
};

[[nodiscard]] ConnectResult run_tcp_connect(Simulation& sim, DeviceId from, Ipv4Addr to,
                                            uint16_t port, const ConnectOptions& options);

}  // namespace vpcsim::sim
