// Scenario probes as the real commands crosscheck runs in the emulation, on
// bundled scenarios (names resolved as the source sees them).
#include <gtest/gtest.h>

#include <sstream>
#include <variant>

#include "tools/vpcsim/crosscheck/real_probe.hpp"
#include "tools/vpcsim/scenario_input.hpp"

namespace vpcsim::crosscheck {
namespace {

using Argv = std::vector<std::string>;

cli::LoadedScenario load(const std::string& name) {
  std::ostringstream err;
  auto s = cli::load_scenario_input("scenarios/" + name + "/scenario.xml", err);
  EXPECT_TRUE(s) << err.str();
  return std::move(*s);
}

std::vector<topo::ProbeSpec> probes(const cli::LoadedScenario& s) {
  std::vector<topo::ProbeSpec> out;
  for (const auto& item : s.spec.items) {
    if (const auto* p = std::get_if<topo::ProbeSpec>(&item)) out.push_back(*p);
  }
  return out;
}

std::optional<std::string> test_namespace(std::string_view node) {
  return "t-" + std::string(node);
}

TEST(RealProbe, PingAndTracerouteOfTheThreeRouters) {
  cli::LoadedScenario s = load("lan-three-routers");
  std::vector<topo::ProbeSpec> p = probes(s);
  ASSERT_GE(p.size(), 7u);
  RealProbe ping = real_probe(p[0], *s.topology.lowered, test_namespace);
  ASSERT_EQ(ping.steps.size(), 1u);
  EXPECT_EQ(ping.steps[0].netns, "t-h1");
  EXPECT_EQ(ping.steps[0].tool, Tool::Ping);
  EXPECT_EQ(ping.steps[0].argv, (Argv{"ping", "-n", "-c", "3", "-W", "4", "10.0.2.10"}));
  EXPECT_EQ(real_probe(p[1], *s.topology.lowered, test_namespace).steps[0].argv,
            (Argv{"ping", "-n", "-c", "3", "-W", "4", "-t", "3", "10.0.2.10"}));
  EXPECT_EQ(real_probe(p[3], *s.topology.lowered, test_namespace).steps[0].argv,
            (Argv{"traceroute", "-n", "-q", "1", "-N", "1", "-w", "4", "-m", "30", "10.0.2.10"}));
  EXPECT_EQ(
      real_probe(p[4], *s.topology.lowered, test_namespace).steps[0].argv,
      (Argv{"traceroute", "-n", "-q", "1", "-N", "1", "-w", "4", "-m", "30", "-I", "10.0.2.10"}));
  EXPECT_EQ(real_probe(p[5], *s.topology.lowered, test_namespace).steps[0].argv,
            (Argv{"traceroute", "-n", "-q", "1", "-N", "1", "-w", "4", "-m", "30", "-T", "-p", "22",
                  "10.0.2.10"}));
  RealStep telnet = real_probe(p[6], *s.topology.lowered, test_namespace).steps[0];
  EXPECT_EQ(telnet.tool, Tool::Nc);
  EXPECT_EQ(telnet.argv, (Argv{"nc", "-z", "-v", "-w", "5", "10.0.2.10", "22"}));
  EXPECT_EQ(command_line(telnet), "ip netns exec t-h1 nc -z -v -w 5 10.0.2.10 22");
}

TEST(RealProbe, SshThroughABastionIsTwoLegsWithSplitHorizonNames) {
  cli::LoadedScenario s = load("small-service");
  for (const topo::ProbeSpec& p : probes(s)) {
    if (p.type != topo::ProbeType::Ssh) continue;
    RealProbe ssh = real_probe(p, *s.topology.lowered, test_namespace);
    ASSERT_EQ(ssh.steps.size(), 2u);
    // From the internet the bastion is its elastic IP; from the bastion, app is private.
    EXPECT_EQ(ssh.steps[0].netns, "t-client");
    EXPECT_EQ(ssh.steps[0].argv, (Argv{"nc", "-z", "-v", "-w", "5", "203.0.113.10", "22"}));
    EXPECT_EQ(ssh.steps[1].netns, "t-bastion");
    EXPECT_EQ(ssh.steps[1].argv, (Argv{"nc", "-z", "-v", "-w", "5", "10.0.2.10", "22"}));
    return;
  }
  FAIL() << "small-service has no ssh probe";
}

TEST(RealProbe, SourcePortsAndTtlBecomeToolOptions) {
  cli::LoadedScenario s = load("lan-home-nat");
  topo::ProbeSpec p = probes(s)[1];  // telnet pc1 -> web 443 source-port 40000
  ASSERT_EQ(p.source_port, 40000);
  p.ttl = 7;
  EXPECT_EQ(real_probe(p, *s.topology.lowered, test_namespace).steps[0].argv,
            (Argv{"nc", "-z", "-v", "-w", "5", "-p", "40000", "-M", "7", "203.0.113.10", "443"}));
  topo::ProbeSpec t = p;
  t.type = topo::ProbeType::Traceroute;
  t.mode = "tcp";
  t.port = 443;
  t.max_hops = 5;
  EXPECT_EQ(real_probe(t, *s.topology.lowered, test_namespace).steps[0].argv,
            (Argv{"traceroute", "-n", "-q", "1", "-N", "1", "-w", "4", "-m", "5", "-T", "-p", "443",
                  "--sport=40000", "203.0.113.10"}));
}

TEST(RealProbe, ANodeWithoutNamespaceIsNamed) {
  cli::LoadedScenario s = load("lan-three-routers");
  auto none = [](std::string_view) -> std::optional<std::string> { return std::nullopt; };
  try {
    (void)real_probe(probes(s)[0], *s.topology.lowered, none);
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "node 'h1' has no namespace in the emulation");
  }
}

TEST(RealProbe, CommandLinesQuoteWhatAShellWouldSplit) {
  RealStep step;
  step.netns = "vsx-a b";
  step.argv = {"echo", "it's"};
  EXPECT_EQ(command_line(step), "ip netns exec 'vsx-a b' echo 'it'\\''s'");
}

}  // namespace
}  // namespace vpcsim::crosscheck
