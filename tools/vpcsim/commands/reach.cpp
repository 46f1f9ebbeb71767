// vpcsim reach FILE: the reachability matrix between all endpoints of a plan
// (ping, and TCP to every port each target accepts), as a table, JSON, or a
// summary per class of equivalent endpoints. Exit 0 when computed, 2 on bad input.
#include <unistd.h>

#include <iostream>

#include "tools/vpcsim/cli_common.hpp"
#include "tools/vpcsim/commands/commands.hpp"
#include "tools/vpcsim/import/importer.hpp"
#include "tools/vpcsim/reach/reach_engine.hpp"
#include "tools/vpcsim/reach/reach_format.hpp"

namespace vpcsim::cli {
namespace {

// "reach: 1200/5300 probes" on stderr, rewritten in place; only on a terminal.
std::function<void(uint64_t, uint64_t)> progress_line() {
  if (!isatty(STDERR_FILENO)) return nullptr;
  return [](uint64_t done, uint64_t total) {
    std::cerr << "\rreach: " << done << "/" << total << " probes" << std::flush;
    if (done == total) std::cerr << "\r\033[K" << std::flush;
  };
}

// FILE, or with --import the AWS describe output or Terraform plan it names,
// imported in memory (the importer's warnings go to stderr).
LoadedTopology load_reach_input(const po::variables_map& vm) {
  const std::string& file = vm["file"].as<std::string>();
  if (!vm.count("import")) {
    for (const char* opt : {"internet-host", "listen", "public-pool", "name"}) {
      if (vm.count(opt)) throw UsageError(std::string("--") + opt + " applies only with --import");
    }
    return load_topology(file, std::cerr);
  }
  auto source = importer::parse_import_source(vm["import"].as<std::string>());
  if (!source) {
    throw UsageError("--import: '" + vm["import"].as<std::string>() +
                     "' is not something vpcsim imports (valid: aws, terraform)");
  }
  importer::ImportOptions options;
  try {
    options = importer::import_options_from(vm);
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
  return importer::load_imported_topology(*source, {file}, options, std::cerr);
}

}  // namespace

int run_reach(const Args& args) {
  po::options_description visible("options");
  visible.add_options()("help,h", "show this help")(
      "json", "print one JSON document (endpoints, one result per probe, totals)")(
      "from", po::value<std::vector<std::string>>()->composing(),
      "sources only: names, addresses or globs, comma-separated (repeatable)")(
      "to", po::value<std::vector<std::string>>()->composing(),
      "targets only: names, addresses or globs, comma-separated (repeatable)")(
      "port", po::value<std::string>(),
      "probes only: icmp and/or TCP ports and ranges, e.g. icmp,22,8000-8080")(
      "explain", "below each row, why each blocked probe was blocked (probes every pair)")(
      "summary", "one row per pair of endpoint classes instead of per pair (large plans)")(
      "threads", po::value<int>(), "worker threads (default: one per core); same result for any")(
      "no-group", "probe every pair itself instead of one pair per pair of classes");
  po::options_description import_options(
      "import (FILE is AWS or Terraform output, see vpcsim import)");
  import_options.add_options()("import", po::value<std::string>(),
                               "aws|terraform: FILE is a directory of AWS CLI describe output, or "
                               "a Terraform plan as terraform show -json prints it");
  importer::add_import_options(import_options);
  visible.add(import_options);
  po::options_description hidden;
  hidden.add_options()("file", po::value<std::string>()->required(), "topology file");
  po::positional_options_description positional;
  positional.add("file", 1);
  po::variables_map vm;
  if (!parse_command_line(
          args, visible, positional, hidden, vm,
          "vpcsim reach FILE [--json] [--from LIST] [--to LIST] [--port LIST] [--explain] "
          "[--summary] [--threads N]\n"
          "       vpcsim reach --import aws|terraform INPUT [--internet-host NAME=IP[:PORTS]] "
          "[--listen PORTS] [OPTIONS]",
          "  vpcsim reach scenarios/small-service/topology.xml\n"
          "  vpcsim reach plan.xml --from client --to 'web-*,db' --explain\n"
          "  vpcsim reach plan.xml --port icmp,22 --json > matrix.json\n"
          "  vpcsim reach big-plan.xml --summary --threads 2\n"
          "  vpcsim reach --import terraform plan.json --internet-host client=198.51.100.10 "
          "--json\n")) {
    return kOk;
  }
  ReachOptions options;
  if (vm.count("from")) options.from = vm["from"].as<std::vector<std::string>>();
  if (vm.count("to")) options.to = vm["to"].as<std::vector<std::string>>();
  if (vm.count("port")) options.probes = ProbeFilter::parse(vm["port"].as<std::string>());
  if (vm.count("threads")) {
    int n = vm["threads"].as<int>();
    if (n < 1 || n > 1024) throw UsageError("--threads must be between 1 and 1024");
    options.threads = unsigned(n);
  }
  const bool json = vm.count("json") > 0, summary = vm.count("summary") > 0;
  options.explain = vm.count("explain") > 0;
  options.group = vm.count("no-group") == 0;
  if (options.explain && summary) {
    throw UsageError("--explain and --summary exclude each other: explanations are per pair");
  }
  options.progress = progress_line();

  LoadedTopology topology = load_reach_input(vm);
  ReachMatrix matrix = compute_reach(topology, options);
  if (summary) {
    json ? write_reach_summary_json(std::cout, matrix) : write_reach_summary_text(std::cout, matrix);
  } else {
    json ? write_reach_json(std::cout, matrix, options.explain)
         : write_reach_text(std::cout, matrix, options.explain);
  }
  return kOk;
}

}  // namespace vpcsim::cli
