#pragma once
// Helpers of the emulate tests: topologies loaded from the bundled scenarios or
// from inline XML, and queries over a plan's commands.
#include <string>
#include <string_view>
#include <vector>

#include "tools/vpcsim/emulate/emulation_plan.hpp"
#include "topology/spec.hpp"

namespace vpcsim::emulate::test {

// scenarios/NAME/topology.xml, loaded and validated (the test fails on errors).
topo::TopologySpec bundled(const std::string& name);
// Every bundled scenario's name (scenarios/*/topology.xml), sorted.
std::vector<std::string> bundled_names();
// A topology from XML text, loaded and validated.
topo::TopologySpec from_xml(std::string_view xml);

// Each create command as one line of words joined by spaces.
std::vector<std::string> lines(const std::vector<Command>& commands);
// Whether some line of `commands` equals `line`.
bool has_line(const std::vector<Command>& commands, const std::string& line);
// Lines containing every one of `parts`.
std::vector<std::string> lines_with(const std::vector<Command>& commands,
                                    const std::vector<std::string>& parts);
// The namespace a command acts in ("ip -n NS", "ip netns exec NS", "ip netns
// add|del|pids NS"); empty when the command has none of these shapes.
std::string acting_namespace(const Command& c);

}  // namespace vpcsim::emulate::test
