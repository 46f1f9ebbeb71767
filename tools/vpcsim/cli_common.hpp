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

#include "sim/fabric/fault.hpp"
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

// --fail / --restore LINK_OR_NODE@TIME, repeatable (docs/faults.md).
void add_fault_options(po::options_description& options);
// The faults those options give, resolved against `net` and sorted by time (fails
// before restores at the same time); throws UsageError for a bad name or time.
// "node:port@T" is a link (named by one of its ends), "node@T" a device.
[[nodiscard]] std::vector<sim::TimedFault> fault_options(const po::variables_map& vm,
                                                         const sim::Network& net);
// One fault as written on the command line or in a scenario: NAME@TIME.
[[nodiscard]] sim::TimedFault parse_fault(const std::string& text, bool down,
                                          const sim::Network& net);

// Parses a subcommand's arguments; throws UsageError with boost's message.
// Returns false when --help was given (after printing usage to stdout).
[[nodiscard]] bool parse_command_line(const std::vector<std::string>& args,
                                      const po::options_description& visible,
                                      const po::positional_options_description& positional,
                                      const po::options_description& hidden, po::variables_map& vm,
                                      const std::string& usage, const std::string& examples);

}  // namespace vpcsim::cli
