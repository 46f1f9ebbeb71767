#include "tools/vpcsim/commands/probe_options.hpp"

#include "tools/vpcsim/commands/pcap_option.hpp"
#include "tools/vpcsim/format/journey_text.hpp"
#include "tools/vpcsim/format/layers_text.hpp"

namespace vpcsim::cli {

ProbeCommandLine::ProbeCommandLine(const std::string& explain_help) {
  visible.add_options()("help,h", "show this help")(
      "json", "print one JSON document instead of the tool's text")(
      "explain", po::value<std::string>()->implicit_value("hops")->value_name("layers"),
      explain_help.c_str());
  add_pcap_options(visible);
  add_fault_options(visible);
  hidden.add_options()("file", po::value<std::string>()->required(), "topology file")(
      "from", po::value<std::string>()->required(), "source node or address");
  positional.add("file", 1).add("from", 1);
}

bool ProbeCommandLine::parse(const Args& args, const std::string& usage,
                             const std::string& examples) {
  return parse_command_line(args, visible, positional, hidden, vm, usage, examples);
}

bool ProbeCommandLine::layers() const {
  if (!flag("explain")) return false;
  std::string v = arg("explain");
  if (v != "hops" && v != "layers") {
    throw UsageError("--explain takes no value, or =layers (got '" + v + "')");
  }
  return v == "layers";
}

std::string ProbeCommandLine::explanation(const sim::Simulation& sim) const {
  return layers() ? layers_text(sim) : explain_text(sim);
}

}  // namespace vpcsim::cli
