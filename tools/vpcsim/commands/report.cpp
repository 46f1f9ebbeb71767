// vpcsim report SCENARIO -o OUT.html: the scenario as one self-contained HTML
// lesson page: the topology diagram, every probe with PASS/FAIL, and a
// step-through of each probe's journey by layer (see format/report_html.hpp).
// Exit code as `check`: 0 when every expectation holds, 1 when one fails (the
// page is written either way), 2 on bad input.
#include <fstream>
#include <iostream>
#include <sstream>

#include "tools/vpcsim/cli_common.hpp"
#include "tools/vpcsim/commands/commands.hpp"
#include "tools/vpcsim/format/graph_dot.hpp"
#include "tools/vpcsim/format/layered_journey.hpp"
#include "tools/vpcsim/format/report_html.hpp"
#include "tools/vpcsim/graphviz.hpp"
#include "tools/vpcsim/scenario_runner.hpp"
#include "topology/scenario_loader.hpp"

namespace vpcsim::cli {
namespace {

using Json = nlohmann::ordered_json;

// What one scenario item recorded: its runs' events and path, in diagram ids.
struct ItemRecord {
  Json events = Json::array();
  std::set<std::string> path_nodes, path_edges;
  int legs = 0;
};

void record_run(const sim::Simulation& sim, const TopologyDiagram& diagram, ItemRecord& item) {
  ++item.legs;
  std::vector<LayeredEvent> events = layered_journey(sim);
  Json layered = layered_json(events);
  for (size_t i = 0; i < events.size(); ++i) {
    Json& e = layered[i];
    std::string node = diagram.node_id(events[i].device);
    std::string edge = events[i].link ? diagram.edge_id(*events[i].link) : "";
    e["node"] = node.empty() ? Json() : Json(node);
    e["edge"] = edge.empty() ? Json() : Json(edge);
    e["leg"] = item.legs;
    item.events.push_back(std::move(e));
  }
  PathHighlight path = path_of(sim, true, std::nullopt, "");
  for (sim::DeviceId d : path.devices) {
    if (std::string id = diagram.node_id(d); !id.empty()) item.path_nodes.insert(id);
  }
  for (uint32_t l : path.links) {
    if (std::string id = diagram.edge_id(l); !id.empty()) item.path_edges.insert(id);
  }
}

Json probe_json(const ItemOutcome& o, ItemRecord& r, const TopologyDiagram& diagram) {
  Json p;
  p["label"] = o.label;
  p["line"] = o.line;
  p["passed"] = o.passed;
  p["status"] = o.type == "table" ? (o.passed ? o.expect : o.mismatches.front())
                                  : o.result + (o.reason ? " [" + *o.reason + "]" : "");
  std::string detail = "expected " + o.expect + ", got " + o.result;
  for (const std::string& m : o.mismatches) detail += "; " + m;
  p["detail"] = o.type == "table" ? o.result : detail;
  p["explanation"] = o.explanation;
  p["tool_output"] = o.tool_output;
  p["path_nodes"] = Json(std::vector<std::string>(r.path_nodes.begin(), r.path_nodes.end()));
  p["path_edges"] = Json(std::vector<std::string>(r.path_edges.begin(), r.path_edges.end()));
  bool delivered = o.result == "reachable" || o.result == "open";
  std::string drop = !delivered && o.drop_device ? diagram.node_id(*o.drop_device) : "";
  p["drop_node"] = drop.empty() ? Json() : Json(drop);
  p["events"] = std::move(r.events);
  return p;
}

}  // namespace

int run_report(const Args& args) {
  po::options_description visible("options");
  visible.add_options()("help,h", "show this help")(
      "output,o", po::value<std::string>()->required()->value_name("OUT.html"),
      "the HTML file to write (self-contained: open it in any browser, hand it out)");
  po::options_description hidden;
  hidden.add_options()("scenario", po::value<std::string>()->required(), "scenario file");
  po::positional_options_description positional;
  positional.add("scenario", 1);
  po::variables_map vm;
  if (!parse_command_line(args, visible, positional, hidden, vm, "vpcsim report SCENARIO -o OUT.html",
                          "  vpcsim report scenarios/lan-switch/scenario.xml -o lan-switch.html\n"
                          "  vpcsim report scenarios/small-service/scenario.xml -o lesson.html\n"
                          "  (then open lesson.html; lesson.html?probe=3&step=5 starts there)\n")) {
    return kOk;
  }
  std::string file = vm["scenario"].as<std::string>();
  std::string out_path = vm["output"].as<std::string>();

  topo::Diagnostics diags;
  std::optional<topo::ScenarioSpec> spec = topo::load_scenario_file(file, diags);
  if (!spec || diags.has_errors()) {
    diags.sort();
    std::cerr << diags.render();
    throw InputRejected(file);
  }
  LoadedTopology topology = load_topology(spec->topology_path, std::cerr);
  topo::Diagnostics semantic = topo::validate_scenario(*spec, topology.spec);
  semantic.sort();
  std::cerr << semantic.render();
  if (semantic.has_errors()) throw InputRejected(file);

  // The diagram is drawn from a second lowering of the same spec: lowering is
  // deterministic, so its device and link ids are those of the network the
  // scenario runs on (which the runner takes over).
  topo::LoweredTopology drawing = topo::lower(topology.spec);
  TopologyDiagram diagram(topology.spec, drawing.network);
  std::ostringstream dot;
  diagram.write_dot(dot);
  std::string svg = render_svg(dot.str());

  std::vector<ItemRecord> records(spec->items.size());
  ScenarioOutcome outcome =
      run_scenario(*spec, topology, [&](size_t item, const sim::Simulation& sim) {
        record_run(sim, diagram, records[item]);
      });

  Json data;
  data["title"] = "Lesson: " + outcome.name;
  data["subtitle"] = std::to_string(outcome.items.size()) + " probes and checks: " +
                     std::to_string(outcome.passed()) + " passed, " +
                     std::to_string(outcome.failed()) + " failed. Scenario " + file +
                     ", topology " + spec->topology_path + ".";
  data["probes"] = Json::array();
  for (size_t i = 0; i < outcome.items.size(); ++i) {
    data["probes"].push_back(probe_json(outcome.items[i], records[i], diagram));
  }
  std::ofstream out(out_path);
  if (!(out << report_html(data, svg))) throw UsageError("cannot write " + out_path);
  std::cout << "wrote " << out_path << ": " << outcome.passed() << " passed, " << outcome.failed()
            << " failed\n";
  return outcome.failed() > 0 ? kFailed : kOk;
}

}  // namespace vpcsim::cli
