#pragma once
// DnsQuery: one DNS question asked by a node, as dig or a stub resolver asks
// it: a UDP datagram from an ephemeral port to port 53 of `server`, then the
// answer, an ICMP error (port unreachable: "connection refused"), or silence
// until the timeout. The reason of a failure is the decisive drop of the
// query's flow (a security group, a NACL, a route), else the answer's own:
// nxdomain, nodata, cname-loop (the server recorded why in the journey).
// Not modelled: retries (dig +tries=1), search domains, TCP fallback.
#include <cstdint>
#include <optional>
#include <string>

#include "sim/probes/probe_common.hpp"
#include "sim/services/dns_message.hpp"

namespace vpcsim::sim {

struct DnsQueryOptions {
  std::optional<uint16_t> source_port;  // default: the next ephemeral port
  uint16_t id = 0;                      // default: derived from the flow (deterministic)
  Duration timeout{5'000'000'000};      // dig's +time=5
  uint64_t event_budget = kDefaultProbeEventBudget;
};

enum class DnsVerdict : uint8_t { Answered, Refused, Timeout, Unreachable };

struct DnsQueryResult {
  uint32_t flow = 0;
  Ipv4Addr src, server;
  uint16_t src_port = 0;
  std::string question;  // absolute
  uint16_t qtype = dns_type::kA;
  DnsVerdict verdict = DnsVerdict::Timeout;
  std::optional<DnsMessage> response;
  std::optional<std::string> local_error;  // nothing was sent ("Network is unreachable")
  std::optional<Ipv4Addr> error_from;      // source of an ICMP error
  Duration rtt;
  SimTime sent;
  // Set unless the answer holds records of the type asked.
  std::optional<ProbeReason> reason;

  // The records of the type asked, at the end of any CNAME chain.
  [[nodiscard]] std::vector<DnsRecord> records() const;
  // The addresses of the A records (empty unless answered).
  [[nodiscard]] std::vector<Ipv4Addr> addresses() const;
};

[[nodiscard]] DnsQueryResult run_dns_query(Simulation& sim, DeviceId from, Ipv4Addr server,
                                           const std::string& name, uint16_t qtype,
                                           const DnsQueryOptions& options = {});

}  // namespace vpcsim::sim
