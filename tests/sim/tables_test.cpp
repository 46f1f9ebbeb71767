#include <gtest/gtest.h>

#include "sim/core/event_queue.hpp"
#include "sim/tables/arp_cache.hpp"
#include "sim/tables/mac_table.hpp"
#include "sim/tables/route_table.hpp"

namespace vpcsim::sim {
namespace {

TEST(EventQueue, OrdersByTimeThenInsertion) {
  EventQueue q;
  q.push(Event{SimTime{20}, 0, EventKind::Callback, 0, 0, 1});
  q.push(Event{SimTime{10}, 0, EventKind::Callback, 0, 0, 2});
  q.push(Event{SimTime{10}, 0, EventKind::Callback, 0, 0, 3});
  q.push(Event{SimTime{10}, 0, EventKind::Callback, 0, 0, 4});
  std::vector<uint32_t> order;
  while (!q.empty()) order.push_back(q.pop().c);
  EXPECT_EQ(order, (std::vector<uint32_t>{2, 3, 4, 1}));
  EXPECT_EQ(q.now().ns, 20);
}

TEST(MacTable, LearnsRefreshesMovesAndAges) {
  MacTable t(Duration{1000});
  MacAddr m{0x020000000001};
  EXPECT_EQ(t.learn(m, 1, SimTime{0}), MacTable::Learn::New);
  EXPECT_EQ(t.lookup(m, SimTime{500}), 1);
  EXPECT_EQ(t.learn(m, 1, SimTime{500}), MacTable::Learn::Refreshed);
  EXPECT_EQ(t.learn(m, 2, SimTime{600}), MacTable::Learn::Moved);
  EXPECT_EQ(t.lookup(m, SimTime{1599}), 2);
  EXPECT_FALSE(t.lookup(m, SimTime{1600}));  // aged out 1000 ns after last refresh
  EXPECT_TRUE(t.entries(SimTime{1600}).empty());
  EXPECT_EQ(t.learn(m, 3, SimTime{1700}), MacTable::Learn::New);
}

TEST(MacTable, StaticEntriesNeverAgeNorMove) {
  MacTable t(Duration{10});
  MacAddr m{0x020000000002};
  t.add_static(m, 4);
  EXPECT_EQ(t.learn(m, 1, SimTime{5}), MacTable::Learn::Static);
  EXPECT_EQ(t.lookup(m, SimTime{1'000'000}), 4);
}

TEST(MacTable, ListsEntriesSortedByMac) {
  MacTable t;
  t.learn(MacAddr{0x0200000000ff}, 1, SimTime{});
  t.learn(MacAddr{0x020000000001}, 2, SimTime{});
  auto e = t.entries(SimTime{});
  ASSERT_EQ(e.size(), 2u);
  EXPECT_LT(e[0].mac, e[1].mac);
}

TEST(ArpCache, QueuesUntilResolvedAndCompletesPending) {
  ArpCache c;
  Ipv4Addr ip = *Ipv4Addr::parse("10.0.0.2");
  Packet p;
  auto [slot, started] = c.enqueue(0, ip, p);
  EXPECT_TRUE(started);
  auto [slot2, started2] = c.enqueue(0, ip, p);
  EXPECT_EQ(slot, slot2);
  EXPECT_FALSE(started2);
  auto done = c.update(0, ip, MacAddr{0x02aa}, SimTime{});
  ASSERT_TRUE(done);
  EXPECT_EQ(*done, slot);
  EXPECT_EQ(c.finish(slot).size(), 2u);
  EXPECT_EQ(c.lookup(0, ip, SimTime{}), MacAddr{0x02aa});
  EXPECT_FALSE(c.lookup(1, ip, SimTime{}));  // per interface
}

TEST(ArpCache, EntriesExpireAfterReachableTime) {
  ArpCache c(Duration{100});
  Ipv4Addr ip = *Ipv4Addr::parse("10.0.0.2");
  c.update(0, ip, MacAddr{1}, SimTime{0});
  EXPECT_TRUE(c.has(0, ip, SimTime{99}));
  EXPECT_FALSE(c.has(0, ip, SimTime{100}));
}

// Table-driven: every case must hold for every route table implementation.
struct LookupCase {
  const char* dst;
  const char* expect;  // prefix of the winning route, or "" for none
};

TEST(RouteTable, LongestPrefixWinsRegardlessOfInsertionOrder) {
  const char* prefixes[] = {"0.0.0.0/0", "10.0.0.0/8", "10.1.0.0/16", "10.1.2.0/24", "10.1.2.3/32"};
  const LookupCase cases[] = {{"10.1.2.3", "10.1.2.3/32"}, {"10.1.2.4", "10.1.2.0/24"},
                              {"10.1.3.1", "10.1.0.0/16"}, {"10.2.0.1", "10.0.0.0/8"},
                              {"8.8.8.8", "0.0.0.0/0"}};
  for (bool reversed : {false, true}) {
    RouteTable t;
    for (int i = 0; i < 5; ++i) {
      t.add(RouteEntry{.dst = *Prefix::parse(prefixes[reversed ? 4 - i : i])});
    }
    for (const LookupCase& c : cases) {
      const RouteEntry* r = t.lookup(*Ipv4Addr::parse(c.dst));
      ASSERT_NE(r, nullptr) << c.dst;
      EXPECT_EQ(r->dst.str(), c.expect) << c.dst;
    }
  }
}

TEST(RouteTable, TiesBreakByMetricThenGatewayNotInsertion) {
  RouteTable t;
  t.add(RouteEntry{.dst = *Prefix::parse("0.0.0.0/0"), .gateway = *Ipv4Addr::parse("10.0.0.9"), .metric = 5});
  t.add(RouteEntry{.dst = *Prefix::parse("0.0.0.0/0"), .gateway = *Ipv4Addr::parse("10.0.0.7"), .metric = 5});
  t.add(RouteEntry{.dst = *Prefix::parse("0.0.0.0/0"), .gateway = *Ipv4Addr::parse("10.0.0.8"), .metric = 1});
  EXPECT_EQ(t.lookup(*Ipv4Addr::parse("1.1.1.1"))->gateway.str(), "10.0.0.8");
  auto all = t.matches(*Ipv4Addr::parse("1.1.1.1"));
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[1]->gateway.str(), "10.0.0.7");
}

TEST(RouteTable, NoMatchWithoutDefault) {
  RouteTable t;
  t.add(RouteEntry{.dst = *Prefix::parse("10.0.0.0/24")});
  EXPECT_EQ(t.lookup(*Ipv4Addr::parse("10.0.1.1")), nullptr);
}

TEST(RouteTable, PrintsLikeIpRoute) {
  RouteEntry e{.dst = *Prefix::parse("0.0.0.0/0"), .gateway = *Ipv4Addr::parse("10.0.0.1")};
  EXPECT_EQ(e.str({"eth0"}), "default via 10.0.0.1 dev eth0");
  RouteEntry b{.dst = *Prefix::parse("10.9.0.0/16"), .action = RouteAction::Blackhole};
  EXPECT_EQ(b.str({"eth0"}), "blackhole 10.9.0.0/16");
}

}  // namespace
}  // namespace vpcsim::sim
