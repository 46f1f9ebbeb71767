#include <gtest/gtest.h>

#include "sim/core/time.hpp"
#include "sim/net/ipv4_addr.hpp"
#include "sim/net/mac_addr.hpp"
#include "sim/net/prefix.hpp"

namespace vpcsim::sim {
namespace {

TEST(Ipv4Addr, ParsesAndPrintsDottedQuad) {
  auto a = Ipv4Addr::parse("192.168.0.10");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->v, 0xC0A8000Au);
  EXPECT_EQ(a->str(), "192.168.0.10");
}

TEST(Ipv4Addr, AcceptsEveryOctetValueAndRejectsNearMisses) {
  EXPECT_EQ(Ipv4Addr::parse("0.0.0.0")->v, 0u);
  EXPECT_EQ(Ipv4Addr::parse("255.255.255.255")->v, 0xFFFFFFFFu);
  EXPECT_EQ(Ipv4Addr::parse("10.0.100.199")->v, 0x0A0064C7u);
  for (const char* bad : {"1.2.3.00", "1.2.3.4.", ".1.2.3", "1.2.3.1000", "1.2.3.256", "1.2.3.4/24",
                          "0x1.2.3.4", "1.2.3", "1.2.3.4.5.6", "...."}) {
    EXPECT_FALSE(Ipv4Addr::parse(bad)) << bad;
  }
}

TEST(Ipv4Addr, RejectsMalformedText) {
  for (const char* bad : {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.-4", "a.b.c.d",
                          "1..2.3", "1.2.3.4 ", "+1.2.3.4"}) {
    EXPECT_FALSE(Ipv4Addr::parse(bad)) << bad;
  }
}

TEST(Ipv4Addr, KnowsRfc1918Ranges) {
  EXPECT_TRUE(Ipv4Addr::parse("10.1.2.3")->is_private());
  EXPECT_TRUE(Ipv4Addr::parse("172.31.255.1")->is_private());
  EXPECT_FALSE(Ipv4Addr::parse("172.32.0.1")->is_private());
  EXPECT_TRUE(Ipv4Addr::parse("192.168.5.5")->is_private());
  EXPECT_FALSE(Ipv4Addr::parse("198.51.100.10")->is_private());
}

TEST(Prefix, RejectsHostBitsButInterfaceAddressKeepsThem) {
  EXPECT_FALSE(Prefix::parse("10.0.0.1/24"));
  auto p = Prefix::parse("10.0.0.0/24");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->str(), "10.0.0.0/24");
  auto i = InterfaceAddr::parse("10.0.0.1/24");
  ASSERT_TRUE(i);
  EXPECT_EQ(i->subnet(), *p);
  EXPECT_EQ(Prefix::parse("10.0.0.7")->len, 32);
  EXPECT_FALSE(Prefix::parse("10.0.0.0/33"));
  EXPECT_FALSE(Prefix::parse("10.0.0.0/"));
}

TEST(Prefix, ContainsAndOverlaps) {
  auto vpc = *Prefix::parse("10.0.0.0/16");
  auto sub = *Prefix::parse("10.0.2.0/24");
  auto other = *Prefix::parse("10.1.0.0/16");
  EXPECT_TRUE(vpc.contains(sub));
  EXPECT_FALSE(sub.contains(vpc));
  EXPECT_TRUE(vpc.overlaps(sub));
  EXPECT_FALSE(vpc.overlaps(other));
  EXPECT_TRUE(Prefix{}.contains(*Ipv4Addr::parse("8.8.8.8")));
  EXPECT_EQ(sub.broadcast().str(), "10.0.2.255");
}

TEST(MacAddr, ParsesPrintsAndDerivesStableLocalAddresses) {
  auto m = MacAddr::parse("02:AB:cd:00:11:ff");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->str(), "02:ab:cd:00:11:ff");
  EXPECT_FALSE(MacAddr::parse("02:ab:cd:00:11"));
  EXPECT_FALSE(MacAddr::parse("02:ab:cd:00:11:fg"));
  MacAddr a = MacAddr::from_name("pc1:eth0"), b = MacAddr::from_name("pc1:eth0");
  EXPECT_EQ(a, b);
  EXPECT_NE(a, MacAddr::from_name("pc2:eth0"));
  EXPECT_FALSE(a.is_multicast());
  EXPECT_EQ(a.v >> 40, 0x02u);
  EXPECT_TRUE(MacAddr::broadcast().is_broadcast());
}

TEST(Duration, PrintsMillisecondsWithThreeDecimalsLikePing) {
  EXPECT_EQ(Duration{0}.ms_str(), "0.000");
  EXPECT_EQ(Duration{999}.ms_str(), "0.000");  // below a microsecond: truncated
  EXPECT_EQ(Duration{1'000}.ms_str(), "0.001");
  EXPECT_EQ(Duration{31'000}.ms_str(), "0.031");
  EXPECT_EQ(Duration{1'234'567'000}.ms_str(), "1234.567");
  EXPECT_EQ(Duration{-1'500'000}.ms_str(), "-1.-500");  // never a real time; as snprintf spelt it
}

TEST(Duration, ParsesUnitsWithoutFloatingPoint) {
  EXPECT_EQ(Duration::parse("0.2ms")->ns, 200'000);
  EXPECT_EQ(Duration::parse("100us")->ns, 100'000);
  EXPECT_EQ(Duration::parse("5ns")->ns, 5);
  EXPECT_EQ(Duration::parse("1.5s")->ns, 1'500'000'000);
  EXPECT_EQ(Duration::parse("300")->ns, 300'000'000'000);
  EXPECT_FALSE(Duration::parse("ms"));
  EXPECT_FALSE(Duration::parse("1.2.3s"));
  EXPECT_FALSE(Duration::parse("-1s"));
  EXPECT_EQ(Duration{412'345}.ms_str(), "0.412");
  EXPECT_FALSE(Duration::parse("99999999999s"));  // would overflow int64 nanoseconds
  EXPECT_EQ(Duration::parse("9000000000s")->ns, 9'000'000'000'000'000'000);
}

}  // namespace
}  // namespace vpcsim::sim
