#pragma once
// TracerouteOutput: the output of Linux traceroute -n (2.1), as the real tool
// prints it and as `vpcsim traceroute` prints it:
//   traceroute to 10.0.2.10 (10.0.2.10), 30 hops max, 60 byte packets
//    1  10.0.1.1  0.390 ms  0.101 ms  *
//    2  10.0.2.10  0.342 ms !N
// One line per TTL; per query an address (printed when it changes within the
// line), a time in ms and an optional !N/!H/!X/!P marker, or `*` for a query
// nobody answered. A local error ("connect: Network is unreachable") may come
// instead of the hops, with or without the header.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tools/vpcsim/crosscheck/observation.hpp"

namespace vpcsim::crosscheck {

struct TracerouteAnswer {
  std::string from;
  std::string marker;  // "", "!N", "!H", "!X", ...
};

struct TracerouteLine {
  int ttl = 0;
  std::vector<std::optional<TracerouteAnswer>> queries;  // nullopt: `*`
};

struct TracerouteOutput {
  std::string destination;  // the address in the header
  int max_hops = 0;         // from the header ("30 hops max")
  std::vector<TracerouteLine> hops;
  std::optional<std::string> local_error;
  // "send: Operation not permitted": the source's own firewall refused the
  // probe (in the emulation, the security group's egress rule; see observe_traceroute).
  bool send_refused = false;
};

[[nodiscard]] TracerouteOutput parse_traceroute_output(std::string_view text);

// reachable when the last line has an unmarked answer from the destination.
// The hop list holds, per line, the first answering address or "*". Not
// reached: the class of the last line's marker, time exceeded when the last
// line answered without one (out of hops), or silence. A probe the source's
// own firewall refused to send is what AWS shows for a security group's egress
// denial: silence at every hop up to the maximum.
[[nodiscard]] Observation observe_traceroute(const TracerouteOutput& trace);

}  // namespace vpcsim::crosscheck
