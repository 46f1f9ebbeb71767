#include "topology/diagnostics.hpp"

#include <gtest/gtest.h>

namespace vpcsim::topo {
namespace {

TEST(Diagnostics, RendersErrorsAndWarningsWithCodeAndNotesAtTheSameLocation) {
  Diagnostics d;
  d.error({"topo.xml", 42, 7}, "unknown-device", "link 'l3' references unknown device 'rtr-1'",
          {"known devices: 'gw', 'rtr1', 'sw-a'"});
  d.warning({"topo.xml", 43, 1}, "l2-loop", "a loop");
  EXPECT_EQ(d.render(),
            "topo.xml:42:7: error: link 'l3' references unknown device 'rtr-1' [unknown-device]\n"
            "topo.xml:42:7: note: known devices: 'gw', 'rtr1', 'sw-a'\n"
            "topo.xml:43:1: warning: a loop [l2-loop]\n");
}

TEST(Diagnostics, CountsErrorsAndWarningsSeparately) {
  Diagnostics d;
  EXPECT_FALSE(d.has_errors());
  d.warning({"f", 1, 1}, "w", "warn");
  EXPECT_FALSE(d.has_errors());
  d.error({"f", 1, 1}, "e", "err");
  EXPECT_TRUE(d.has_errors());
  EXPECT_EQ(d.error_count(), 1u);
  EXPECT_EQ(d.warning_count(), 1u);
}

TEST(Diagnostics, AppendKeepsOrderAndCounts) {
  Diagnostics a, b;
  a.error({"f", 1, 1}, "x", "first");
  b.error({"f", 2, 1}, "y", "second");
  b.warning({"f", 3, 1}, "z", "third");
  a.append(b);
  ASSERT_EQ(a.items().size(), 3u);
  EXPECT_EQ(a.items()[1].message, "second");
  EXPECT_EQ(a.error_count(), 2u);
  EXPECT_EQ(a.warning_count(), 1u);
}

TEST(Diagnostics, SortIsByLocationAndStableAmongEquals) {
  Diagnostics d;
  d.error({"f", 9, 1}, "c", "late");
  d.error({"f", 2, 5}, "b", "second at 2:5");
  d.error({"f", 2, 5}, "a", "third at 2:5");
  d.error({"f", 2, 1}, "a", "early");
  d.sort();
  std::vector<std::string> order;
  for (const Diagnostic& x : d.items()) order.push_back(x.message);
  EXPECT_EQ(order, (std::vector<std::string>{"early", "second at 2:5", "third at 2:5", "late"}));
}

TEST(Diagnostics, OmitsTheBracketWhenThereIsNoCode) {
  Diagnostics d;
  d.error({"f", 1, 2}, "", "plain");
  EXPECT_EQ(d.render(), "f:1:2: error: plain\n");
}

TEST(KnownNamesNote, ListsNamesSortedQuotedAndUnique) {
  EXPECT_EQ(known_names_note("devices", {"sw-a", "gw", "rtr1", "gw"}),
            "known devices: 'gw', 'rtr1', 'sw-a'");
}

TEST(KnownNamesNote, ShowsAtMostTwelveNames) {
  std::vector<std::string> names;
  for (char c = 'a'; c <= 'n'; ++c) names.push_back(std::string(1, c));
  EXPECT_EQ(known_names_note("devices", names),
            "known devices: 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', ...");
}

TEST(KnownNamesNote, SaysWhenNothingIsDefined) {
  EXPECT_EQ(known_names_note("devices", {}), "no devices are defined");
}

}  // namespace
}  // namespace vpcsim::topo
