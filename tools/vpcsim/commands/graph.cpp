// vpcsim graph FILE [-o OUT.dot|OUT.svg|OUT.png] [--highlight "PROBE"]: the
// topology as a Graphviz drawing (VPCs and subnets as clusters, devices with
// their addresses), optionally with a probe's path drawn in: green where its
// packets went, red where they were dropped.
#include <fstream>
#include <iostream>
#include <sstream>

#include "tools/vpcsim/cli_common.hpp"
#include "tools/vpcsim/commands/commands.hpp"
#include "tools/vpcsim/format/graph_dot.hpp"
#include "tools/vpcsim/graphviz.hpp"
#include "tools/vpcsim/probe_line.hpp"

namespace vpcsim::cli {
namespace {

// "svg" for "net.svg"; "" when OUT has none of the known extensions.
std::string format_of(const std::string& path) {
  for (const char* ext : {"dot", "svg", "png"}) {
    std::string suffix = std::string(".") + ext;
    if (path.size() > suffix.size() &&
        path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0) {
      return ext;
    }
  }
  return "";
}

}  // namespace

int run_graph(const Args& args) {
  po::options_description visible("options");
  visible.add_options()("help,h", "show this help")(
      "output,o", po::value<std::string>()->value_name("OUT"),
      "write OUT.dot (Graphviz source), OUT.svg or OUT.png (rendered with Graphviz's dot); "
      "without -o, DOT on stdout")(
      "highlight", po::value<std::string>()->value_name("PROBE"),
      "run PROBE (\"ping FROM TO\", \"traceroute FROM TO\", \"telnet FROM TO PORT\", "
      "\"ssh FROM TO [-J BASTION]\", \"curl FROM URL [-H 'Host: NAME'] [-L]\"; TO may be a "
      "DNS name) and draw its path, the name lookup's included: green where its packets "
      "went, red at the drop");
  po::options_description hidden;
  hidden.add_options()("file", po::value<std::string>()->required(), "topology file");
  po::positional_options_description positional;
  positional.add("file", 1);
  po::variables_map vm;
  if (!parse_command_line(
          args, visible, positional, hidden, vm,
          "vpcsim graph FILE [-o OUT.dot|OUT.svg|OUT.png] [--highlight PROBE]",
          "  vpcsim graph scenarios/lan-switch/topology.xml | dot -Tsvg > lan.svg\n"
          "  vpcsim graph scenarios/small-service/topology.xml -o small-service.svg\n"
          "  vpcsim graph scenarios/small-service/topology.xml -o path.png "
          "--highlight \"telnet bastion db 3306\"\n"
          "  vpcsim graph lan.xml -o path.svg --highlight \"ping pc1 srv\"\n")) {
    return kOk;
  }
  std::string out_path = vm.count("output") ? vm["output"].as<std::string>() : "";
  std::string format = out_path.empty() ? "dot" : format_of(out_path);
  if (format.empty())
    throw UsageError("-o " + out_path + ": the name must end in .dot, .svg or .png");
  std::optional<ProbeLine> probe;
  if (vm.count("highlight"))
    probe = parse_probe_line(vm["highlight"].as<std::string>(), "--highlight");

  LoadedTopology topology = load_topology(vm["file"].as<std::string>(), std::cerr);
  sim::Simulation sim(std::move(topology.lowered->network));
  TopologyDiagram diagram(topology.spec, sim.network());
  std::optional<PathHighlight> path;
  if (probe) {
    PathHighlight merged;
    ProbeLineOutcome outcome = run_probe_line(
        sim, topology.spec, *topology.lowered, *probe, [&](const sim::Simulation& s) {
          PathHighlight leg = path_of(s, true, std::nullopt, "");
          merged.devices.insert(leg.devices.begin(), leg.devices.end());
          merged.links.insert(leg.links.begin(), leg.links.end());
        });
    PathHighlight last = path_of(sim, outcome.success, outcome.reason, outcome.caption);
    merged.delivered = last.delivered;
    merged.drop_device = last.drop_device;
    merged.drop_text = last.drop_text;
    merged.caption = last.caption;
    path = std::move(merged);
  }
  std::ostringstream dot;
  diagram.write_dot(dot, path ? &*path : nullptr);
  if (out_path.empty()) {
    std::cout << dot.str();
  } else if (format == "dot") {
    std::ofstream out(out_path);
    if (!(out << dot.str())) throw UsageError("cannot write " + out_path);
  } else {
    render_dot(dot.str(), format, out_path);
  }
  return kOk;
}

}  // namespace vpcsim::cli
