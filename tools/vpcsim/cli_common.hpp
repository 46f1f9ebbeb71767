#pragma once
// What every vpcsim command shares: the exit codes of DESIGN.md section 5,
// loading a topology with all its diagnostics, and turning the node names and
// addresses a user typed into simulator endpoints, with an error listing the
// valid names on a typo.
#include <iosfwd>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

#include "sim/probes/probe_common.hpp"
#include "topology/diagnostics.hpp"
#include "topology/lower.hpp"
#include "topology/spec.hpp"

namespace vpcsim::cli {

namespace po = boost::program_options;

enum ExitCode : int { kOk = 0, kFailed = 1, kBadInput = 2, kInternal = 3 };

// Bad usage or bad input found by the command line layer: printed as
// "vpcsim: error: MESSAGE" on stderr, exit code 2.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A loaded, validated and lowered topology.
struct LoadedTopology {
  topo::TopologySpec spec;
  topo::Diagnostics diagnostics;  // warnings only (errors throw)
  std::unique_ptr<topo::LoweredTopology> lowered;
};

// Loads, validates and lowers FILE. On errors prints every diagnostic to `err`
// and throws InputRejected (exit 2).
struct InputRejected : std::runtime_error {
  using std::runtime_error::runtime_error;
};
[[nodiscard]] LoadedTopology load_topology(const std::string& path, std::ostream& err);

// The endpoint a FROM argument names: a node name or an address it owns.
[[nodiscard]] const topo::Endpoint& source_endpoint(const topo::LoweredTopology& t,
                                                    const std::string& from);
// TO as seen from `from`; throws UsageError for an unknown name.
[[nodiscard]] sim::Ipv4Addr target_address(const topo::LoweredTopology& t,
                                           const topo::Endpoint& from, const std::string& to);

// A failed probe from outside a VPC to an instance without a public IP went to
// its private address; when the internet dropped it there, the root cause is the
// missing public IP, so the reason says that (code no-public-ip) while keeping
// where the packets were dropped.
void blame_missing_public_ip(const topo::LoweredTopology& t, const topo::Endpoint& from,
                             const std::string& to, std::optional<sim::ProbeReason>& reason);

// Parses a subcommand's arguments; throws UsageError with boost's message.
// Returns false when --help was given (after printing usage to stdout).
[[nodiscard]] bool parse_command_line(const std::vector<std::string>& args,
                                      const po::options_description& visible,
                                      const po::positional_options_description& positional,
                                      const po::options_description& hidden, po::variables_map& vm,
                                      const std::string& usage, const std::string& examples);

}  // namespace vpcsim::cli
