#pragma once
// ConnectOutput: how one TCP connection attempt ended, read from what a tool
// printed. Two readers, one result:
//  - OpenBSD nc -z -v (netcat-openbsd), run for real, writes on stderr
//      Connection to 10.0.2.10 22 port [tcp/ssh] succeeded!
//      nc: connect to 10.0.2.10 port 23 (tcp) failed: Connection refused
//      nc: connect to 10.0.2.10 port 22 (tcp) timed out: Operation now in progress
//  - the simulator's telnet and ssh text (`vpcsim telnet`, `vpcsim ssh`), which
//    prints the same strerror() text a Linux socket gives:
//      telnet: Unable to connect to remote host: No route to host
//      ssh: connect to host db port 22: Connection timed out
//      channel 0: open failed: connect failed: Network is unreachable
#include <string>
#include <string_view>

#include "tools/vpcsim/crosscheck/observation.hpp"

namespace vpcsim::crosscheck {

struct ConnectOutput {
  std::string verdict;  // open | refused | timeout | unreachable | error (not understood)
  std::string error;    // strerror() text; empty when open
};

// nc's stderr and exit status; `killed` when nc ran past the runner's own
// timeout (it then counts as timed out).
[[nodiscard]] ConnectOutput parse_nc_output(std::string_view err, int exit_code, bool killed);

// The strerror() text of the last failed connection in the simulator's telnet
// or ssh output; empty when none failed.
[[nodiscard]] std::string connect_error_in_tool_text(std::string_view text);

// The verdict a strerror() text means: refused, timeout or unreachable.
[[nodiscard]] std::string connect_verdict(std::string_view error);

[[nodiscard]] Observation observe_connect(const ConnectOutput& c);

}  // namespace vpcsim::crosscheck
