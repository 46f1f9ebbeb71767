#pragma once
// PingOutput: the output of iputils ping -n (Debian 12's 20221126), as the real
// tool prints it in an emulated namespace and as `vpcsim ping` prints it:
//   PING 10.0.2.10 (10.0.2.10) 56(84) bytes of data.
//   64 bytes from 10.0.2.10: icmp_seq=1 ttl=63 time=0.053 ms
//   From 10.0.1.1 icmp_seq=2 Destination Net Unreachable
//   --- 10.0.2.10 ping statistics ---
//   3 packets transmitted, 1 received, +1 errors, 66.6667% packet loss, time 2029ms
// or only "ping: connect: Network is unreachable" when nothing could be sent.
// Lines it does not know (rtt statistics, "pipe N", blank lines) are skipped.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tools/vpcsim/crosscheck/observation.hpp"

namespace vpcsim::crosscheck {

struct PingReply {
  std::string from;
  int seq = 0;
  int ttl = 0;
  bool duplicate = false;  // "(DUP!)"
};

struct PingError {
  std::string from;
  int seq = 0;
  std::string message;  // "Destination Host Unreachable", "Time to live exceeded", ...
};

struct PingOutput {
  std::string destination;  // the address in the PING header
  std::vector<PingReply> replies;
  std::vector<PingError> errors;  // arrival order
  std::optional<int> transmitted, received;
  std::optional<std::string> local_error;  // "Network is unreachable"
  // "ping: sendmsg: Operation not permitted": the source's own firewall refused
  // a request (in the emulation, a security group's egress rule).
  bool send_refused = false;
};

[[nodiscard]] PingOutput parse_ping_output(std::string_view text);

// reachable when any request was answered; otherwise the first ICMP error's
// class (or silence, or the local error).
[[nodiscard]] Observation observe_ping(const PingOutput& ping);

}  // namespace vpcsim::crosscheck
