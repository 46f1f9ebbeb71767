// vpcsim_gen_sites: writes the topology XML of the "topology build" workload
// (bench/sites_plan.hpp) for any size, deterministically, e.g. for the
// million-node run of bench/README.md:
//   vpcsim_gen_sites --nodes 1000000 -o sites-1m.xml
//   vpcsim ping sites-1m.xml s0h0 s1h247 -c 1
#include <boost/program_options.hpp>

#include <fstream>
#include <iostream>

#include "bench/sites_plan.hpp"
#include "bench/sites_xml.hpp"

namespace po = boost::program_options;
using vpcsim::bench::SitesPlan;

int main(int argc, char** argv) {
  po::options_description opts(
      "Usage: vpcsim_gen_sites (--nodes N | --sites S --hosts H) [-o FILE]\n\n"
      "Writes a topology of S sites (a router and a switch each) with H hosts per site,\n"
      "site routers chained with static routes. --nodes picks S and H: 10000 gives\n"
      "100 x 98, 65000 gives 256 x 253, 1000000 gives 4000 x 248.\n\n"
      "Examples:\n"
      "  vpcsim_gen_sites --nodes 65000 -o sites-65k.xml\n"
      "  vpcsim_gen_sites --sites 3 --hosts 2\n\n"
      "Options");
  opts.add_options()("help,h", "show this help")("nodes,n", po::value<uint64_t>(),
                                                 "total nodes (routers + switches + hosts)")(
      "sites,s", po::value<uint32_t>(), "number of sites (1-65536)")(
      "hosts,H", po::value<uint32_t>(), "hosts per site (1-253)")(
      "output,o", po::value<std::string>(), "write to FILE instead of stdout");
  po::variables_map vm;
  try {
    po::store(po::parse_command_line(argc, argv, opts), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "vpcsim_gen_sites: " << e.what() << "\n";
    return 2;
  }
  if (vm.count("help")) {
    std::cout << opts << "\n";
    return 0;
  }
  SitesPlan plan;
  if (vm.count("nodes") && !vm.count("sites") && !vm.count("hosts")) {
    plan = SitesPlan::for_nodes(vm["nodes"].as<uint64_t>());
  } else if (!vm.count("nodes") && vm.count("sites") && vm.count("hosts")) {
    plan = SitesPlan{vm["sites"].as<uint32_t>(), vm["hosts"].as<uint32_t>()};
  } else {
    std::cerr << "vpcsim_gen_sites: give either --nodes, or --sites and --hosts (see --help)\n";
    return 2;
  }
  if (plan.sites < 1 || plan.sites > 65536 || plan.hosts_per_site < 1 ||
      plan.hosts_per_site > 253) {
    std::cerr << "vpcsim_gen_sites: sites must be 1-65536 and hosts 1-253 (a /24 per site)\n";
    return 2;
  }
  std::string xml = vpcsim::bench::sites_xml(plan);
  if (vm.count("output")) {
    std::ofstream out(vm["output"].as<std::string>(), std::ios::binary);
    out << xml;
    if (!out.flush()) {
      std::cerr << "vpcsim_gen_sites: cannot write " << vm["output"].as<std::string>() << "\n";
      return 2;
    }
  } else {
    std::cout << xml;
  }
  std::cerr << "vpcsim_gen_sites: " << plan.sites << " sites x " << plan.hosts_per_site
            << " hosts = " << plan.nodes() << " nodes, " << plan.links() << " links, " << xml.size()
            << " bytes\n";
  return 0;
}
