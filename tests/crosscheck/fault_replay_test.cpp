// Fault steps and table checks replayed on the emulation, without root: the
// commands each <fail>, <restore> and <wait> of lan-link-failure becomes, the
// probe's own fault timed against its tool, and the whole scenario against the
// outputs a real run gave (tests/crosscheck/data/llf_LINE.txt, captured by
// `vpcsim crosscheck scenarios/lan-link-failure/scenario.xml --json`).
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "tests/crosscheck/sample.hpp"
#include "tools/vpcsim/crosscheck/crosscheck_report.hpp"
#include "tools/vpcsim/crosscheck/scenario_check.hpp"
#include "tools/vpcsim/crosscheck/table_check.hpp"
#include "tools/vpcsim/emulate/emulation_plan.hpp"
#include "tools/vpcsim/emulate/fault_model.hpp"
#include "tools/vpcsim/emulate/shell_quote.hpp"
#include "tools/vpcsim/scenario_input.hpp"

namespace vpcsim::crosscheck {
namespace {

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// lan-link-failure, simulated, then checked against a kernel that answers each
// probe and table read with what a real run printed, item by item.
struct ReplayedRun {
  cli::LoadedScenario s;
  emulate::EmulationPlan plan;
  KernelControl kernel;
  std::vector<std::string> commands;  // every command the replay ran, in order
  std::vector<RealStep> steps;        // every probe step it ran
  ScenarioCheck check;

  ReplayedRun() : s(load()), plan(emulate::EmulationPlan::build(s.topology.spec, "t", {true})) {
    const size_t items = s.spec.items.size();
    // The item being read: tables and probes answer in document order.
    auto lines = std::make_shared<std::vector<uint32_t>>();
    for (const topo::ScenarioItem& item : s.spec.items) {
      lines->push_back(std::visit([](const auto& i) { return i.loc.line; }, item));
    }
    auto next = std::make_shared<size_t>(0);
    kernel.faults = &plan.fault_model();
    kernel.namespaces = plan.namespaces();
    kernel.link_ends = {{"r1:eth1", {{"r1", "eth1"}, {"r2", "eth0"}}},
                        {"h2", {{"h2", "eth0"}, {"sw2", "p2"}}},
                        {"r1:eth0", {{"r1", "eth0"}, {"sw1", "p2"}}}};
    kernel.macs = {{"h1", {"02:8a:bc:15:35:99"}},
                   {"h2", {"02:47:0e:5d:7e:46"}},
                   {"r1", {"02:a3:2c:55:45:73", "02:a3:2c:55:43:c0"}},
                   {"r2", {"02:44:d8:91:f3:fc", "02:44:d8:91:f5:af"}}};
    kernel.settle = [](std::chrono::milliseconds) {};
    kernel.run = [this, lines, next](const std::vector<std::string>& argv) {
      emulate::ExecResult r;
      r.exit_code = 0;
      std::string line = emulate::shell_line(argv);
      commands.push_back(line);
      if (line.find(" show") != std::string::npos) {
        r.out = testing::sample("llf_" + std::to_string((*lines)[(*next)++]));
      }
      return r;
    };
    cli::ScenarioOutcome outcome;
    std::vector<int64_t> times(items, 0);
    outcome = cli::run_scenario(s.spec, s.topology, [&times](size_t i, const sim::Simulation& sim) {
      times[i] = (sim.now() - sim::SimTime{}).ns;
    });
    for (size_t i = 1; i < items; ++i) times[i] = std::max(times[i], times[i - 1]);
    kernel.time_after = times;
    check = check_scenario(
        s.spec, outcome, *s.topology.lowered,
        [this](std::string_view node) { return plan.namespace_of(node); },
        [this, lines, next](const RealStep& step) {
          steps.push_back(step);
          emulate::ExecResult r;
          r.out = testing::sample("llf_" + std::to_string((*lines)[(*next)++]));
          r.exit_code = r.out.find(" 0 received") == std::string::npos ? 0 : 1;
          return r;
        },
        kernel);
  }
  static cli::LoadedScenario load() {
    std::ostringstream err;
    auto s = cli::load_scenario_input("scenarios/lan-link-failure/scenario.xml", err);
    EXPECT_TRUE(s) << err.str();
    return std::move(*s);
  }
};

TEST(FaultReplay, EveryItemOfLanLinkFailureIsComparedAndAgrees) {
  ReplayedRun run;
  EXPECT_EQ(run.check.count(Status::Agree), 15);
  EXPECT_EQ(run.check.count(Status::Skipped), 0);
  for (const ProbeCheck& p : run.check.probes) {
    EXPECT_EQ(p.status, Status::Agree) << p.label << " (line " << p.line << ")";
  }
  EXPECT_EQ(run.check.probes[1].kernel.observation.verdict, "r2 on p1, h2 on p2");
  EXPECT_EQ(run.check.probes[8].kernel.observation.verdict, "10.0.1.1 absent");
}

TEST(FaultReplay, AProbesOwnFaultRunsAtItsTimeAndIsUndoneAfterwards) {
  ReplayedRun run;
  ASSERT_GE(run.steps.size(), 2u);
  const RealStep& flapping = run.steps[1];  // line 34: the WAN link fails 1.5 s in
  ASSERT_EQ(flapping.during.size(), 2u);
  EXPECT_EQ(flapping.during[0].at, std::chrono::milliseconds(1500));
  EXPECT_EQ(emulate::shell_line(flapping.during[0].argv),
            "ip -n t-lan-link-failure-cable:4 link set end-a down");
  const ProbeCheck& p = run.check.probes[3];
  EXPECT_TRUE(contains(p.fault_commands, "ip -n t-lan-link-failure-cable:4 link set end-a up"));
  EXPECT_TRUE(contains(p.fault_commands, "ip -n t-lan-link-failure-cable:4 link set end-b up"));
}

TEST(FaultReplay, StepsBecomeCommandsInScenarioOrder) {
  ReplayedRun run;
  const auto& c = run.commands;
  auto at = [&](const std::string& s) { return std::find(c.begin(), c.end(), s) - c.begin(); };
  const long end = long(c.size());
  // <fail link="h2"/>: cut at the switch port; <fail link="r1:eth0"/> likewise.
  EXPECT_LT(at("ip -n t-lan-link-failure-sw2 link set p2 down"), end);
  EXPECT_LT(at("ip -n t-lan-link-failure-sw1 link set p2 down"), end);
  // <wait duration="61s"/>: every ARP entry expires, no MAC entry (300 s).
  EXPECT_LT(at("ip -n t-lan-link-failure-h1 neigh flush all"), end);
  EXPECT_EQ(
      std::count_if(c.begin(), c.end(),
                    [](const std::string& l) { return l.find("fdb_flush") != std::string::npos; }),
      0);
  EXPECT_LT(at("ip -n t-lan-link-failure-sw1 link set p2 down"),
            at("ip -n t-lan-link-failure-h1 neigh flush all"));
  // The switch failed inside the last probe but one comes back after it.
  EXPECT_LT(at("ip -n t-lan-link-failure-sw2 link set br0 up"), end);
}

TEST(FaultReplay, APartialAgingCannotBeReproducedAndPartsTheNetworks) {
  ReplayedRun run;
  FaultReplay replay(run.kernel);
  topo::StepSpec wait;
  wait.action = topo::StepAction::Wait;
  wait.at = sim::Duration{30'000'000'000};
  wait.loc.line = 7;
  int64_t now = 45'000'000'000;  // entries learned 0-45 s ago: some expire within 30 s
  std::vector<std::string> ran;
  std::optional<std::string> why = replay.apply_steps({wait}, now, ran);
  ASSERT_TRUE(why);
  EXPECT_EQ(*why,
            "the 30s let pass at line 7 ages some ARP entries and not others, which the emulation "
            "cannot reproduce");
  now = 10'000'000'000;  // nothing is older than 40 s after it: nothing to do
  EXPECT_FALSE(replay.apply_steps({wait}, now, ran));
  EXPECT_TRUE(ran.empty());
}

TEST(TableCheck, KernelTablesReadAsTheSimulatorsAre) {
  std::map<std::string, std::string> fdb = kernel_fdb(testing::sample("llf_31"));
  EXPECT_EQ(fdb.at("02:47:0e:5d:7e:46"), "p2");
  EXPECT_EQ(fdb.count("33:33:00:00:00:01"), 0u);  // the bridge's own group entries
  EXPECT_EQ(simulator_macs("02:44:d8:91:f5:af (r2:eth1) on p1, 02:47:0e:5d:7e:46 (h2:eth0) on p2")
                .at("02:47:0e:5d:7e:46"),
            "p2");
  EXPECT_TRUE(simulator_macs("empty").empty());
  std::map<std::string, std::string> neigh = kernel_neighbours(
      "10.0.1.1 dev eth0 lladdr 02:a3:2c:55:45:73 STALE\n10.0.1.9 dev eth0 FAILED\n"
      "10.0.1.7 dev eth0 lladdr 02:00:00:00:00:07 FAILED\n");
  EXPECT_EQ(neigh.size(), 1u);
  EXPECT_EQ(neigh.at("10.0.1.1"), "02:a3:2c:55:45:73");
  EXPECT_EQ(simulator_arp("10.0.1.1 at 02:a3:2c:55:45:73").at("10.0.1.1"), "02:a3:2c:55:45:73");
}

}  // namespace
}  // namespace vpcsim::crosscheck
