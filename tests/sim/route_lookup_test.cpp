// Every route table implementation answers exactly as the reference (the
// sorted linear RouteTable): the same table-driven cases for all of them, then
// the fast ones against the reference on random tables with nested prefixes,
// default and host routes, and ties between routes of one prefix.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "sim/tables/dir248_route_table.hpp"
#include "sim/tables/range_route_table.hpp"
#include "sim/tables/route_table.hpp"

namespace vpcsim::sim {
namespace {

Prefix P(const char* s) { return *Prefix::parse(s); }
Ipv4Addr A(const char* s) { return *Ipv4Addr::parse(s); }

// A RangeRouteTable committed after every add: the table-driven cases then
// read its search trees; the plain RangeRouteTable, never committed, answers
// them from its exact table.
class RangeCommittedOnEachAdd : public RangeRouteTable {
 public:
  void add(RouteEntry e) {
    RangeRouteTable::add(std::move(e));
    commit();
  }
};

template <typename T>
class EveryRouteTable : public ::testing::Test {};
using Implementations =
    ::testing::Types<RouteTable, Dir248RouteTable, RangeRouteTable, RangeCommittedOnEachAdd>;
TYPED_TEST_SUITE(EveryRouteTable, Implementations);

TYPED_TEST(EveryRouteTable, LongestPrefixWinsRegardlessOfInsertionOrder) {
  const char* prefixes[] = {"0.0.0.0/0",   "10.0.0.0/8",    "10.1.0.0/16",
                            "10.1.2.0/24", "10.1.2.128/25", "10.1.2.3/32"};
  const std::pair<const char*, const char*> cases[] = {
      {"10.1.2.3", "10.1.2.3/32"},      {"10.1.2.4", "10.1.2.0/24"},
      {"10.1.2.200", "10.1.2.128/25"},  {"10.1.3.1", "10.1.0.0/16"},
      {"10.2.0.1", "10.0.0.0/8"},       {"8.8.8.8", "0.0.0.0/0"},
      {"255.255.255.255", "0.0.0.0/0"}, {"0.0.0.0", "0.0.0.0/0"}};
  for (bool reversed : {false, true}) {
    TypeParam t;
    for (int i = 0; i < 6; ++i) t.add(RouteEntry{.dst = P(prefixes[reversed ? 5 - i : i])});
    for (const auto& [dst, expect] : cases) {
      const RouteEntry* r = t.lookup(A(dst));
      ASSERT_NE(r, nullptr) << dst;
      EXPECT_EQ(r->dst.str(), expect) << dst << (reversed ? " (reversed)" : "");
    }
  }
}

TYPED_TEST(EveryRouteTable, TiesBreakByMetricThenGatewayThenFirstAdded) {
  TypeParam t;
  t.add(RouteEntry{.dst = P("0.0.0.0/0"), .gateway = A("10.0.0.9"), .metric = 5, .target = 1});
  t.add(RouteEntry{.dst = P("0.0.0.0/0"), .gateway = A("10.0.0.7"), .metric = 5, .target = 2});
  t.add(RouteEntry{.dst = P("0.0.0.0/0"), .gateway = A("10.0.0.7"), .metric = 5, .target = 3});
  EXPECT_EQ(t.lookup(A("1.1.1.1"))->target, 2u);
  t.add(RouteEntry{.dst = P("0.0.0.0/0"), .gateway = A("10.0.0.8"), .metric = 1, .target = 4});
  EXPECT_EQ(t.lookup(A("1.1.1.1"))->target, 4u);
  auto all = t.matches(A("1.1.1.1"));
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(all[0]->target, 4u);
  EXPECT_EQ(all[1]->target, 2u);
  EXPECT_EQ(all[2]->target, 3u);
  EXPECT_EQ(all[3]->target, 1u);
}

TYPED_TEST(EveryRouteTable, NoMatchWithoutDefault) {
  TypeParam t;
  EXPECT_EQ(t.lookup(A("10.0.0.1")), nullptr);
  t.add(RouteEntry{.dst = P("10.0.0.0/24")});
  t.add(RouteEntry{.dst = P("10.0.1.7/32")});
  EXPECT_EQ(t.lookup(A("10.0.1.1")), nullptr);
  EXPECT_EQ(t.lookup(A("10.0.1.8")), nullptr);
  EXPECT_NE(t.lookup(A("10.0.1.7")), nullptr);
  EXPECT_EQ(t.size(), 2u);
  EXPECT_TRUE(t.matches(A("11.0.0.0")).empty());
}

TYPED_TEST(EveryRouteTable, ShorterPrefixAddedLaterFillsAroundLongerOnes) {
  TypeParam t;
  t.add(RouteEntry{.dst = P("192.168.1.64/26"), .target = 1});
  t.add(RouteEntry{.dst = P("192.168.0.0/16"), .target = 2});
  t.add(RouteEntry{.dst = P("192.168.1.0/24"), .target = 3});
  EXPECT_EQ(t.lookup(A("192.168.1.65"))->target, 1u);
  EXPECT_EQ(t.lookup(A("192.168.1.63"))->target, 3u);
  EXPECT_EQ(t.lookup(A("192.168.1.128"))->target, 3u);
  EXPECT_EQ(t.lookup(A("192.168.2.1"))->target, 2u);
}

// ---- random tables against the reference ---------------------------------------

struct RandomTable {
  std::vector<RouteEntry> routes;
  std::vector<Ipv4Addr> addresses;  // to look up: near prefix edges, inside, and random
};

// Prefix lengths /0-/32 with more weight on the common ones, a third of the
// prefixes nested inside earlier ones, a few duplicates with other metrics or
// gateways; `target` is the insertion index, naming each route uniquely.
RandomTable random_table(size_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  RandomTable t;
  auto pick_len = [&]() -> uint8_t {
    switch (rng() % 8) {
      case 0:
        return uint8_t(rng() % 33);  // anything, /0 included
      case 1:
        return 32;  // host routes
      case 2:
        return uint8_t(25 + rng() % 8);  // longer than /24
      default:
        return uint8_t(8 + rng() % 17);  // /8-/24
    }
  };
  for (size_t i = 0; i < n; ++i) {
    RouteEntry e;
    if (i > 0 && rng() % 8 == 0) {
      e = t.routes[rng() % t.routes.size()];  // same prefix, maybe another tie-break key
      e.metric = uint32_t(rng() % 3);
      e.gateway = Ipv4Addr{uint32_t(rng() % 4)};
    } else if (i > 0 && rng() % 3 == 0) {
      const Prefix& outer = t.routes[rng() % t.routes.size()].dst;
      uint8_t len = uint8_t(outer.len + rng() % (33 - outer.len));
      e.dst = Prefix::of(Ipv4Addr{outer.addr.v | (uint32_t(rng()) & ~outer.mask())}, len);
    } else {
      e.dst = Prefix::of(Ipv4Addr{uint32_t(rng())}, pick_len());
    }
    if (i == n / 2) e.dst = Prefix{};  // a default route half way through
    e.target = uint32_t(i);
    t.routes.push_back(e);
  }
  for (size_t i = 0; i < 4000; ++i) {
    const Prefix& p = t.routes[rng() % n].dst;
    switch (rng() % 5) {
      case 0:
        t.addresses.push_back(p.addr);
        break;
      case 1:
        t.addresses.push_back(p.broadcast());
        break;
      case 2:
        t.addresses.push_back(Ipv4Addr{p.addr.v - 1});
        break;
      case 3:
        t.addresses.push_back(Ipv4Addr{p.broadcast().v + 1});
        break;
      default:
        t.addresses.push_back(Ipv4Addr{p.addr.v | (uint32_t(rng()) & ~p.mask())});
    }
    t.addresses.push_back(Ipv4Addr{uint32_t(rng())});
  }
  return t;
}

std::string who(const RouteEntry* r) {
  return r ? r->dst.str() + " #" + std::to_string(r->target) : "no route";
}

// When a RangeRouteTable is committed while it is filled; its answers must
// not depend on it. (Every5Adds leaves the last changes uncommitted.)
enum class Commit { Never, AtEnd, Every5Adds, EveryAdd };

template <typename Fast>
void expect_same_answers(size_t n, uint64_t seed, Commit commit = Commit::Never) {
  RandomTable t = random_table(n, seed);
  RouteTable reference;
  Fast fast;
  for (size_t i = 0; i < t.routes.size(); ++i) {
    reference.add(t.routes[i]);
    fast.add(t.routes[i]);
    if constexpr (requires { fast.commit(); }) {
      if (commit == Commit::EveryAdd || (commit == Commit::Every5Adds && i % 5 == 4)) {
        fast.commit();
      }
    }
  }
  if constexpr (requires { fast.commit(); }) {
    if (commit == Commit::AtEnd) fast.commit();
  }
  ASSERT_EQ(fast.size(), reference.size());
  size_t checked_matches = 0;
  for (Ipv4Addr a : t.addresses) {
    ASSERT_EQ(who(fast.lookup(a)), who(reference.lookup(a))) << a.str() << " in " << n << " routes";
    if (checked_matches++ % 8 != 0) continue;
    auto want = reference.matches(a);
    auto got = fast.matches(a);
    ASSERT_EQ(got.size(), want.size()) << a.str();
    for (size_t i = 0; i < want.size(); ++i) EXPECT_EQ(who(got[i]), who(want[i])) << a.str();
  }
}

TEST(Dir248RouteTable, AnswersAsTheReferenceOnRandomTables) {
  for (size_t n : {1, 7, 60, 300}) expect_same_answers<Dir248RouteTable>(n, 1000 + n);
}

TEST(Dir248RouteTable, AnswersAsTheReferenceWithManyLongPrefixesInOneSlash24) {
  // Every length /24-/32 inside 10.9.8.0/24, added longest first and shortest
  // first: the /24's group of 256 entries must keep each address's longest.
  for (bool longest_first : {true, false}) {
    RouteTable reference;
    Dir248RouteTable fast;
    for (int i = 0; i <= 8; ++i) {
      int len = longest_first ? 32 - i : 24 + i;
      RouteEntry e{.dst = Prefix::of(A("10.9.8.77"), uint8_t(len)), .target = uint32_t(len)};
      reference.add(e);
      fast.add(e);
    }
    for (uint32_t last = 0; last < 256; ++last) {
      Ipv4Addr a{A("10.9.8.0").v | last};
      ASSERT_EQ(who(fast.lookup(a)), who(reference.lookup(a))) << a.str();
    }
    EXPECT_EQ(fast.groups(), 1u);
  }
}

TEST(RangeRouteTable, AnswersAsTheReferenceOnRandomTables) {
  for (Commit commit : {Commit::Never, Commit::AtEnd, Commit::Every5Adds, Commit::EveryAdd}) {
    SCOPED_TRACE(int(commit));
    for (size_t n : {1, 7, 60, 300}) expect_same_answers<RangeRouteTable>(n, 2000 + n, commit);
  }
}

TEST(RangeRouteTable, CountsKeysBelowAnAddressAsTheOneByOneReference) {
  // Nodes as the tree has them: ascending keys, some repeated, 0xffff padding
  // at the end (0 to 15 pads); every address against each.
  std::mt19937_64 rng(5);
  for (int node = 0; node < 200; ++node) {
    uint16_t keys[16];
    const int pads = node % 16;
    for (int k = 0; k < 16; ++k) keys[k] = uint16_t(rng());
    std::sort(keys, keys + 16 - pads);
    std::fill(keys + 16 - pads, keys + 16, uint16_t(0xffff));
    if (node % 5 == 0) keys[0] = 0;
    for (uint32_t low = 0; low < 65536; ++low) {
      ASSERT_EQ(keys_below(keys, uint16_t(low)), keys_below_one_by_one(keys, uint16_t(low)))
          << "node " << node << ", address " << low;
    }
  }
}

TEST(RangeRouteTable, AddMarksTheSlash16sItChangesAndCommitRebuildsThem) {
  RangeRouteTable t;
  t.add(RouteEntry{.dst = P("0.0.0.0/0"), .target = 1});
  EXPECT_EQ(t.changed(), 0u);  // the default route lives outside the /16s
  t.add(RouteEntry{.dst = P("10.0.0.0/8"), .target = 2});
  EXPECT_EQ(t.changed(), 256u);
  t.add(RouteEntry{.dst = P("10.9.8.0/24"), .target = 3});
  EXPECT_EQ(t.changed(), 256u);  // 10.9.0.0/16 is marked already
  t.add(RouteEntry{.dst = P("192.168.1.7/32"), .target = 4});
  EXPECT_EQ(t.changed(), 257u);
  t.commit();
  EXPECT_EQ(t.changed(), 0u);
  EXPECT_EQ(who(t.lookup(A("10.9.8.1"))), "10.9.8.0/24 #3");
  EXPECT_EQ(who(t.lookup(A("10.9.9.1"))), "10.0.0.0/8 #2");
  EXPECT_EQ(who(t.lookup(A("192.168.1.7"))), "192.168.1.7/32 #4");
  EXPECT_EQ(who(t.lookup(A("192.168.1.8"))), "0.0.0.0/0 #1");
}

// 10.9.0.0/16 and a /32 on every even address in it: 65,536 runs, the most a
// /16 can have, so its tree has all four levels. Then routes on odd addresses,
// committed one by one: each commit writes a new tree of the /16 and leaves the
// old one behind, until commit() reclaims the space.
TEST(RangeRouteTable, AnswersFromTheDeepestTreeAndReclaimsReplacedTrees) {
  RangeRouteTable t;
  t.add(RouteEntry{.dst = P("10.9.0.0/16"), .target = 1});
  const uint32_t base = A("10.9.0.0").v;
  for (uint32_t low = 0; low < 65536; low += 2) {
    t.add(RouteEntry{.dst = Prefix::of(Ipv4Addr{base | low}, 32), .target = 100 + low});
  }
  t.commit();
  const size_t one_tree = t.tree_bytes();
  EXPECT_GT(one_tree, 65536u * 4);  // the slots alone take 4 bytes a run
  for (uint32_t low = 1; low < 32; low += 2) {
    t.add(RouteEntry{.dst = Prefix::of(Ipv4Addr{base | low}, 32), .target = 100 + low});
    t.commit();
  }
  EXPECT_LT(t.tree_bytes(), 3 * one_tree);  // 16 trees written, at most ~2 kept
  for (uint32_t low = 0; low < 65536; ++low) {
    const bool own = low % 2 == 0 || low < 32;
    const RouteEntry* r = t.lookup(Ipv4Addr{base | low});
    ASSERT_NE(r, nullptr);
    ASSERT_EQ(r->target, own ? 100 + low : 1u) << Ipv4Addr{base | low}.str();
  }
  EXPECT_EQ(t.lookup(A("10.10.0.0")), nullptr);
}

}  // namespace
}  // namespace vpcsim::sim
