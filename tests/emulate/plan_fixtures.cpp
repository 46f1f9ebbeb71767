#include "tests/emulate/plan_fixtures.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "topology/validate.hpp"
#include "topology/xml_loader.hpp"

namespace vpcsim::emulate::test {

namespace {

topo::TopologySpec checked(std::optional<topo::TopologySpec> spec, topo::Diagnostics& diags) {
  if (spec && !diags.has_errors()) diags.append(topo::validate(*spec));
  EXPECT_TRUE(spec.has_value());
  EXPECT_FALSE(diags.has_errors()) << diags.render();
  return spec ? std::move(*spec) : topo::TopologySpec{};
}

}  // namespace

topo::TopologySpec bundled(const std::string& name) {
  topo::Diagnostics diags;
  std::string path = std::string(VPCSIM_REPO_ROOT) + "/scenarios/" + name + "/topology.xml";
  return checked(topo::load_topology_file(path, diags), diags);
}

std::vector<std::string> bundled_names() {
  std::vector<std::string> names;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(VPCSIM_REPO_ROOT) + "/scenarios")) {
    if (std::filesystem::exists(entry.path() / "topology.xml")) {
      names.push_back(entry.path().filename().string());
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

topo::TopologySpec from_xml(std::string_view xml) {
  topo::Diagnostics diags;
  return checked(topo::load_topology_string(xml, "test.xml", diags), diags);
}

std::vector<std::string> lines(const std::vector<Command>& commands) {
  std::vector<std::string> out;
  for (const Command& c : commands) {
    std::string line;
    for (const std::string& w : c.argv) line += (line.empty() ? "" : " ") + w;
    out.push_back(line);
  }
  return out;
}

bool has_line(const std::vector<Command>& commands, const std::string& line) {
  std::vector<std::string> all = lines(commands);
  return std::find(all.begin(), all.end(), line) != all.end();
}

std::vector<std::string> lines_with(const std::vector<Command>& commands,
                                    const std::vector<std::string>& parts) {
  std::vector<std::string> out;
  for (const std::string& line : lines(commands)) {
    bool all = std::all_of(parts.begin(), parts.end(),
                           [&](const std::string& p) { return line.find(p) != std::string::npos; });
    if (all) out.push_back(line);
  }
  return out;
}

std::string acting_namespace(const Command& c) {
  const std::vector<std::string>& a = c.argv;
  if (a.size() >= 3 && a[0] == "ip" && a[1] == "-n") return a[2];
  if (a.size() >= 4 && a[0] == "ip" && a[1] == "netns" &&
      (a[2] == "exec" || a[2] == "add" || a[2] == "del" || a[2] == "pids")) {
    return a[3];
  }
  return "";
}

}  // namespace vpcsim::emulate::test
