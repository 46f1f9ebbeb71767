// vpcsim check SCENARIO...: validates every scenario and its topology first (all
// diagnostics at once, nothing run when any is wrong: exit 2), then runs them,
// printing one PASS/FAIL line per probe with expected vs actual and the reason,
// the explanation of each failure, and a closing "N passed, N failed" line.
// --json OUT and --junit OUT write the same results for scripts and CI test
// views; their paths are checked before anything runs, and they are written
// atomically once every scenario has run (never on bad input).
#include <iostream>
#include <optional>

#include <nlohmann/json.hpp>

#include "tools/vpcsim/cli_common.hpp"
#include "tools/vpcsim/commands/commands.hpp"
#include "tools/vpcsim/commands/pcap_option.hpp"
#include "tools/vpcsim/junit_report.hpp"
#include "tools/vpcsim/output_file.hpp"
#include "tools/vpcsim/scenario_input.hpp"
#include "tools/vpcsim/scenario_runner.hpp"

namespace vpcsim::cli {
namespace {

// The report files asked for, checked before anything runs.
struct ReportPaths {
  std::optional<std::string> json, junit;
};

ReportPaths report_paths(const po::variables_map& vm) {
  ReportPaths out;
  if (vm.count("json")) out.json = vm["json"].as<std::string>();
  if (vm.count("junit")) out.junit = vm["junit"].as<std::string>();
  if (out.json) check_output_path("json", *out.json);
  if (out.junit) check_output_path("junit", *out.junit);
  if (out.json && out.junit && *out.json == *out.junit) {
    throw UsageError("--json and --junit name the same file " + *out.json);
  }
  return out;
}

void print_outcome(const ItemOutcome& o, const std::string& scenario, bool verbose) {
  // Faults and waits before and during the probe (docs/faults.md).
  for (const std::string& f : o.faults) std::cout << "      fault: " << f << "\n";
  if (verbose) std::cout << o.tool_output;
  std::cout << (o.passed ? "PASS  " : "FAIL  ") << scenario << ":" << o.line << "  " << o.label
            << "  ";
  if (!o.passed) {
    std::cout << mismatch_line(o);
  } else if (o.type == "table") {
    std::cout << o.expect;
  } else {
    std::cout << o.result << (o.reason ? " [" + *o.reason + "]" : "");
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
  if (!o.faults.empty()) j["faults"] = o.faults;  // only when the scenario has any
  if (!o.loop.empty()) j["loop"] = o.loop;        // a routing loop's routers, an L2 loop's ports
  return j;
}

}  // namespace

int run_check(const Args& args) {
  po::options_description visible("options");
  visible.add_options()("help,h", "show this help")(
      "json", po::value<std::string>()->value_name("OUT"),
      "write the full results as JSON to OUT")(
      "junit", po::value<std::string>()->value_name("OUT"),
      "write a JUnit XML report to OUT, for CI test views: one testsuite per scenario, one "
      "testcase per probe, the reason in each failure")(
      "verbose,v", "print each probe's output as the real tool would, before its PASS/FAIL line");
  // One capture for the whole run: every probe of every scenario, in order.
  add_pcap_options(visible);
  po::options_description hidden;
  hidden.add_options()("scenario", po::value<std::vector<std::string>>()->required(),
                       "scenario files");
  po::positional_options_description positional;
  positional.add("scenario", -1);
  po::variables_map vm;
  if (!parse_command_line(args, visible, positional, hidden, vm,
                          "vpcsim check SCENARIO... [--junit OUT] [--json OUT] [-v] [--pcap OUT]",
                          "  vpcsim check scenarios/lan-switch/scenario.xml\n"
                          "  vpcsim check -v scenarios/*/scenario.xml\n"
                          "  vpcsim check plan/scenario.xml --json results.json\n"
                          "  vpcsim check plans/*/scenario.xml --junit reports/vpcsim-junit.xml\n"
                          "  vpcsim check plan/scenario.xml --junit junit.xml --json results.json\n"
                          "  vpcsim check scenarios/lan-switch/scenario.xml --pcap lesson.pcap\n")) {
    return kOk;
  }
  const ReportPaths reports = report_paths(vm);
  std::vector<LoadedScenario> scenarios = load_scenario_inputs(vm["scenario"].as<std::vector<std::string>>());
  std::vector<const sim::Network*> networks;
  for (const LoadedScenario& s : scenarios) networks.push_back(&s.topology.lowered->network);
  std::unique_ptr<PcapFile> pcap = open_pcap(vm, networks);
  RunObserver capture;
  if (pcap) capture = [&](size_t, const sim::Simulation& sim) { pcap->add_run(sim); };
  bool verbose = vm.count("verbose") > 0;
  int passed = 0, failed = 0;
  nlohmann::ordered_json report;
  report["passed"] = 0;
  report["failed"] = 0;
  report["scenarios"] = nlohmann::ordered_json::array();
  std::vector<ScenarioOutcome> outcomes;
  for (LoadedScenario& s : scenarios) {
    if (pcap) pcap->next_network();
    ScenarioOutcome outcome = run_scenario(s.spec, s.topology, capture);
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
    outcomes.push_back(std::move(outcome));
  }
  report["passed"] = passed;
  report["failed"] = failed;
  std::cout << passed << " passed, " << failed << " failed\n";
  if (pcap) pcap->close();
  if (reports.json) write_file_atomically(*reports.json, report.dump(2) + "\n");
  if (reports.junit) write_file_atomically(*reports.junit, junit_report(outcomes));
  return failed > 0 ? kFailed : kOk;
}

}  // namespace vpcsim::cli
