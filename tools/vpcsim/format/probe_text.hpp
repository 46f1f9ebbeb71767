#pragma once
// Human output of the probes, printed the way the real tools print it, so that
// people read it at a glance and parsers of the real tools (e.g. `jc --ping`,
// `jc --traceroute`) accept it:
//   ping       iputils ping 20221126 (Debian 12) with -n: numeric addresses
//   traceroute Linux traceroute 2.1 with -n
//   telnet     netkit telnet, up to the connection (no session is modelled)
//   ssh        OpenSSH's client with -v, only its lines about connecting (no
//              key exchange, no authentication), then one summary line of ours
// Every function returns complete lines, each ending in '\n'. Where the real
// tool writes a line to stderr (a local error), it is part of the returned text
// too: the caller decides where the text goes.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

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

// One TCP connection of an ssh session (a leg): the node that opened it, the
// target as that node named it, and how the connection went.
struct SshLeg {
  std::string from;    // name of the node that opened the connection
  std::string target;  // what it connected to, as named from there (name or address)
  sim::ConnectResult result;
};

// An ssh session as `ssh [-J via] to` makes it. Direct: one leg, from -> to.
// Through a jump host: the leg from -> via:22 and, only when that one opened,
// the leg via -> to (the target named as the jump host sees it). Not modelled:
// key exchange, authentication, the jump host's forwarding policy.
struct SshSession {
  std::string from;  // the source node's name
  std::string to;    // the target as the user typed it
  std::string via;   // the jump host as typed; empty for a direct connection
  std::vector<SshLeg> legs;

  // The last leg that was attempted (there is always at least one).
  [[nodiscard]] const SshLeg& last() const { return legs.back(); }
  // Every leg was attempted and the last one opened: the session reached `to`.
  [[nodiscard]] bool connected() const {
    return !legs.empty() && legs.size() == (via.empty() ? 1u : 2u) &&
           last().result.verdict == sim::ConnectVerdict::Open;
  }
};

// ssh -v, connection lines only. Per leg "debug1: Connecting to NAME [IP] port
// N." and, when it opens, "debug1: Connection established.". A direct
// connection (or the one to the jump host) that fails prints OpenSSH's
// "ssh: connect to host NAME port N: <strerror>" (NAME as typed, as OpenSSH
// prints its host argument); a failure of the jump host's onward connection
// prints what the client gets back: "channel 0: open failed: connect failed:
// <strerror>" and "stdio forwarding failed". Through a jump host a failure ends,
// as with ProxyJump, with the outer ssh's "kex_exchange_identification:
// Connection closed by remote host" and "Connection closed by UNKNOWN port
// 65535". Last, our summary: "ssh: connected to NAME (IP) port N[ via JUMP]",
// or "ssh: no connection ..." naming the failing leg, then its reason_line().
[[nodiscard]] std::string ssh_text(const SshSession& s);

// "reason: <code> (<sentence>)\n", e.g. "reason: no-route (dropped at r2: no
// route to 172.16.0.1 (routing table of r2))"; empty when there is no reason.
[[nodiscard]] std::string reason_line(const std::optional<sim::ProbeReason>& reason);

}  // namespace vpcsim::cli
