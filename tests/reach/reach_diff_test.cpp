// diff_plans on the pairs of plans in tests/data/diff, each changing one thing.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "tests/reach/reach_fixtures.hpp"
#include "tools/vpcsim/reach/reach_diff.hpp"

namespace vpcsim::test {
namespace {

std::unique_ptr<cli::LoadedTopology> diff_plan(const std::string& name) {
  std::string path = VPCSIM_REPO_ROOT "/tests/data/diff/" + name + ".xml";
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return load_plan(s.str(), name + ".xml");
}

std::string text_of(const cli::ReachDiff& d) {
  std::ostringstream out;
  cli::write_diff_text(out, d);
  return out.str();
}

cli::ReachDiff diff(const std::string& old_name, const std::string& new_name, bool group = true) {
  auto a = diff_plan(old_name), b = diff_plan(new_name);
  if (!a || !b) return {};
  cli::ReachOptions o;
  o.group = group;
  o.threads = 2;
  return cli::diff_plans(*a, *b, o);
}

TEST(ReachDiff, SamePlanTwiceHasNoChange) {
  cli::ReachDiff d = diff("base", "base");
  EXPECT_FALSE(d.changed());
  EXPECT_EQ(d.probes_compared, 65u);
  EXPECT_EQ(text_of(d), "no change in reachability (65 probes compared)\n");
}

TEST(ReachDiff, ASecurityGroupRuleChangeBlocksExactlyThePairItNoLongerAdmits) {
  cli::ReachDiff d = diff("base", "sg-rule");
  ASSERT_EQ(d.changes.size(), 1u);
  const cli::ProbeChange& c = d.changes.front();
  EXPECT_EQ(c.kind, cli::ChangeKind::BecameUnreachable);
  EXPECT_EQ(c.from + " " + c.to + " " + c.probe.label(), "app2 db tcp/5432");
  EXPECT_EQ(c.old_side->verdict_text(), "open");
  EXPECT_EQ(c.old_side->explanation, "");
  EXPECT_EQ(c.new_side->verdict_text(), "timeout [security-group]");
  EXPECT_EQ(c.new_side->explanation,
            "dropped at db: security group db-sg on db (inbound): no rule allows tcp/5432 from "
            "10.0.2.11 (security group db-sg)");
  EXPECT_EQ(c.new_side->to_ip, "10.0.3.10");
}

TEST(ReachDiff, TheReverseChangeIsExplainedOnTheOldSide) {
  cli::ReachDiff d = diff("sg-rule", "base");
  ASSERT_EQ(d.changes.size(), 1u);
  EXPECT_EQ(d.changes[0].kind, cli::ChangeKind::BecameReachable);
  EXPECT_EQ(text_of(d),
            "became reachable (1):\n"
            "  app2 -> db  tcp/5432  timeout [security-group] -> open\n"
            "    old: dropped at db: security group db-sg on db (inbound): no rule allows tcp/5432 "
            "from 10.0.2.11 (security group db-sg)\n"
            "1 change: 1 became reachable (65 probes compared)\n");
}

TEST(ReachDiff, ARouteChangeShowsEveryPairItBreaksAndWhereTheReasonChanged) {
  cli::ReachDiff d = diff("base", "route");
  EXPECT_EQ(d.count(cli::ChangeKind::BecameUnreachable), 4u);
  EXPECT_EQ(d.count(cli::ChangeKind::Changed), 2u);
  for (const cli::ProbeChange& c : d.changes) {
    EXPECT_EQ(c.new_side->reason.value_or(""), "no-public-ip") << c.from << " -> " << c.to;
    EXPECT_EQ(c.probe, cli::ProbeKey::icmp());
  }
  // Grouped or pair by pair, the same diff.
  EXPECT_EQ(text_of(d), text_of(diff("base", "route", false)));
}

TEST(ReachDiff, ANaclRuleChangeIsFoundOnTheReturnPath) {
  cli::ReachDiff d = diff("base", "nacl-rule");
  ASSERT_EQ(d.changes.size(), 1u);
  EXPECT_EQ(d.changes[0].from + " -> " + d.changes[0].to + " " + d.changes[0].probe.label(),
            "db -> web tcp/443");
  EXPECT_EQ(d.changes[0].new_side->verdict_text(), "timeout [nacl]");
}

TEST(ReachDiff, EndpointsAndPortsOnOneSideOnlyAreAddedOrRemoved) {
  cli::ReachDiff d = diff("base", "scaled");
  ASSERT_EQ(d.added.size(), 1u);
  EXPECT_EQ(d.added[0].name, "app3");
  EXPECT_TRUE(d.removed.empty());
  EXPECT_EQ(d.count(cli::ChangeKind::Added), 5u);  // every source -> web tcp/80
  for (const cli::ProbeChange& c : d.changes) {
    EXPECT_EQ(c.to + " " + c.probe.label(), "web tcp/80");
    EXPECT_FALSE(c.old_side);
  }
  cli::ReachDiff back = diff("scaled", "base");
  EXPECT_EQ(back.removed.size(), 1u);
  EXPECT_EQ(back.count(cli::ChangeKind::Removed), 5u);
}

}  // namespace
}  // namespace vpcsim::test
