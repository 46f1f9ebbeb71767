// The scenario runner hands every probe run to an observer (check --pcap and
// vpcsim report read the journeys there): once per run, an ssh through a
// bastion twice, with the index of its scenario item.
#include <gtest/gtest.h>

#include <iostream>
#include <map>

#include "tools/vpcsim/scenario_runner.hpp"
#include "topology/scenario_loader.hpp"

namespace vpcsim::cli {
namespace {

TEST(ScenarioObserver, SeesEachRunWithItsItemAndAFreshJourney) {
  topo::Diagnostics diags;
  auto spec = topo::load_scenario_file(
      std::string(VPCSIM_REPO_ROOT) + "/tests/data/vpc/bastion-scenario.xml", diags);
  ASSERT_TRUE(spec && !diags.has_errors()) << diags.render();
  LoadedTopology topology = load_topology(spec->topology_path, std::cerr);
  std::map<size_t, int> runs;
  std::map<size_t, size_t> frames;
  ScenarioOutcome out = run_scenario(*spec, topology, [&](size_t item, const sim::Simulation& sim) {
    ++runs[item];
    frames[item] += sim.journey().transmissions().size();
    EXPECT_FALSE(sim.journey().hops().empty());
  });
  EXPECT_EQ(out.failed(), 0);
  // Items: ssh via bastion (2 legs), ssh direct (1), ssh via bastion to a closed
  // port (2 legs), ssh to the bastion (1).
  EXPECT_EQ(runs, (std::map<size_t, int>{{0, 2}, {1, 1}, {2, 2}, {3, 1}}));
  for (const auto& [item, n] : frames) EXPECT_GT(n, 0u) << "item " << item;
  // Without an observer the outcome is the same.
  LoadedTopology again = load_topology(spec->topology_path, std::cerr);
  EXPECT_EQ(run_scenario(*spec, again).passed(), out.passed());
}

}  // namespace
}  // namespace vpcsim::cli
