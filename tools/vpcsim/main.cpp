// vpcsim: the command line. Dispatches to one function per subcommand; turns
// usage errors into exit code 2 and anything unexpected into exit code 3, so a
// CI job can tell a broken plan (1) from a broken invocation (2) or a bug (3).
#include <iostream>
#include <string_view>

#include "sim/core/huge_pages.hpp"
#include "tools/vpcsim/cli_common.hpp"
#include "tools/vpcsim/commands/commands.hpp"

namespace {

using vpcsim::cli::Args;

struct Command {
  std::string_view name;
  int (*run)(const Args&);
  std::string_view summary;
};

constexpr Command kCommands[] = {
    {"lint", vpcsim::cli::run_lint, "check a topology file and report every problem"},
    {"ping", vpcsim::cli::run_ping, "send ICMP echo requests, print as iputils ping"},
    {"traceroute", vpcsim::cli::run_traceroute,
     "list the routers on the path (Linux traceroute -n)"},
    {"telnet", vpcsim::cli::run_telnet, "open a TCP connection to a port"},
    {"ssh", vpcsim::cli::run_ssh, "connect as ssh -v does, directly or through a jump host"},
    {"dig", vpcsim::cli::run_dig, "ask a DNS question over simulated UDP, print as dig"},
    {"nslookup", vpcsim::cli::run_nslookup, "look a name up as nslookup does"},
    {"curl", vpcsim::cli::run_curl, "one HTTP request as curl -i makes it, through load balancers"},
    {"check", vpcsim::cli::run_check, "run scenario files and compare with their expectations"},
    {"import", vpcsim::cli::run_import, "AWS describe output or a Terraform plan as a topology"},
    {"reach", vpcsim::cli::run_reach,
     "reachability matrix between all endpoints (ping, TCP ports)"},
    {"diff", vpcsim::cli::run_diff, "what changed in reachability between two versions of a plan"},
    {"show", vpcsim::cli::run_show, "print a device's ARP, MAC, route or NAT table"},
    {"dump", vpcsim::cli::run_dump, "the topology as understood, canonical and sorted"},
    {"graph", vpcsim::cli::run_graph,
     "draw the topology (DOT, SVG, PNG), a probe's path in colour"},
    {"report", vpcsim::cli::run_report, "write a scenario as one HTML lesson page"},
    {"emulate", vpcsim::cli::run_emulate, "build the topology in Linux network namespaces (root)"},
    {"crosscheck", vpcsim::cli::run_crosscheck,
     "compare every probe with the real tools in the emulation (root)"},
};

void print_help(std::ostream& out) {
  out << "usage: vpcsim COMMAND [ARGS...]   (vpcsim COMMAND --help for its options)\n\n"
         "Simulates AWS-style VPCs and classic LANs described in XML, and answers\n"
         "probes as the real tools would, with the reason behind every verdict.\n\ncommands:\n";
  for (const Command& c : kCommands) {
    out << "  " << c.name << std::string(12 - c.name.size(), ' ') << c.summary << "\n";
  }
  out << "\nexamples:\n"
         "  vpcsim lint scenarios/lan-switch/topology.xml\n"
         "  vpcsim ping scenarios/lan-three-routers/topology.xml h1 h2 --explain\n"
         "  vpcsim ssh tests/data/vpc/bastion.xml client app --jump bastion\n"
         "  vpcsim check scenarios/*/scenario.xml --json results.json\n"
         "\nexit codes: 0 success, 1 unreachable / expectation failed / lint errors,\n"
         "            2 bad usage or bad input, 3 internal error\n";
}

}  // namespace

int main(int argc, char** argv) {
  // Big topologies are read faster with huge pages (sim/core/huge_pages.hpp).
  if (vpcsim::names_big_input(argv + 1, argv + argc)) vpcsim::restart_with_huge_page_malloc(argv);
  std::ios::sync_with_stdio(false);
  if (argc < 2) {
    print_help(std::cerr);
    return vpcsim::cli::kBadInput;
  }
  std::string_view name = argv[1];
  if (name == "--help" || name == "-h" || name == "help") {
    print_help(std::cout);
    return vpcsim::cli::kOk;
  }
  if (name == "--version") {
    std::cout << "vpcsim 0.1.0\n";
    return vpcsim::cli::kOk;
  }
  Args args(argv + 2, argv + argc);
  for (const Command& c : kCommands) {
    if (c.name != name) continue;
    try {
      return c.run(args);
    } catch (const vpcsim::cli::UsageError& e) {
      std::cerr << "vpcsim " << name << ": error: " << e.what() << "\n";
      return vpcsim::cli::kBadInput;
    } catch (const vpcsim::cli::InputRejected&) {
      return vpcsim::cli::kBadInput;  // diagnostics already printed
    } catch (const std::exception& e) {
      std::cerr << "vpcsim " << name << ": internal error: " << e.what() << "\n";
      return vpcsim::cli::kInternal;
    }
  }
  std::cerr << "vpcsim: error: unknown command '" << name << "'\n\n";
  print_help(std::cerr);
  return vpcsim::cli::kBadInput;
}
