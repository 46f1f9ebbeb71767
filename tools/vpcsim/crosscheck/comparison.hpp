#pragma once
// Comparison of one probe's two observations, the simulator's and the
// kernel's: the verdict; when both failed alike, the reason class; a
// traceroute's hop list; a ping's reply TTL; the sender of the first ICMP
// error. Each difference is one line of the report. What is never compared
// (times, ports, sequence numbers) is listed in docs/crosscheck.md.
#include <string>
#include <vector>

#include "tools/vpcsim/crosscheck/observation.hpp"

namespace vpcsim::crosscheck {

struct Difference {
  std::string what;  // "verdict", "reason class", "hops", "reply TTL", "ICMP error from"
  std::string simulator, kernel;
  std::string note;  // where they part, e.g. "hop 2: 10.0.1.20 vs *"; may be empty
};

[[nodiscard]] std::vector<Difference> compare(const Observation& simulator,
                                              const Observation& kernel);

}  // namespace vpcsim::crosscheck
