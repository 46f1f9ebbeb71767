#include "tools/vpcsim/scenario_input.hpp"

#include <filesystem>
#include <memory>
#include <iostream>
#include <ostream>

#include "sim/fabric/fault.hpp"
#include "topology/lower.hpp"
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

// Every <fail>/<restore> of the scenario names a link or a node of the network.
void check_fault_steps(const topo::ScenarioSpec& spec, const sim::Network& net,
                       topo::Diagnostics& diags) {
  auto check = [&](const topo::StepSpec& step) {
    if (step.action == topo::StepAction::Wait) return;
    std::string error;
    if (!step.link.empty() && !sim::find_link(net, step.link, error)) {
      diags.error(step.loc, "unknown-link", "link '" + step.link + "': " + error);
    } else if (!step.node.empty() && !sim::find_device(net, step.node, error)) {
      std::vector<std::string> names;
      for (size_t d = 0; d < net.device_count(); ++d) {
        names.push_back(net.device(sim::DeviceId{uint32_t(d)}).name());
      }
      diags.error(step.loc, "unknown-node", error, {topo::known_names_note("nodes", names)});
    }
  };
  for (const topo::ScenarioItem& item : spec.items) {
    if (const auto* p = std::get_if<topo::ProbeSpec>(&item)) {
      for (const topo::StepSpec& s : p->steps_before) check(s);
      for (const topo::StepSpec& s : p->faults) check(s);
    } else {
      for (const topo::StepSpec& s : std::get<topo::TableCheckSpec>(item).steps_before) check(s);
    }
  }
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
  // The links and nodes <fail>/<restore> name are looked up in the lowered
  // network (ports p1, p2 ... of switches exist only there): when the topology is valid.
  std::unique_ptr<topo::LoweredTopology> lowered;
  if (spec && topology.spec && !topology.diags.has_errors()) {
    lowered = std::make_unique<topo::LoweredTopology>(topo::lower(*topology.spec));
    check_fault_steps(*spec, lowered->network, diags);
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
  out.topology.lowered = std::move(lowered);
  return out;
}

std::vector<LoadedScenario> load_scenario_inputs(const std::vector<std::string>& files) {
  std::vector<LoadedScenario> out;
  bool failed = false;
  for (const std::string& file : files) {
    if (auto loaded = load_scenario_input(file, std::cerr)) {
      out.push_back(std::move(*loaded));
    } else {
      failed = true;
    }
  }
  if (failed) throw InputRejected("scenario input has errors");
  return out;
}

}  // namespace vpcsim::cli
