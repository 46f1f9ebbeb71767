// vpcsim diff OLD NEW [SCENARIO]: what changed in reachability between two
// versions of a plan: the whole reach matrices, or only a scenario's probes run
// against both. Exit 1 when anything changed (a "no surprise" CI gate), 0 when
// nothing did, 2 on bad input.
#include <iostream>

#include "tools/vpcsim/cli_common.hpp"
#include "tools/vpcsim/commands/commands.hpp"
#include "tools/vpcsim/reach/reach_diff.hpp"
#include "topology/scenario_loader.hpp"

namespace vpcsim::cli {
namespace {

// Both plans, so that the errors of both are reported in one run.
std::pair<LoadedTopology, LoadedTopology> load_plans(const std::string& old_path,
                                                     const std::string& new_path) {
  std::optional<LoadedTopology> old_plan, new_plan;
  try {
    old_plan = load_topology(old_path, std::cerr);
  } catch (const InputRejected&) {
  }
  try {
    new_plan = load_topology(new_path, std::cerr);
  } catch (const InputRejected&) {
  }
  if (!old_plan || !new_plan) throw InputRejected("a plan has errors");
  return {std::move(*old_plan), std::move(*new_plan)};
}

// The scenario, checked against both plans (its own topology= is not used).
topo::ScenarioSpec load_scenario_for(const std::string& path, const LoadedTopology& old_plan,
                                     const LoadedTopology& new_plan) {
  topo::Diagnostics diags;
  auto spec = topo::load_scenario_file(path, diags);
  if (!spec || diags.has_errors()) {
    diags.sort();
    std::cerr << diags.render();
    throw InputRejected(path + ": errors");
  }
  bool fits = true;
  for (const LoadedTopology* plan : {&old_plan, &new_plan}) {
    topo::Diagnostics semantic = topo::validate_scenario(*spec, plan->spec);
    if (!semantic.has_errors()) continue;
    semantic.sort();
    std::cerr << "vpcsim diff: " << path << " does not fit the "
              << (plan == &old_plan ? "old" : "new") << " plan " << plan->spec.file << ":\n"
              << semantic.render();
    fits = false;
  }
  if (!fits) throw InputRejected(path + ": does not fit both plans");
  return std::move(*spec);
}

}  // namespace

int run_diff(const Args& args) {
  po::options_description visible("options");
  visible.add_options()("help,h", "show this help")("json", "print one JSON document")(
      "threads", po::value<int>(), "worker threads (default: one per core)")(
      "no-group", "probe every pair itself instead of one pair per pair of classes");
  po::options_description hidden;
  hidden.add_options()("old", po::value<std::string>()->required(), "old topology")(
      "new", po::value<std::string>()->required(), "new topology")(
      "scenario", po::value<std::string>(), "scenario whose probes run against both");
  po::positional_options_description positional;
  positional.add("old", 1).add("new", 1).add("scenario", 1);
  po::variables_map vm;
  if (!parse_command_line(args, visible, positional, hidden, vm,
                          "vpcsim diff OLD NEW [SCENARIO] [--json] [--threads N]",
                          "  vpcsim diff plan-v1.xml plan-v2.xml\n"
                          "  git show HEAD~1:plan.xml > old.xml && vpcsim diff old.xml plan.xml\n"
                          "  vpcsim diff old.xml new.xml checks.xml --json\n"
                          "\nexit codes: 0 nothing changed, 1 something changed, 2 bad input\n")) {
    return kOk;
  }
  ReachOptions options;
  if (vm.count("threads")) {
    int n = vm["threads"].as<int>();
    if (n < 1 || n > 1024) throw UsageError("--threads must be between 1 and 1024");
    options.threads = unsigned(n);
  }
  options.group = vm.count("no-group") == 0;
  auto [old_plan, new_plan] = load_plans(vm["old"].as<std::string>(), vm["new"].as<std::string>());
  ReachDiff d;
  if (vm.count("scenario")) {
    topo::ScenarioSpec scenario =
        load_scenario_for(vm["scenario"].as<std::string>(), old_plan, new_plan);
    const std::string old_file = old_plan.spec.file, new_file = new_plan.spec.file;
    ScenarioOutcome old_run = run_scenario(scenario, old_plan);
    ScenarioOutcome new_run = run_scenario(scenario, new_plan);
    d = diff_scenario(old_run, new_run);
    d.old_file = old_file;
    d.new_file = new_file;
  } else {
    d = diff_plans(old_plan, new_plan, options);
  }
  vm.count("json") ? write_diff_json(std::cout, d) : write_diff_text(std::cout, d);
  return d.changed() ? kFailed : kOk;
}

}  // namespace vpcsim::cli
