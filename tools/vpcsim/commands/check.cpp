// vpcsim check SCENARIO...: validates every scenario and its topology first (all
// diagnostics at once, nothing run when any is wrong: exit 2), then runs them,
// printing one PASS/FAIL line per probe with expected vs actual and the reason,
// the explanation of each failure, and a closing "N passed, N failed" line.
#include <fstream>
#include <iostream>

#include <nlohmann/json.hpp>

#include "tools/vpcsim/cli_common.hpp"
#include "tools/vpcsim/commands/commands.hpp"
#include "tools/vpcsim/scenario_runner.hpp"
#include "topology/scenario_loader.hpp"

namespace vpcsim::cli {
namespace {

struct LoadedScenario {
  topo::ScenarioSpec spec;
  LoadedTopology topology;
};

// Loads every scenario and topology; prints all diagnostics; throws when any is an error.
std::vector<LoadedScenario> load_all(const std::vector<std::string>& files) {
  std::vector<LoadedScenario> out;
  bool failed = false;
  for (const std::string& file : files) {
    topo::Diagnostics diags;
    auto spec = topo::load_scenario_file(file, diags);
    if (!spec || diags.has_errors()) {
      diags.sort();
      std::cerr << diags.render();
      failed = true;
      continue;
    }
    try {
      LoadedTopology topology = load_topology(spec->topology_path, std::cerr);
      topo::Diagnostics semantic = topo::validate_scenario(*spec, topology.spec);
      semantic.sort();
      std::cerr << semantic.render();
      if (semantic.has_errors()) {
        failed = true;
        continue;
      }
      out.push_back(LoadedScenario{std::move(*spec), std::move(topology)});
    } catch (const InputRejected&) {
      failed = true;
    }
  }
  if (failed) throw InputRejected("scenario input has errors");
  return out;
}

void print_outcome(const ItemOutcome& o, const std::string& scenario, bool verbose) {
  if (verbose) std::cout << o.tool_output;
  std::cout << (o.passed ? "PASS  " : "FAIL  ") << scenario << ":" << o.line << "  " << o.label
            << "  ";
  if (o.type == "table") {
    std::cout << (o.passed ? o.expect : o.mismatches.front());
  } else if (o.passed) {
    std::cout << o.result << (o.reason ? " [" + *o.reason + "]" : "");
  } else {
    for (size_t i = 0; i < o.mismatches.size(); ++i)
      std::cout << (i ? "; " : "") << o.mismatches[i];
  }
  std::cout << "\n";
  if (!o.passed) {
    if (!o.explanation.empty()) std::cout << "      why: " << o.explanation << "\n";
    if (!verbose) {
      // The failing probe's own output, indented, so the reader sees what the tool saw.
      std::string_view text = o.tool_output;
      while (!text.empty()) {
        size_t nl = text.find('\n');
        std::cout << "      | " << text.substr(0, nl) << "\n";
        text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
      }
    }
  }
  if (verbose) std::cout << "\n";
}

nlohmann::ordered_json outcome_json(const ItemOutcome& o) {
  nlohmann::ordered_json j;
  j["line"] = o.line;
  j["type"] = o.type;
  j["from"] = o.from;
  j["to"] = o.to.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(o.to);
  if (!o.via.empty()) j["via"] = o.via;
  j["port"] = o.port ? nlohmann::ordered_json(*o.port) : nlohmann::ordered_json();
  j["expect"] = o.expect;
  j["result"] = o.result;
  j["reason"] = o.reason ? nlohmann::ordered_json(*o.reason) : nlohmann::ordered_json();
  j["passed"] = o.passed;
  j["explanation"] = o.explanation;
  j["mismatches"] = o.mismatches;
  return j;
}

}  // namespace

int run_check(const Args& args) {
  po::options_description visible("options");
  visible.add_options()("help,h", "show this help")("json", po::value<std::string>(),
                                                    "write the full results as JSON to this file")(
      "verbose,v", "print each probe's output as the real tool would, before its PASS/FAIL line");
  po::options_description hidden;
  hidden.add_options()("scenario", po::value<std::vector<std::string>>()->required(),
                       "scenario files");
  po::positional_options_description positional;
  positional.add("scenario", -1);
  po::variables_map vm;
  if (!parse_command_line(args, visible, positional, hidden, vm,
                          "vpcsim check SCENARIO... [--json OUT] [-v]",
                          "  vpcsim check scenarios/lan-switch/scenario.xml\n"
                          "  vpcsim check -v scenarios/*/scenario.xml\n"
                          "  vpcsim check plan/scenario.xml --json results.json\n")) {
    return kOk;
  }
  std::vector<LoadedScenario> scenarios = load_all(vm["scenario"].as<std::vector<std::string>>());
  bool verbose = vm.count("verbose") > 0;
  int passed = 0, failed = 0;
  nlohmann::ordered_json report;
  report["passed"] = 0;
  report["failed"] = 0;
  report["scenarios"] = nlohmann::ordered_json::array();
  for (LoadedScenario& s : scenarios) {
    ScenarioOutcome outcome = run_scenario(s.spec, s.topology);
    nlohmann::ordered_json js;
    js["name"] = outcome.name;
    js["file"] = outcome.file;
    js["passed"] = outcome.passed();
    js["failed"] = outcome.failed();
    js["probes"] = nlohmann::ordered_json::array();
    for (const ItemOutcome& o : outcome.items) {
      print_outcome(o, outcome.name, verbose);
      js["probes"].push_back(outcome_json(o));
    }
    passed += outcome.passed();
    failed += outcome.failed();
    report["scenarios"].push_back(std::move(js));
  }
  report["passed"] = passed;
  report["failed"] = failed;
  std::cout << passed << " passed, " << failed << " failed\n";
  if (vm.count("json")) {
    std::string path = vm["json"].as<std::string>();
    std::ofstream out(path);
    if (!out || !(out << report.dump(2) << "\n")) throw UsageError("cannot write " + path);
  }
  return failed > 0 ? kFailed : kOk;
}

}  // namespace vpcsim::cli
