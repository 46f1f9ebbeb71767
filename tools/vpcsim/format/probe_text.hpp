#pragma once
// Human output of the probes, printed the way the real tools print it, so that
// people read it at a glance and parsers of the real tools (e.g. `jc --ping`,
// `jc --traceroute`) accept it:
//   ping       iputils ping 20221126 (Debian 12) with -n: numeric addresses
//   traceroute Linux traceroute 2.1 with -n
//   telnet     netkit telnet, up to the connection (no session is modelled)
// Every function returns complete lines, each ending in '\n'. Where the real
// tool writes a line to stderr (a local error), it is part of the returned text
// too: the caller decides where the text goes.
#include <cstdint>
#include <optional>
#include <string>

#include "sim/probes/ping.hpp"
#include "sim/probes/probe_common.hpp"
#include "sim/probes/tcp_connect.hpp"
#include "sim/probes/traceroute.hpp"

namespace vpcsim::cli {

// Ping statistics computed exactly as iputils computes them, in integer
// microseconds (round-trip times are truncated to µs, as iputils' timeval
// arithmetic does), so that text and JSON show the same numbers.
struct PingStats {
  std::string loss;         // packet loss as printed: printf("%g", (float)percent), e.g. "33.3333"
  double loss_percent = 0;  // the same value as a number
  int64_t time_ms = 0;      // elapsed time as printed after "time " (rounded ms)
  bool has_rtt = false;     // at least one reply
  int64_t min_us = 0, avg_us = 0, max_us = 0, mdev_us = 0;
};
[[nodiscard]] PingStats ping_stats(const sim::PingResult& r);

// The text iputils prints for an ICMP error (pr_icmph), e.g. "Destination Net
// Unreachable", "Packet filtered" (code 13), "Time to live exceeded".
[[nodiscard]] std::string ping_icmp_message(uint8_t type, uint8_t code);

// iputils ping: the `PING` header, one line per reply or ICMP error in arrival
// order, then the statistics. `target` is what the user typed (a node name or
// an address): it heads the output and the statistics, as the host argument of
// ping does; replies show numeric addresses. A local error (no route: nothing
// was sent) gives only "ping: connect: Network is unreachable".
[[nodiscard]] std::string ping_text(const sim::PingResult& r, const std::string& target,
                                    const sim::PingOptions& o);

// Linux traceroute -n: the header, then one line per TTL: the address of each
// answering hop (repeated only when it changes within the line), the time of
// each query, `*` for a query nobody answered and the !N/!H/!X/!P markers.
// `mode` only changes how a local error looks: UDP prints the header first,
// -I and -T fail before printing it (as the real tool does).
[[nodiscard]] std::string traceroute_text(const sim::TracerouteResult& r, const std::string& target,
                                          sim::TracerouteMode mode = sim::TracerouteMode::Udp);

// telnet: "Trying <ip>..." then "Connected to <target>." and the escape line,
// or "telnet: Unable to connect to remote host: <strerror>" with the error a
// Linux socket reports for the outcome (refused, timed out, no route to host,
// network is unreachable).
[[nodiscard]] std::string telnet_text(const sim::ConnectResult& r, const std::string& target);

// "reason: <code> (<sentence>)\n", e.g. "reason: no-route (dropped at r2: no
// route to 172.16.0.1 (routing table of r2))"; empty when there is no reason.
[[nodiscard]] std::string reason_line(const std::optional<sim::ProbeReason>& reason);

}  // namespace vpcsim::cli
