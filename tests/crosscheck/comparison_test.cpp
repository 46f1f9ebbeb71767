// Comparing the simulator's and the kernel's observations of one probe.
#include <gtest/gtest.h>

#include "tools/vpcsim/crosscheck/comparison.hpp"

namespace vpcsim::crosscheck {
namespace {

Observation seen(std::string verdict, ReasonClass cls) {
  Observation o;
  o.verdict = std::move(verdict);
  o.reason_class = cls;
  return o;
}

TEST(Comparison, EqualObservationsAgree) {
  Observation a = seen("reachable", ReasonClass::None);
  a.reply_ttl = 63;
  EXPECT_TRUE(compare(a, a).empty());
}

TEST(Comparison, AVerdictDifferenceIsOneLineNotTwo) {
  auto d = compare(seen("timeout", ReasonClass::Silent),
                   seen("unreachable", ReasonClass::HostUnreachable));
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].what, "verdict");
  EXPECT_EQ(d[0].simulator, "timeout");
  EXPECT_EQ(d[0].kernel, "unreachable");
}

TEST(Comparison, SameVerdictDifferentClass) {
  auto d = compare(seen("unreachable", ReasonClass::NetUnreachable),
                   seen("unreachable", ReasonClass::Silent));
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].what, "reason class");
  EXPECT_EQ(d[0].simulator, "net-unreachable");
  EXPECT_EQ(d[0].kernel, "silent");
}

TEST(Comparison, HopListsNameWhereTheyPart) {
  Observation sim = seen("reachable", ReasonClass::None);
  Observation kernel = sim;
  sim.hops = std::vector<std::string>{"10.0.1.20", "198.51.100.10"};
  kernel.hops = std::vector<std::string>{"10.0.1.1", "10.0.1.20", "198.51.100.10"};
  auto d = compare(sim, kernel);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].what, "hops");
  EXPECT_EQ(d[0].simulator, "10.0.1.20 198.51.100.10");
  EXPECT_EQ(d[0].note, "hop 1: 10.0.1.20 vs 10.0.1.1");
  kernel.hops = std::vector<std::string>{"10.0.1.20"};
  EXPECT_EQ(compare(sim, kernel)[0].note, "hop 2: 198.51.100.10 vs (end)");
}

TEST(Comparison, ReplyTtlAndErrorSourceWhenBothHaveThem) {
  Observation sim = seen("reachable", ReasonClass::None);
  Observation kernel = sim;
  sim.reply_ttl = 64;
  kernel.reply_ttl = 63;  // e.g. a VPC router that is not transparent
  auto d = compare(sim, kernel);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].what, "reply TTL");
  Observation e1 = seen("unreachable", ReasonClass::HostUnreachable);
  Observation e2 = e1;
  e1.error_from = "10.0.1.1";
  e2.error_from = "10.0.1.10";
  d = compare(e1, e2);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].what, "ICMP error from");
  e2.error_from.reset();
  EXPECT_TRUE(compare(e1, e2).empty());
}

}  // namespace
}  // namespace vpcsim::crosscheck
