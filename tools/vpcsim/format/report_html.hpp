#pragma once
// The HTML lesson view of `vpcsim report`: one self-contained page (inline SVG,
// CSS and JavaScript; nothing fetched from the network) with the topology
// diagram, the scenario's probes with PASS/FAIL, and for each probe a
// step-through of its journey: previous / next / play, the current device and
// the link the frame came in on highlighted on the diagram (the probe's whole
// path in green, the drop in red), and the current frame's headers by layer with
// what the device did at each layer.
//
// The page reads its data from an inline JSON block. Opened as
// `report.html?probe=N&step=K` it starts at that probe (1-based) and event;
// `?test=1` steps through every event of every probe at load and writes one line
// per event ("probe 1 step 3 node=node-r1 edge=edge-2") and "DONE" into
// <pre id="test-log">, plus "ERROR: ..." for any script error: what the
// headless-browser test reads (chromium --headless --dump-dom).
#include <string>

#include <nlohmann/json.hpp>

namespace vpcsim::cli {

// `data`: {"title", "subtitle", "probes": [{"label", "line", "passed", "status",
// "detail", "explanation", "tool_output", "path_nodes", "path_edges", "drop_node",
// "events": [layered_json events, each with "node", "edge", "leg"]}]}.
// `svg`: the diagram as Graphviz wrote it (its XML prologue is dropped).
[[nodiscard]] std::string report_html(const nlohmann::ordered_json& data, const std::string& svg);

}  // namespace vpcsim::cli
