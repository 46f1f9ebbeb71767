#pragma once
// Helpers of the tests of the views (graph_dot_test, services_views_test,
// report_html_test): a topology's DOT, one node's DOT line, and the message a
// probe line is refused with.
#include <sstream>
#include <string>

#include "tests/teach/teach_fixtures.hpp"
#include "tools/vpcsim/cli_common.hpp"
#include "tools/vpcsim/format/graph_dot.hpp"
#include "tools/vpcsim/probe_line.hpp"

namespace vpcsim::cli::testing {

inline std::string dot_of(const Loaded& t, const PathHighlight* path = nullptr) {
  TopologyDiagram d(t.spec, t.sim->network());
  std::ostringstream out;
  d.write_dot(out, path);
  return out.str();
}

// The DOT line that declares the node with this id attribute ("" when none does).
inline std::string node_line(const std::string& dot, const std::string& id) {
  size_t at = dot.find("id=\"" + id + "\"");
  if (at == std::string::npos) return "";
  size_t start = dot.rfind('\n', at) + 1;
  return dot.substr(start, dot.find('\n', at) - start);
}

// The UsageError parse_probe_line throws for `text`, or "accepted".
inline std::string probe_line_error(const std::string& text,
                                    const std::string& option = "--after") {
  try {
    (void)parse_probe_line(text, option);
  } catch (const UsageError& e) {
    return e.what();
  }
  return "accepted";
}

}  // namespace vpcsim::cli::testing
