// vpcsim emulate FILE [--exec NODE -- CMD...] [--destroy] [--dry-run] [--prefix P]:
// the topology materialized in Linux network namespaces on this machine (root),
// so that the real ping, traceroute, nc and tcpdump run inside it. Every name it
// creates starts with PREFIX-TOPOLOGY-, nothing is created in the root namespace,
// and --destroy removes it all. See docs/emulate.md.
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <iostream>

#include "tools/vpcsim/cli_common.hpp"
#include "tools/vpcsim/commands/commands.hpp"
#include "tools/vpcsim/emulate/command_runner.hpp"
#include "tools/vpcsim/emulate/emulation_plan.hpp"
#include "tools/vpcsim/emulate/emulation_runner.hpp"
#include "tools/vpcsim/emulate/shell_quote.hpp"

namespace vpcsim::cli {
namespace {

using emulate::EmulationPlan;

void print_commands(const std::vector<emulate::Command>& commands) {
  for (const emulate::Command& c : commands) {
    std::cout << emulate::shell_line(c.argv) << "  # " << c.why << "\n";
  }
}

void print_dry_run(const EmulationPlan& plan, bool destroy) {
  if (destroy) {
    print_commands(plan.destroy_commands());
    return;
  }
  for (const std::string& note : plan.notes()) std::cout << "# note: " << note << "\n";
  print_commands(plan.create_commands());
  for (const emulate::Listener& l : plan.listeners()) {
    std::vector<std::string> argv{"ip", "netns", "exec", l.netns};
    argv.insert(argv.end(), l.argv.begin(), l.argv.end());
    std::cout << emulate::shell_line(argv) << " </dev/null >/dev/null 2>&1 &  # " << l.why << "\n";
  }
}

// The nodes and their namespaces, for the user to pick from.
void print_nodes(const EmulationPlan& plan, const topo::LoweredTopology& lowered) {
  for (const std::string& ns : plan.namespaces()) {
    std::string node = ns.substr(plan.name_prefix().size());
    std::string address;
    if (const topo::Endpoint* ep = lowered.endpoint(node); ep && !ep->addresses.empty()) {
      address = ep->addresses.front().str();
    }
    std::cout << node << std::string(node.size() < 20 ? 20 - node.size() : 1, ' ') << ns
              << (address.empty() ? "" : "  " + address) << "\n";
  }
}

std::string node_names(const EmulationPlan& plan) {
  std::vector<std::string> names;
  for (const std::string& ns : plan.namespaces())
    names.push_back(ns.substr(plan.name_prefix().size()));
  return topo::known_names_note("nodes", names);
}

// Replaces this process with `ip netns exec NS CMD...`: the command inherits the
// terminal (tcpdump, an interactive shell) and its exit code becomes ours.
int exec_in(const std::string& netns, const std::vector<std::string>& command) {
  std::vector<std::string> argv{"ip", "netns", "exec", netns};
  argv.insert(argv.end(), command.begin(), command.end());
  std::vector<char*> c_argv;
  for (std::string& a : argv) c_argv.push_back(a.data());
  c_argv.push_back(nullptr);
  std::cout.flush();
  ::execvp("ip", c_argv.data());
  std::cerr << "vpcsim emulate: error: cannot run ip: " << std::strerror(errno) << "\n";
  return 127;
}

}  // namespace

int run_emulate(const Args& args) {
  po::options_description visible("options");
  visible.add_options()("help,h", "show this help")(
      "exec", po::value<std::string>()->value_name("NODE"),
      "run the command after -- in NODE's namespace (exit code passed through)")(
      "destroy", "remove the emulation: stop its processes, delete its namespaces")(
      "dry-run", "print the commands instead of running them (no root needed)")(
      "prefix", po::value<std::string>()->default_value("vs")->value_name("P"),
      "start every namespace name with P- (then the topology's name)");
  po::options_description hidden;
  hidden.add_options()("file", po::value<std::string>()->required(), "topology file")(
      "command", po::value<std::vector<std::string>>(), "command for --exec");
  po::positional_options_description positional;
  positional.add("file", 1).add("command", -1);
  // Without "--", the command's own options would be read as ours.
  bool asks_exec = std::any_of(args.begin(), args.end(), [](const std::string& a) {
    return a == "--exec" || a.rfind("--exec=", 0) == 0;
  });
  bool asks_help = std::find(args.begin(), args.end(), "--help") != args.end() ||
                   std::find(args.begin(), args.end(), "-h") != args.end();
  if (asks_exec && !asks_help && std::find(args.begin(), args.end(), "--") == args.end()) {
    throw UsageError("put the command after --: vpcsim emulate FILE --exec NODE -- CMD [ARGS...]");
  }
  po::variables_map vm;
  if (!parse_command_line(
          args, visible, positional, hidden, vm,
          "vpcsim emulate FILE [--prefix P] [--dry-run] [--destroy | --exec NODE -- CMD [ARGS...]]",
          "  sudo vpcsim emulate scenarios/small-service/topology.xml\n"
          "  sudo vpcsim emulate scenarios/small-service/topology.xml --exec app -- ping -c 3 "
          "198.51.100.10\n"
          "  sudo vpcsim emulate scenarios/small-service/topology.xml --exec app -- traceroute -n "
          "198.51.100.10\n"
          "  sudo vpcsim emulate scenarios/small-service/topology.xml --exec bastion -- nc -z -v "
          "-w 2 "
          "10.0.2.10 22\n"
          "  sudo vpcsim emulate scenarios/small-service/topology.xml --exec prod:router -- "
          "tcpdump "
          "-ni br-app\n"
          "  sudo vpcsim emulate scenarios/small-service/topology.xml --destroy\n"
          "  vpcsim emulate scenarios/lan-switch/topology.xml --dry-run\n")) {
    return kOk;
  }
  bool destroy = vm.count("destroy") > 0, dry_run = vm.count("dry-run") > 0;
  bool has_exec = vm.count("exec") > 0;
  std::vector<std::string> command;
  if (vm.count("command")) command = vm["command"].as<std::vector<std::string>>();
  if (destroy && has_exec) throw UsageError("--destroy and --exec exclude each other");
  if (has_exec && command.empty()) {
    throw UsageError("--exec NODE needs a command after --, e.g. --exec h1 -- ping -c 1 10.0.0.2");
  }
  if (!has_exec && !command.empty()) {
    throw UsageError("unexpected argument '" + command.front() + "' (a command needs --exec NODE)");
  }
  const std::string& prefix = vm["prefix"].as<std::string>();
  if (prefix.empty() || prefix.find('/') != std::string::npos) {
    throw UsageError("--prefix must be a non-empty name without '/'");
  }

  LoadedTopology topology = load_topology(vm["file"].as<std::string>(), std::cerr);
  EmulationPlan plan = EmulationPlan::build(topology.spec, prefix);

  std::string node;
  std::optional<std::string> netns;
  if (has_exec) {
    node = vm["exec"].as<std::string>();
    netns = plan.namespace_of(node);
    if (!netns) throw UsageError("unknown node '" + node + "' (" + node_names(plan) + ")");
  }
  if (dry_run) {
    if (has_exec) {
      std::vector<std::string> argv{"ip", "netns", "exec", *netns};
      argv.insert(argv.end(), command.begin(), command.end());
      std::cout << emulate::shell_line(argv) << "  # in " << node << "\n";
    } else {
      print_dry_run(plan, destroy);
    }
    return kOk;
  }

  std::string why_not;
  if (!emulate::namespaces_available(&why_not)) {
    std::cerr << "vpcsim emulate: cannot emulate on this machine: " << why_not << "\n";
    return emulate::kExitNoNamespaces;
  }
  if (has_exec) {
    if (emulate::existing_namespaces(*netns).empty() ||
        emulate::existing_namespaces(*netns).front() != *netns) {
      std::cerr << "vpcsim emulate: error: " << node << " is not emulated (no namespace " << *netns
                << "); create it first: vpcsim emulate " << vm["file"].as<std::string>()
                << (prefix == "vs" ? "" : " --prefix " + prefix) << "\n";
      return kBadInput;
    }
    return exec_in(*netns, command);
  }
  if (destroy) {
    size_t n = emulate::destroy_emulation(plan.name_prefix(), std::cerr);
    std::cout << "destroyed " << n << (n == 1 ? " namespace " : " namespaces ")
              << plan.name_prefix() << "*\n";
    return kOk;
  }
  std::string error;
  if (!emulate::create_emulation(plan, std::cerr, &error)) {
    std::cerr << "vpcsim emulate: error: could not build " << topology.spec.name << ":\n  " << error
              << "\n(everything created so far was removed)\n";
    return kFailed;
  }
  print_nodes(plan, *topology.lowered);
  for (const std::string& note : plan.notes()) std::cerr << "note: " << note << "\n";
  std::cerr << "emulating " << topology.spec.name << " in " << plan.namespaces().size()
            << " namespaces; run a command in one: vpcsim emulate FILE --exec NODE -- CMD; "
               "remove it: vpcsim emulate FILE --destroy\n";
  return kOk;
}

}  // namespace vpcsim::cli
