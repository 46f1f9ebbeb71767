#include "tools/vpcsim/scenario_input.hpp"

#include <filesystem>
#include <memory>
#include <ostream>

#include "topology/scenario_loader.hpp"
#include "topology/validate.hpp"
#include "topology/xml_loader.hpp"

namespace vpcsim::cli {
namespace {

// The topology a scenario names, as far as it could be read: its spec (when the
// XML parsed) and all its diagnostics, validation included.
struct TopologyInput {
  std::optional<topo::TopologySpec> spec;
  topo::Diagnostics diags;
};

TopologyInput read_topology(const std::string& path) {
  TopologyInput in;
  in.spec = topo::load_topology_file(path, in.diags);
  if (in.spec && !in.diags.has_errors()) in.diags.append(topo::validate(*in.spec));
  in.diags.sort();
  return in;
}

}  // namespace

std::optional<LoadedScenario> load_scenario_input(const std::string& file, std::ostream& err) {
  topo::Diagnostics diags;
  std::optional<topo::ScenarioSpec> spec = topo::load_scenario_file(file, diags);
  // A missing topology is already reported by the loader (topology-not-found).
  std::error_code ec;
  TopologyInput topology;
  const bool have_topology = spec && !spec->topology_path.empty() &&
                             std::filesystem::is_regular_file(spec->topology_path, ec);
  if (have_topology) {
    topology = read_topology(spec->topology_path);
    // Names are checked against any topology that parsed, even one with semantic
    // errors, so a single run shows the typos in both files.
    if (topology.spec) diags.append(topo::validate_scenario(*spec, *topology.spec));
  }
  diags.sort();
  err << diags.render();
  // Topology warnings are `vpcsim lint`'s business; they are shown here only
  // beside errors, as load_topology does for the probe commands.
  if (topology.diags.has_errors()) err << topology.diags.render();
  if (!spec || !have_topology || !topology.spec || diags.has_errors() ||
      topology.diags.has_errors()) {
    return std::nullopt;
  }
  LoadedScenario out{std::move(*spec), LoadedTopology{}};
  out.topology.spec = std::move(*topology.spec);
  out.topology.diagnostics = std::move(topology.diags);
  out.topology.lowered = std::make_unique<topo::LoweredTopology>(topo::lower(out.topology.spec));
  return out;
}

}  // namespace vpcsim::cli
