// Scenario loading and validation on inline XML: every problem of a file in one
// pass (names are checked even in probes with syntax errors), expectations that
// can never hold together, and no cascades of errors from one mistake. The
// bad-scenario fixtures (tests/data/bad-scenarios, run through the binary by
// tests/e2e/scenario_fixtures_test.sh) show each diagnostic code in full.
#include "topology/scenario_loader.hpp"

#include <gtest/gtest.h>

#include "topology/xml_loader.hpp"

namespace vpcsim::topo {
namespace {

// A small VPC: client on the internet, bastion with an elastic IP, and an
// instance 'app' in a subnet also called 'app'.
constexpr std::string_view kTopology = R"(<topology name="t">
  <internet><host name="client" ip="198.51.100.10"/></internet>
  <vpc name="v" cidr="10.0.0.0/16">
    <internet-gateway name="igw"/>
    <route-table name="rt"><route destination="0.0.0.0/0" target="igw"/></route-table>
    <subnet name="public" cidr="10.0.1.0/24" route-table="rt"/>
    <subnet name="app" cidr="10.0.2.0/24"/>
    <instance name="bastion" subnet="public" ip="10.0.1.10" elastic-ip="203.0.113.10"/>
    <instance name="app" subnet="app" ip="10.0.2.10"/>
  </vpc>
</topology>)";

TopologySpec topology() {
  Diagnostics d;
  auto spec = load_topology_string(kTopology, "t.xml", d);
  EXPECT_TRUE(spec && !d.has_errors()) << d.render();
  return *spec;
}

// Loads `body` inside <scenario>, validates it when it parsed, and returns the
// codes of every diagnostic in reading order.
std::vector<std::string> codes(std::string_view body, std::string* rendered = nullptr) {
  Diagnostics d;
  const std::string xml = "<scenario name='s' topology='t.xml'>\n" + std::string(body) +
                          "\n</scenario>";
  auto spec = load_scenario_string(xml, "s.xml", d);
  if (spec) d.append(validate_scenario(*spec, topology()));
  d.sort();
  if (rendered) *rendered = d.render();
  std::vector<std::string> out;
  for (const Diagnostic& x : d.items()) out.push_back(x.code);
  return out;
}

using Codes = std::vector<std::string>;

TEST(ScenarioLoader, ReportsUnknownNodesEvenInProbesWithSyntaxErrors) {
  EXPECT_EQ(codes(R"(<probe type="ping" from="clinet" to="app" count="0" expect="reachable"/>)"),
            (Codes{"bad-number", "unknown-node"}));
  EXPECT_EQ(codes(R"(<probe type="pong" from="client" to="web" expect="reachable"/>)"),
            (Codes{"bad-probe-type", "unknown-node"}));
}

TEST(ScenarioLoader, ReportsABadPortOnceNotAlsoAsMissing) {
  std::string text;
  EXPECT_EQ(codes(R"(<probe type="telnet" from="client" to="bastion" port="99999" expect="open"/>)",
                  &text),
            Codes{"bad-port"});
  EXPECT_EQ(codes(R"(<probe type="telnet" from="client" to="bastion" expect="open"/>)"),
            Codes{"missing-attribute"});
}

struct Impossible {
  std::string probe;
  std::string message;  // the part after "<probe type=...>: "
};

TEST(ScenarioLoader, RejectsExpectationsThatCanNeverHoldTogether) {
  const std::vector<Impossible> cases = {
      {R"(<probe type="ping" from="client" to="bastion" expect="reachable" reason="nacl"/>)",
       R"(reason="nacl" cannot hold with expect="reachable" (a probe that succeeds has no reason))"},
      {R"(<probe type="telnet" from="client" to="bastion" port="22" expect="open" reason="nacl"/>)",
       R"(reason="nacl" cannot hold with expect="open" (a probe that succeeds has no reason))"},
      {R"(<probe type="ping" from="client" to="app" expect="unreachable" reply-ttl="64"/>)",
       R"(reply-ttl cannot hold with expect="unreachable" (only a reachable ping has replies))"},
      {R"(<probe type="telnet" from="client" to="app" port="22" expect="refused" served-by="app"/>)",
       R"(served-by cannot hold with expect="refused" (only an open connection reaches a listener))"},
      {R"(<probe type="ssh" from="client" to="app" expect="timeout" seen-source="client"/>)",
       R"(seen-source cannot hold with expect="timeout" (only an open connection reaches a listener))"},
      {R"(<probe type="telnet" from="client" to="bastion" port="22" expect="open" error-from="bastion"/>)",
       R"(error-from cannot hold with expect="open" (the connection is accepted))"},
      {R"(<probe type="traceroute" from="app" to="client" expect="reachable"><hop>*</hop><hop>*</hop><hop>client</hop></probe>)"
       "\n"
       R"(<probe type="traceroute" from="app" to="client" max-hops="2" expect="reachable"><hop>*</hop><hop>*</hop><hop>client</hop></probe>)",
       R"(3 <hop> elements cannot hold with expect="reachable" (traceroute stops after max-hops 2))"},
  };
  for (const Impossible& c : cases) {
    SCOPED_TRACE(c.probe);
    std::string text;
    EXPECT_EQ(codes(c.probe, &text), Codes{"impossible-expectation"});
    EXPECT_NE(text.find("\">: " + c.message + " [impossible-expectation]\n"), std::string::npos)
        << text;
  }
}

TEST(ScenarioLoader, AcceptsExpectationsThatFitTogether) {
  EXPECT_EQ(codes(R"(
    <probe type="telnet" from="client" to="app" port="22" expect="timeout" reason="no-public-ip"/>
    <probe type="ping" from="client" to="bastion" expect="reachable" reply-ttl="64"/>
    <probe type="ping" from="client" to="10.0.2.10" expect="unreachable" error-from="198.51.100.1"/>
    <probe type="telnet" from="client" to="bastion" port="22" expect="open" served-by="bastion"
           seen-source="client"/>
    <probe type="traceroute" from="app" to="client" max-hops="2" expect="unreachable">
      <hop>*</hop><hop>*</hop>
    </probe>
    <table node="app" kind="arp" has="10.0.2.1" lacks="10.0.2.2"/>)"),
            Codes{});
}

TEST(ScenarioLoader, ForeignAttributeIsReportedOnceAsNotApplicable) {
  // reply-ttl on a telnet is "not applicable", not also "cannot hold with open".
  EXPECT_EQ(codes(R"(<probe type="telnet" from="client" to="bastion" port="22" expect="timeout" reply-ttl="64"/>)"),
            Codes{"attribute-not-applicable"});
}

TEST(ScenarioLoader, RejectsAnEntryBothPresentAndAbsent) {
  std::string text;
  EXPECT_EQ(codes(R"(<table node="app" kind="arp" has="10.0.2.1,10.0.2.3" lacks="10.0.2.3"/>)",
                  &text),
            Codes{"impossible-expectation"});
  EXPECT_NE(text.find("'10.0.2.3' is listed in both has and lacks"), std::string::npos) << text;
}

TEST(ScenarioLoader, BadTableKindDoesNotCascadeIntoEntryOrNodeKindErrors) {
  EXPECT_EQ(codes(R"(<table node="app" kind="nat" has="10.0.2.1"/>)"), Codes{"bad-value"});
  // The node is still checked.
  EXPECT_EQ(codes(R"(<table node="ap" kind="nat" has="10.0.2.1"/>)"),
            (Codes{"bad-value", "unknown-node"}));
}

TEST(ScenarioValidator, AnInstanceNamedLikeItsSubnetIsTheInstance) {
  EXPECT_EQ(codes(R"(<table node="app" kind="arp" has="10.0.2.1"/>
                     <probe type="ping" from="app" to="client" expect="reachable"/>)"),
            Codes{});
  EXPECT_EQ(codes(R"(<table node="public" kind="arp" has="10.0.2.1"/>)"),
            Codes{"wrong-node-kind"});
}

TEST(ScenarioLoader, KeepsEveryItemOfAFileWithErrorsForValidation) {
  Diagnostics d;
  auto spec = load_scenario_string(
      "<scenario name='s' topology='t.xml'>"
      "<probe type='ping' from='client' to='app' count='0' expect='reachable'/>"
      "<table node='app' kind='nat' has='x'/>"
      "<probe type='ping' from='client' to='app' expect='reachable'/></scenario>",
      "s.xml", d);
  ASSERT_TRUE(spec);
  EXPECT_TRUE(d.has_errors());
  EXPECT_EQ(spec->items.size(), 3u);
}

}  // namespace
}  // namespace vpcsim::topo

namespace vpcsim::topo {
namespace {

// Faults (docs/faults.md): steps between probes attach to the item after them;
// a probe's own <fail>/<restore> need their time.
TEST(ScenarioLoader, FaultStepsAttachToTheNextItemAndProbeFaultsToTheirProbe) {
  Diagnostics d;
  auto spec = load_scenario_string(R"(<scenario name="s" topology="t.xml">
  <fail link="r1:eth1" at="2s"/>
  <wait duration="61s"/>
  <probe type="ping" from="client" to="app" expect="reachable">
    <restore node="sw1" at="1.5s"/>
  </probe>
  <restore link="r1:eth1"/>
  <table node="app" kind="arp" has="10.0.2.1"/>
</scenario>)",
                                   "s.xml", d);
  ASSERT_TRUE(spec) << d.render();
  EXPECT_FALSE(d.has_errors()) << d.render();
  ASSERT_EQ(spec->items.size(), 2u);
  const auto& probe = std::get<ProbeSpec>(spec->items[0]);
  ASSERT_EQ(probe.steps_before.size(), 2u);
  EXPECT_EQ(probe.steps_before[0].action, StepAction::Fail);
  EXPECT_EQ(probe.steps_before[0].link, "r1:eth1");
  EXPECT_EQ(probe.steps_before[0].at.ns, 2'000'000'000);
  EXPECT_EQ(probe.steps_before[1].action, StepAction::Wait);
  EXPECT_EQ(probe.steps_before[1].at.ns, 61'000'000'000);
  ASSERT_EQ(probe.faults.size(), 1u);
  EXPECT_EQ(probe.faults[0].action, StepAction::Restore);
  EXPECT_EQ(probe.faults[0].node, "sw1");
  EXPECT_EQ(probe.faults[0].at.ns, 1'500'000'000);
  const auto& table = std::get<TableCheckSpec>(spec->items[1]);
  ASSERT_EQ(table.steps_before.size(), 1u);
  EXPECT_EQ(table.steps_before[0].at.ns, 0);  // between probes, `at` is optional
}

TEST(ScenarioLoader, BadFaultStepsAreReportedTogether) {
  EXPECT_EQ(codes(R"(<fail/>
<fail link="a:b" node="c"/>
<restore node="app" at="soon"/>
<wait/>
<probe type="ping" from="client" to="app" expect="reachable">
  <fail node="app"/>
  <wait duration="1s"/>
</probe>
<fail node="app"/>)"),
            (Codes{"missing-attribute", "missing-attribute", "bad-duration", "missing-attribute",
                   "missing-attribute", "unknown-element", "step-after-last-probe"}));
}

}  // namespace
}  // namespace vpcsim::topo
