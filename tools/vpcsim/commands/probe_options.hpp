#pragma once
// ProbeCommandLine: the command line every probe command shares (ping,
// traceroute, telnet, ssh, dig, nslookup): --help, --json, --explain[=layers],
// the capture options (--pcap, --pcap-port) and the fault options (--fail,
// --restore), and the positional FILE FROM. Each command adds its own options
// and positionals after these (TO, PORT, NAME...), so the --help of every probe
// command lists the common options first and in the same words.
#include <string>

#include "sim/core/simulation.hpp"
#include "tools/vpcsim/cli_common.hpp"
#include "tools/vpcsim/commands/commands.hpp"

namespace vpcsim::cli {

struct ProbeCommandLine {
  po::options_description visible{"options"};
  po::options_description hidden;
  po::positional_options_description positional;
  po::variables_map vm;

  // `explain_help`: what --explain prints for this command.
  explicit ProbeCommandLine(const std::string& explain_help);

  // Parses; false when --help was given (usage already printed).
  [[nodiscard]] bool parse(const Args& args, const std::string& usage, const std::string& examples);
  [[nodiscard]] std::string arg(const char* name) const { return vm[name].as<std::string>(); }
  [[nodiscard]] bool flag(const char* name) const { return vm.count(name) > 0; }
  // --explain=layers: the layered view instead of the hop list. Throws
  // UsageError for another value, so call it before anything runs.
  [[nodiscard]] bool layers() const;
  // The journey text --explain asks for.
  [[nodiscard]] std::string explanation(const sim::Simulation& sim) const;
};

}  // namespace vpcsim::cli
