// vpcsim dump FILE: the topology as the loader understood it, in canonical
// sorted form (topology/dump.hpp): every value, defaults included, one element
// per line. Two plans that mean the same dump the same, so `diff` of two dumps
// shows what really changed; services (DNS zones as zone-file lines, load
// balancers, target groups, DHCP servers and leases) included.
#include <iostream>

#include "tools/vpcsim/cli_common.hpp"
#include "tools/vpcsim/commands/commands.hpp"
#include "topology/dump.hpp"

namespace vpcsim::cli {

int run_dump(const Args& args) {
  po::options_description visible("options");
  visible.add_options()("help,h", "show this help");
  po::options_description hidden;
  hidden.add_options()("file", po::value<std::string>()->required(), "topology file");
  po::positional_options_description positional;
  positional.add("file", 1);
  po::variables_map vm;
  if (!parse_command_line(
          args, visible, positional, hidden, vm, "vpcsim dump FILE",
          "  vpcsim dump scenarios/small-service/topology.xml\n"
          "  vpcsim dump scenarios/alb-wildcard/topology.xml | grep -A8 '^  load-balancer'\n"
          "  vpcsim dump scenarios/dns-split-horizon/topology.xml | sed -n '/^dns-zone/,$p'\n"
          "  diff <(vpcsim dump old.xml) <(vpcsim dump new.xml)   # what really changed\n"
          "\nA file with errors is not dumped: its diagnostics go to stderr (exit 2), as\n"
          "vpcsim lint prints them.\n")) {
    return kOk;
  }
  LoadedTopology topology = load_topology(vm["file"].as<std::string>(), std::cerr);
  std::cout << topo::dump_topology(topology.spec);
  return kOk;
}

}  // namespace vpcsim::cli
