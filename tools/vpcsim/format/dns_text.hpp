#pragma once
// DNS query results as the real tools print them: dig (BIND 9.18's layout:
// header, flags, QUESTION/ANSWER/AUTHORITY sections, ;; Query time from
// simulated time, ;; SERVER), dig +short, and nslookup; and as JSON.
// What dig prints from the wall clock (;; WHEN) is left out: output must not
// depend on it. No EDNS: the ADDITIONAL count is 0 and there is no OPT section.
#include <string>

#include <nlohmann/json.hpp>

#include "sim/services/dns_client.hpp"

namespace vpcsim::cli {

struct DigOptions {
  std::string server_arg;  // "@10.0.1.53" when given on the command line, else empty
  bool short_form = false;
};

// "NOERROR", "NXDOMAIN", "SERVFAIL", or "timeout" / "refused" / "unreachable"
// when no answer came back.
[[nodiscard]] std::string dns_status(const sim::DnsQueryResult& r);

[[nodiscard]] std::string dig_text(const sim::DnsQueryResult& r, const DigOptions& options);
[[nodiscard]] std::string nslookup_text(const sim::DnsQueryResult& r);

// {"question", "type", "server", "source", "source_port", "status", "rcode",
//  "flags", "answers": [{"name", "ttl", "type", "data"}], "authority": [...],
//  "query_time_ns", "reason"}
[[nodiscard]] nlohmann::ordered_json dig_json(const sim::DnsQueryResult& r);

// The "why:" sentence of a failed query: the server's own words for an answer
// without records ("the Amazon DNS server of VPC prod (10.0.0.2) answered: no
// record named ..."), else the decisive drop (ProbeReason::sentence).
[[nodiscard]] std::string dns_why(const sim::ProbeReason& reason);

}  // namespace vpcsim::cli
