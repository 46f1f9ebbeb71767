// Whole scenarios crosschecked without root: the simulator side of every bundled
// scenario must read back consistently through the real tools' parsers, and a
// scenario checked against replayed kernel outputs must agree where they match
// and report each difference where they do not.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <sstream>

#include "tests/crosscheck/sample.hpp"
#include "tools/vpcsim/crosscheck/crosscheck_report.hpp"
#include "tools/vpcsim/crosscheck/scenario_check.hpp"
#include "tools/vpcsim/scenario_input.hpp"

namespace vpcsim::crosscheck {
namespace {

cli::LoadedScenario load(const std::string& file) {
  std::ostringstream err;
  auto s = cli::load_scenario_input(file, err);
  EXPECT_TRUE(s) << err.str();
  return std::move(*s);
}

std::vector<std::string> bundled_scenarios() {
  std::vector<std::string> out;
  for (const auto& dir : std::filesystem::directory_iterator("scenarios")) {
    if (std::filesystem::exists(dir.path() / "scenario.xml")) {
      out.push_back((dir.path() / "scenario.xml").string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(SimulatorSide, EveryBundledProbeReadsBackAsTheSimulatorJudgedIt) {
  std::vector<std::string> files = bundled_scenarios();
  ASSERT_GE(files.size(), 10u);
  for (const std::string& file : files) {
    cli::LoadedScenario s = load(file);
    cli::ScenarioOutcome outcome = cli::run_scenario(s.spec, s.topology);
    for (size_t i = 0; i < outcome.items.size(); ++i) {
      const cli::ItemOutcome& item = outcome.items[i];
      if (item.type == "table") continue;
      // What crosscheck does not run (dig, curl, names only DNS resolves).
      const auto& probe = std::get<topo::ProbeSpec>(s.spec.items[i]);
      if (not_run_here(probe, *s.topology.lowered)) continue;
      SCOPED_TRACE(file + ":" + std::to_string(item.line) + " " + item.label);
      SimulatorSide side = simulator_side(item);
      EXPECT_FALSE(side.inconsistency) << *side.inconsistency << "\n" << item.tool_output;
      EXPECT_EQ(side.observation.verdict, item.result);
      if (item.type == "traceroute") {
        EXPECT_TRUE(side.observation.hops);
      }
    }
  }
}

// A kernel that answers nc as recorded per "ip port", like a real run would.
StepRunner replay(std::map<std::string, std::pair<int, std::string>> answers) {
  return [answers = std::move(answers)](const RealStep& step) {
    emulate::ExecResult r;
    auto it = answers.find(step.argv[step.argv.size() - 2] + " " + step.argv.back());
    if (it == answers.end()) {
      r.exit_code = 127;
      r.err = "no answer recorded\n";
      return r;
    }
    r.exit_code = it->second.first;
    r.err = it->second.second;
    return r;
  };
}

const std::map<std::string, std::pair<int, std::string>> kLanPorts = {
    {"10.0.2.10 22", {0, "Connection to 10.0.2.10 22 port [tcp/ssh] succeeded!\n"}},
    {"10.0.2.10 23", {1, "nc: connect to 10.0.2.10 port 23 (tcp) failed: Connection refused\n"}},
    {"10.0.2.10 53", {1, "nc: connect to 10.0.2.10 port 53 (tcp) failed: Connection refused\n"}},
    {"10.0.9.10 22",
     {1, "nc: connect to 10.0.9.10 port 22 (tcp) failed: Network is unreachable\n"}},
    {"10.0.2.99 22", {1, "nc: connect to 10.0.2.99 port 22 (tcp) failed: No route to host\n"}},
};

ScenarioCheck check_lan_ports(const StepRunner& runner) {
  cli::LoadedScenario s = load("scenarios/lan-ports/scenario.xml");
  cli::ScenarioOutcome outcome = cli::run_scenario(s.spec, s.topology);
  return check_scenario(
      s.spec, outcome, *s.topology.lowered,
      [](std::string_view node) { return std::optional<std::string>("t-" + std::string(node)); },
      runner);
}

TEST(ScenarioCheck, AgreesWithAKernelThatAnswersAlikeAndSkipsTables) {
  ScenarioCheck c = check_lan_ports(replay(kLanPorts));
  EXPECT_EQ(c.name, "lan-ports");
  EXPECT_EQ(c.count(Status::Agree), 5);
  EXPECT_EQ(c.count(Status::Disagree), 0);
  EXPECT_EQ(c.count(Status::Skipped), 2);  // the two ARP table checks
  EXPECT_EQ(c.probes[0].kernel.commands,
            std::vector<std::string>{"ip netns exec t-pc1 nc -z -v -w 5 10.0.2.10 22"});
  EXPECT_EQ(c.probes[5].skip_reason, "table checks are not compared");
}

TEST(ScenarioCheck, ReportsEachDisagreementWithBothSides) {
  auto answers = kLanPorts;
  // A kernel whose router drops silently where the simulator's sends "host unreachable".
  answers["10.0.2.99 22"] = {
      1, "nc: connect to 10.0.2.99 port 22 (tcp) timed out: Operation now in progress\n"};
  // And one that answers with another ICMP error than the simulator.
  answers["10.0.9.10 22"] = {1,
                             "nc: connect to 10.0.9.10 port 22 (tcp) failed: No route to host\n"};
  ScenarioCheck c = check_lan_ports(replay(answers));
  EXPECT_EQ(c.count(Status::Disagree), 2);
  const ProbeCheck& unroutable = c.probes[3];
  ASSERT_EQ(unroutable.status, Status::Disagree);
  ASSERT_EQ(unroutable.differences.size(), 1u);
  EXPECT_EQ(unroutable.differences[0].what, "reason class");
  EXPECT_EQ(unroutable.differences[0].simulator, "net-unreachable");
  EXPECT_EQ(unroutable.differences[0].kernel, "host-unreachable");
  const ProbeCheck& arp = c.probes[4];
  ASSERT_EQ(arp.differences.size(), 1u);
  EXPECT_EQ(arp.differences[0].what, "verdict");
  EXPECT_EQ(arp.differences[0].simulator, "unreachable");
  EXPECT_EQ(arp.differences[0].kernel, "timeout");

  std::ostringstream text;
  print_scenario_text(c, text);
  const std::string report = text.str();
  EXPECT_NE(report.find("DISAGREE  lan-ports:"), std::string::npos) << report;
  EXPECT_NE(report.find("simulator unreachable [host-unreachable] (host-unreachable), kernel "
                        "timeout [silent]"),
            std::string::npos)
      << report;
  EXPECT_NE(report.find("      kernel ran: ip netns exec t-pc1 nc -z -v -w 5 10.0.2.99 22\n"),
            std::string::npos)
      << report;
  EXPECT_NE(report.find("lan-ports: 3 agree, 2 disagree, 2 skipped\n"), std::string::npos)
      << report;

  nlohmann::ordered_json j = report_json({c});
  EXPECT_EQ(j["agreed"], 3);
  EXPECT_EQ(j["disagreed"], 2);
  EXPECT_EQ(j["scenarios"][0]["probes"][4]["status"], "disagree");
  EXPECT_EQ(j["scenarios"][0]["probes"][4]["kernel"]["verdict"], "timeout");
  EXPECT_EQ(j["scenarios"][0]["probes"][4]["simulator"]["reason"], "host-unreachable");
  EXPECT_EQ(j["scenarios"][0]["probes"][5]["status"], "skipped");
}

TEST(ScenarioCheck, AToolThatCannotRunIsAnErrorNotAnAgreement) {
  ScenarioCheck c = check_lan_ports(replay({}));
  EXPECT_EQ(c.count(Status::Agree), 0);
  EXPECT_EQ(c.probes[0].kernel.observation.verdict, "error");
  EXPECT_EQ(c.probes[0].kernel.observation.detail, "nc: no answer recorded");
}

TEST(ScenarioCheck, ReplayedPingAndTracerouteOutputsAreObserved) {
  RealStep ping{Tool::Ping, "h1", "t-h1", "10.9.2.10", {"ping"}, std::chrono::seconds(9), {}};
  emulate::ExecResult r;
  r.exit_code = 0;
  r.out = testing::sample("ping_ok");
  EXPECT_EQ(observe_step(ping, r).reply_ttl, 63);
  r.timed_out = true;
  EXPECT_EQ(observe_step(ping, r).verdict, "error");
  RealStep trace{Tool::Traceroute, "h1",           "t-h1",
                 "10.9.2.10",      {"traceroute"}, std::chrono::seconds(9), {}};
  r = {};
  r.exit_code = 0;
  r.out = testing::sample("tr_netunreach");
  EXPECT_EQ(observe_step(trace, r).reason_class, ReasonClass::NetUnreachable);
}

// A kernel that answers every ping (h1 reaches h2 whatever happens).
StepRunner always_reachable() {
  return [](const RealStep&) {
    emulate::ExecResult r;
    r.exit_code = 0;
    r.out = testing::sample("ping_ok");
    return r;
  };
}

ScenarioCheck check_bundled(const std::string& name, const StepRunner& runner) {
  cli::LoadedScenario s = load("scenarios/" + name + "/scenario.xml");
  cli::ScenarioOutcome outcome = cli::run_scenario(s.spec, s.topology);
  return check_scenario(
      s.spec, outcome, *s.topology.lowered,
      [](std::string_view node) { return std::optional<std::string>("t-" + std::string(node)); },
      runner);
}

TEST(ScenarioCheck, WithoutAFaultModelFaultsAndWhatFollowsThemAreSkipped) {
  ScenarioCheck c = check_bundled("lan-link-failure", always_reachable());
  ASSERT_GE(c.probes.size(), 5u);
  EXPECT_NE(c.probes[0].status, Status::Skipped);  // before any fault: compared
  EXPECT_EQ(c.probes[1].skip_reason, "table checks are not compared");
  EXPECT_EQ(c.probes[3].type, "ping");
  EXPECT_EQ(c.probes[3].skip_reason, "faults inside a probe are not replayed");
  for (size_t i = 4; i < c.probes.size(); ++i) {
    SCOPED_TRACE(c.probes[i].label);
    EXPECT_EQ(c.probes[i].status, Status::Skipped);
    EXPECT_EQ(c.probes[i].skip_reason,
              "after the faults of the probe at line " + std::to_string(c.probes[3].line));
  }
}

TEST(ScenarioCheck, ABroadcastStormIsADifferenceByDesign) {
  ScenarioCheck c = check_bundled("lan-switch-loop", always_reachable());
  ASSERT_GE(c.probes.size(), 2u);
  EXPECT_EQ(c.probes[0].status, Status::ByDesign);
  EXPECT_EQ(c.probes[0].simulator.reason, "broadcast-storm");
  EXPECT_EQ(c.probes[0].kernel.observation.verdict, "reachable");
  EXPECT_NE(c.probes[0].skip_reason.find("STP"), std::string::npos);
  EXPECT_EQ(c.count(Status::Disagree), 0);
  EXPECT_EQ(c.probes[1].skip_reason, "after the by-design difference at line " +
                                         std::to_string(c.probes[0].line) +
                                         ", until a wait has aged every ARP and MAC entry");
  std::ostringstream text;
  print_scenario_text(c, text);
  EXPECT_NE(text.str().find("0 agree, 0 disagree, 1 by design, "), std::string::npos) << text.str();
  EXPECT_EQ(report_json({c})["by_design"], 1);
}

}  // namespace
}  // namespace vpcsim::crosscheck
