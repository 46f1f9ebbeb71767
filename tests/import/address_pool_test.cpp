// AddressPool: unknown addresses are chosen lowest first, never an address AWS
// reserves in a subnet, never one already in use.
#include "tools/vpcsim/import/address_pool.hpp"

#include <gtest/gtest.h>

namespace vpcsim::importer {
namespace {

sim::Ipv4Addr ip(const char* s) { return *sim::Ipv4Addr::parse(s); }
sim::Prefix net(const char* s) { return *sim::Prefix::parse(s); }

TEST(AddressPool, SubnetStartsAfterTheFourReservedAddresses) {
  AddressPool p = AddressPool::for_subnet(net("10.0.1.0/24"));
  p.mark_used(ip("10.0.1.5"));
  EXPECT_EQ(p.take()->str(), "10.0.1.4");
  EXPECT_EQ(p.take()->str(), "10.0.1.6");
}

TEST(AddressPool, SubnetNeverHandsOutItsBroadcastAddress) {
  AddressPool p = AddressPool::for_subnet(net("10.0.1.0/28"));  // .4 to .14 usable
  std::vector<std::string> got;
  while (auto a = p.take()) got.push_back(a->str());
  ASSERT_EQ(got.size(), 11u);
  EXPECT_EQ(got.back(), "10.0.1.14");
}

TEST(AddressPool, PublicRangeSkipsNetworkAndBroadcast) {
  AddressPool p = AddressPool::for_public(net("203.0.113.0/30"));
  p.mark_used(ip("203.0.113.1"));
  EXPECT_EQ(p.take()->str(), "203.0.113.2");
  EXPECT_FALSE(p.take());
}

}  // namespace
}  // namespace vpcsim::importer
