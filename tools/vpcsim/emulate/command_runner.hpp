#pragma once
// Running programs for `vpcsim emulate` and `vpcsim crosscheck`: fork/exec
// (posix_spawnp) with an argv vector, never a shell, with stdout and stderr
// captured and a timeout after which the process group is killed.
#include <chrono>
#include <string>
#include <vector>

namespace vpcsim::emulate {

struct ExecResult {
  int exit_code = -1;      // the program's exit status; 128+N when killed by signal N
  bool timed_out = false;  // killed because it ran past the timeout
  std::string out, err;    // everything it wrote on stdout / stderr
};

// Runs argv[0] (looked up in PATH) with the arguments; waits at most `timeout`.
// A program that cannot be started gives exit_code 127 and the reason in `err`.
ExecResult run(const std::vector<std::string>& argv, std::chrono::milliseconds timeout);

// A command run while another one runs (a fault during a probe), `at` after it started.
struct TimedCommand {
  std::chrono::milliseconds at{0};
  std::vector<std::string> argv;
};

// run(argv, timeout), and meanwhile each of `during`, in order, when its time
// comes (those at 0 or before, before argv starts). Their own results are not
// kept: a fault command that fails is the emulation's problem, reported by
// the probe's outcome.
ExecResult run_during(const std::vector<std::string>& argv, std::chrono::milliseconds timeout,
                      const std::vector<TimedCommand>& during);

// `ip netns exec NETNS argv...`.
ExecResult run_in_namespace(const std::string& netns, const std::vector<std::string>& argv,
                            std::chrono::milliseconds timeout);

// Starts argv in the background, detached (own session, stdio on /dev/null);
// returns its pid, or -1 with the reason in `why_not`. Used for listeners.
int spawn_detached(const std::vector<std::string>& argv, std::string* why_not);

// Whether this process may create network namespaces: it adds and deletes a
// probe namespace. When not, `why_not` says why (not root, no `ip`, ...).
bool namespaces_available(std::string* why_not);

}  // namespace vpcsim::emulate
