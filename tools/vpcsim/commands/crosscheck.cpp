// vpcsim crosscheck SCENARIO... [--json] [--keep] [--prefix P]: runs every
// probe of each scenario twice, in the simulator (as `vpcsim check` does) and
// with the real ping, traceroute and nc in the topology emulated in Linux
// network namespaces (as `vpcsim emulate` builds it), and reports where the
// two disagree in verdict, reason class, hop list, reply TTL or ICMP error
// source. Needs root; see docs/crosscheck.md.
// Exit codes: 0 all agree, 1 a disagreement, 2 bad usage or input, 3 an
// emulation could not be built, 4 network namespaces are not available here.
#include <unistd.h>

#include <iostream>
#include <optional>

#include "tools/vpcsim/cli_common.hpp"
#include "tools/vpcsim/commands/commands.hpp"
#include "tools/vpcsim/crosscheck/crosscheck_report.hpp"
#include "tools/vpcsim/crosscheck/emulated_network.hpp"
#include "tools/vpcsim/crosscheck/scenario_check.hpp"
#include "tools/vpcsim/emulate/command_runner.hpp"
#include "tools/vpcsim/emulate/emulation_plan.hpp"
#include "tools/vpcsim/emulate/emulation_runner.hpp"
#include "tools/vpcsim/scenario_input.hpp"
#include "tools/vpcsim/scenario_runner.hpp"

namespace vpcsim::cli {
namespace {

using crosscheck::ScenarioCheck;

// Namespace names are PREFIX-TOPO-NODE: keep the prefix to characters that
// need no quoting anywhere.
void check_prefix(const std::string& prefix) {
  bool ok = !prefix.empty() && prefix.size() <= 16;
  for (char c : prefix) {
    ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-');
  }
  if (!ok) {
    throw UsageError("--prefix '" + prefix + "' must be 1 to 16 characters among a-z, 0-9 and '-'");
  }
}

ScenarioCheck crosscheck_one(LoadedScenario& s, const std::string& prefix, bool keep) {
  ScenarioCheck check;
  check.name = s.spec.name;
  check.file = s.spec.file;
  std::optional<emulate::EmulationPlan> plan;
  try {
    plan = emulate::EmulationPlan::build(s.topology.spec, prefix);
  } catch (const std::exception& e) {
    // Something of the topology the emulation cannot build (documented in docs/emulate.md).
    check.error = std::string("the topology cannot be emulated: ") + e.what();
    return check;
  }
  const std::string emulation = plan->name_prefix();
  // The simulator first (it owns no namespace), then the same probes for real.
  ScenarioOutcome simulated = run_scenario(s.spec, s.topology);
  // Progress, for a person watching: stderr stays quiet in CI logs and pipes.
  if (isatty(STDERR_FILENO)) {
    std::cerr << "crosscheck: emulating " << s.spec.file << " in " << plan->namespaces().size()
              << " namespaces (" << emulation << "*)\n";
  }
  try {
    crosscheck::EmulatedNetwork network(*plan, keep, std::cerr);
    const emulate::EmulationPlan& p = *plan;
    check = crosscheck::check_scenario(
        s.spec, simulated, *s.topology.lowered,
        [&p](std::string_view node) { return p.namespace_of(node); },
        [](const crosscheck::RealStep& step) {
          return emulate::run_in_namespace(step.netns, step.argv, step.limit);
        });
  } catch (const crosscheck::EmulationError& e) {
    check.error = std::string("the emulation could not be built: ") + e.what();
  }
  check.emulation = emulation;
  if (keep && !check.error) {
    std::cerr << "crosscheck: kept the emulation " << emulation
              << "*; remove it with: vpcsim emulate " << s.spec.topology_path
              << " --destroy --prefix " << prefix << "\n";
  }
  return check;
}

}  // namespace

int run_crosscheck(const Args& args) {
  po::options_description visible("options");
  visible.add_options()("help,h", "show this help")(
      "json", "print the report as one JSON document (instead of text)")(
      "keep",
      "leave each emulated network in place after its scenario (for a look with "
      "`vpcsim emulate FILE --exec NODE -- CMD`)")(
      "prefix", po::value<std::string>()->default_value("vsx")->value_name("P"),
      "start every namespace name with P- (namespaces are P-TOPOLOGY-NODE)");
  po::options_description hidden;
  hidden.add_options()("scenario", po::value<std::vector<std::string>>()->required(),
                       "scenario files");
  po::positional_options_description positional;
  positional.add("scenario", -1);
  po::variables_map vm;
  if (!parse_command_line(
          args, visible, positional, hidden, vm,
          "vpcsim crosscheck SCENARIO... [--json] [--keep] [--prefix P]   (needs root)",
          "  sudo vpcsim crosscheck scenarios/lan-three-routers/scenario.xml\n"
          "  sudo vpcsim crosscheck scenarios/*/scenario.xml --json > crosscheck.json\n"
          "  sudo vpcsim crosscheck scenarios/small-service/scenario.xml --keep --prefix try\n"
          "\nEach probe runs in the simulator and, in the topology emulated in network\n"
          "namespaces, as ping -n, traceroute -n or nc -z; one line per probe says\n"
          "whether both agree on the verdict, reason class, hops, reply TTL and ICMP\n"
          "error source. docs/crosscheck.md lists where AWS and Linux differ by design.\n"
          "\nexit codes: 0 all agree, 1 a disagreement, 2 bad usage or input,\n"
          "            3 an emulation could not be built, 4 no network namespaces here\n")) {
    return kOk;
  }
  const std::string prefix = vm["prefix"].as<std::string>();
  check_prefix(prefix);
  const bool json = vm.count("json") > 0;
  const bool keep = vm.count("keep") > 0;
  std::vector<LoadedScenario> scenarios = load_scenario_inputs(vm["scenario"].as<std::vector<std::string>>());
  std::string why_not;
  if (!emulate::namespaces_available(&why_not)) {
    std::cerr << "vpcsim crosscheck: cannot emulate on this machine: " << why_not << "\n";
    return emulate::kExitNoNamespaces;
  }
  std::vector<ScenarioCheck> checks;
  for (LoadedScenario& s : scenarios) {
    checks.push_back(crosscheck_one(s, prefix, keep));
    if (!json) crosscheck::print_scenario_text(checks.back(), std::cout);
    std::cout.flush();
  }
  if (json) {
    std::cout << crosscheck::report_json(checks).dump(2) << "\n";
  } else {
    crosscheck::print_total_text(checks, std::cout);
  }
  bool errors = false, disagreements = false;
  for (const ScenarioCheck& c : checks) {
    errors = errors || c.error.has_value();
    disagreements = disagreements || c.count(crosscheck::Status::Disagree) > 0;
  }
  if (errors) return kInternal;
  return disagreements ? kFailed : kOk;
}

}  // namespace vpcsim::cli
