// vpcsim_gen_vpc_plan: writes the generated VPC plan of the `vpcsim reach`
// performance target (bench/gen_vpc_plan.hpp) for any size, e.g.
//   vpcsim_gen_vpc_plan --instances 10000 --subnets 100 -o plan-10k.xml
//   vpcsim reach plan-10k.xml --summary
#include <boost/program_options.hpp>

#include <fstream>
#include <iostream>

#include "bench/gen_vpc_plan.hpp"

namespace po = boost::program_options;

int main(int argc, char** argv) {
  po::options_description opts(
      "Usage: vpcsim_gen_vpc_plan [--instances N] [--subnets S] [-o FILE]\n\n"
      "Writes a VPC plan of N instances spread over S subnets (web, app, db, cache and\n"
      "ops tiers) with security groups, NACLs, route tables, a NAT gateway and three\n"
      "internet hosts; the same sizes always give the same bytes.\n\n"
      "Examples:\n"
      "  vpcsim_gen_vpc_plan -o plan-10k.xml\n"
      "  vpcsim_gen_vpc_plan --instances 200 --subnets 10 | vpcsim lint /dev/stdin\n\n"
      "Options");
  opts.add_options()("help,h", "show this help")("instances,n",
                                                 po::value<uint32_t>()->default_value(10000),
                                                 "instances (at most 240 per subnet)")(
      "subnets,s", po::value<uint32_t>()->default_value(100), "subnets (1-250)")(
      "output,o", po::value<std::string>(), "output file (default: stdout)");
  po::variables_map vm;
  try {
    po::store(po::parse_command_line(argc, argv, opts), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "vpcsim_gen_vpc_plan: error: " << e.what() << "\n";
    return 2;
  }
  if (vm.count("help")) {
    std::cout << opts << "\n";
    return 0;
  }
  std::string xml;
  try {
    xml =
        vpcsim::bench::vpc_plan_xml({vm["instances"].as<uint32_t>(), vm["subnets"].as<uint32_t>()});
  } catch (const std::invalid_argument& e) {
    std::cerr << "vpcsim_gen_vpc_plan: error: " << e.what() << "\n";
    return 2;
  }
  if (!vm.count("output")) {
    std::cout << xml;
    return std::cout ? 0 : 1;
  }
  std::ofstream out(vm["output"].as<std::string>(), std::ios::binary);
  if (!(out << xml)) {
    std::cerr << "vpcsim_gen_vpc_plan: error: cannot write " << vm["output"].as<std::string>()
              << "\n";
    return 1;
  }
  return 0;
}
