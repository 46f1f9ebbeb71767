// Inline rule blocks share one merged references list in a plan: which rule gets
// which group, and when the answer is only a guess.
#include "tools/vpcsim/import/merged_references.hpp"

#include <gtest/gtest.h>

namespace vpcsim::importer {
namespace {

using topo::PortRange;
using topo::Protocol;

UnknownGroupRule tcp(uint16_t port, bool other_source = false) {
  return UnknownGroupRule{Protocol::Tcp, PortRange{port, port}, other_source};
}

using Groups = std::vector<std::vector<std::string>>;

TEST(MergedReferences, OneRuleOneGroupIsExact) {
  auto a = assign_merged_references({tcp(22)}, {"sg.a"});
  EXPECT_EQ(a.groups, (Groups{{"sg.a"}}));
  EXPECT_FALSE(a.ambiguous);
  EXPECT_TRUE(a.unresolved.empty());
}

TEST(MergedReferences, RulesOfOneShapeGetEveryGroupExactly) {
  // 22 from a, 22 from b: whatever the pairing, 22 is open to a and b.
  auto a = assign_merged_references({tcp(22), tcp(22)}, {"sg.a", "sg.b"});
  EXPECT_EQ(a.groups, (Groups{{"sg.a", "sg.b"}, {"sg.a", "sg.b"}}));
  EXPECT_FALSE(a.ambiguous);
}

TEST(MergedReferences, DifferentRulesNamingDifferentGroupsAreAmbiguous) {
  auto a = assign_merged_references({tcp(22), tcp(3306)}, {"sg.a", "sg.b"});
  EXPECT_TRUE(a.ambiguous);
  EXPECT_EQ(a.groups, (Groups{{"sg.a", "sg.b"}, {"sg.a", "sg.b"}}));
}

TEST(MergedReferences, SpuriousUnknownFlagOnARuleWithACidrGetsNothing) {
  // after_unknown flags the CIDR rule's groups too, but the list names one group
  // once: the rule that has no other source is the one naming it.
  auto a = assign_merged_references({tcp(22), tcp(443, true)}, {"sg.a"});
  EXPECT_EQ(a.groups, (Groups{{"sg.a"}, {}}));
  EXPECT_FALSE(a.ambiguous);
}

TEST(MergedReferences, RepeatedReferenceCoversARuleWithBothSources) {
  // 22 from a; 443 from 10.0.0.0/8 and from a: "a" is listed twice.
  auto a = assign_merged_references({tcp(22), tcp(443, true)}, {"sg.a", "sg.a"});
  EXPECT_EQ(a.groups, (Groups{{"sg.a"}, {"sg.a"}}));
  EXPECT_FALSE(a.ambiguous);
}

TEST(MergedReferences, TooFewRepeatsForTheRulesWithOtherSourcesIsAmbiguous) {
  auto a = assign_merged_references({tcp(22, true), tcp(443, true)}, {"sg.a"});
  EXPECT_TRUE(a.ambiguous);
  EXPECT_EQ(a.groups, (Groups{{"sg.a"}, {"sg.a"}}));
}

TEST(MergedReferences, NoReferenceLeavesRulesThatNeedAGroupUnresolved) {
  auto a = assign_merged_references({tcp(22), tcp(443, true)}, {});
  EXPECT_EQ(a.unresolved, (std::vector<size_t>{0}));
  EXPECT_EQ(a.groups, (Groups{{}, {}}));
}

}  // namespace
}  // namespace vpcsim::importer
