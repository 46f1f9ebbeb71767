#pragma once
// Observation: what one probe showed, on either side (the simulator's tool
// output or the real tool's), reduced to what both can show and crosscheck
// compares: the verdict, the reason class, the sender of the first ICMP error,
// the TTL of the first ping reply and a traceroute's hop list. Round-trip
// times, sequence numbers and ports are left out on purpose: they differ by
// design (see docs/crosscheck.md).
#include <optional>
#include <string>
#include <vector>

#include "tools/vpcsim/crosscheck/reason_class.hpp"

namespace vpcsim::crosscheck {

struct Observation {
  // As in scenario files: reachable|unreachable (ping, traceroute),
  // open|refused|timeout|unreachable (telnet, ssh); "error" when the real tool
  // could not be run or its output not understood.
  std::string verdict;
  ReasonClass reason_class = ReasonClass::None;
  std::optional<std::string> error_from;         // first ICMP error's source address
  std::optional<int> reply_ttl;                  // ping: TTL of the first reply
  std::optional<std::vector<std::string>> hops;  // traceroute: per hop the first answer or "*"
  std::string detail;  // what the tool said, in a phrase ("Connection refused", "!N at hop 2")
};

}  // namespace vpcsim::crosscheck
