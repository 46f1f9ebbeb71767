#include <gtest/gtest.h>

#include "sim/services/dns_view.hpp"

namespace vpcsim::sim {
namespace {

DnsRecord rec(const std::string& name, uint16_t type, const std::string& value) {
  DnsRecord r;
  r.name = name;
  r.type = type;
  if (type == dns_type::kA) r.a = *Ipv4Addr::parse(value);
  if (type == dns_type::kCname) r.target = value;
  return r;
}

DnsZone zone(const std::string& name, std::vector<DnsRecord> records) {
  return DnsZone{name, "zone " + name, std::move(records)};
}

class ExampleNet : public ::testing::Test {
 protected:
  void SetUp() override {
    view.add_zone(
        zone("example.net.", {rec("example.net.", dns_type::kA, "192.0.2.1"),
                              rec("www.example.net.", dns_type::kA, "192.0.2.10"),
                              rec("www.example.net.", dns_type::kA, "192.0.2.11"),
                              rec("shop.example.net.", dns_type::kCname, "www.example.net."),
                              rec("*.example.net.", dns_type::kA, "192.0.2.99"),
                              rec("x.sub.example.net.", dns_type::kA, "192.0.2.50"),
                              rec("a.example.net.", dns_type::kCname, "b.example.net."),
                              rec("b.example.net.", dns_type::kCname, "a.example.net."),
                              rec("out.example.net.", dns_type::kCname, "www.other.org.")}));
  }
  DnsView view;
};

TEST_F(ExampleNet, ExactNameGivesAllItsRecordsInOrder) {
  DnsLookup r = view.lookup("WWW.example.net", dns_type::kA);
  ASSERT_EQ(r.answers.size(), 2u);
  EXPECT_EQ(r.answers[0].a.str(), "192.0.2.10");
  EXPECT_EQ(r.answers[1].a.str(), "192.0.2.11");
  EXPECT_FALSE(r.failure.has_value());
}

TEST_F(ExampleNet, WildcardCoversAnyDepthButNotExistingNames) {
  DnsLookup deep = view.lookup("a.b.c.example.net", dns_type::kA);
  ASSERT_EQ(deep.answers.size(), 1u);
  EXPECT_EQ(deep.answers[0].name, "a.b.c.example.net.");  // synthesised owner
  EXPECT_EQ(deep.answers[0].a.str(), "192.0.2.99");
  // sub.example.net exists (as an empty non-terminal): the apex wildcard does
  // not cover names below it (RFC 4592).
  DnsLookup below = view.lookup("y.sub.example.net", dns_type::kA);
  EXPECT_EQ(below.rcode, dns_rcode::kNxDomain);
  EXPECT_EQ(below.failure, DropReason::DnsNxdomain);
  // The empty non-terminal itself exists: NODATA, not NXDOMAIN.
  DnsLookup ent = view.lookup("sub.example.net", dns_type::kA);
  EXPECT_EQ(ent.rcode, dns_rcode::kNoError);
  EXPECT_EQ(ent.failure, DropReason::DnsNodata);
}

TEST_F(ExampleNet, CnameChainIsFollowedAndShown) {
  DnsLookup r = view.lookup("shop.example.net", dns_type::kA);
  ASSERT_EQ(r.answers.size(), 3u);
  EXPECT_EQ(r.answers[0].type, dns_type::kCname);
  EXPECT_EQ(r.answers[1].a.str(), "192.0.2.10");
  EXPECT_EQ(r.steps.size(), 2u);
  // Asking for the CNAME itself does not follow it.
  DnsLookup c = view.lookup("shop.example.net", dns_type::kCname);
  ASSERT_EQ(c.answers.size(), 1u);
  EXPECT_EQ(c.answers[0].target, "www.example.net.");
}

TEST_F(ExampleNet, CnameLoopIsServfailWithItsOwnReason) {
  DnsLookup r = view.lookup("a.example.net", dns_type::kA);
  EXPECT_EQ(r.rcode, dns_rcode::kServFail);
  EXPECT_EQ(r.failure, DropReason::DnsCnameLoop);
  EXPECT_TRUE(r.answers.empty());
}

TEST_F(ExampleNet, NodataAndNxdomainAreTold) {
  DnsLookup nodata = view.lookup("www.example.net", dns_type::kSrv);
  EXPECT_EQ(nodata.rcode, dns_rcode::kNoError);
  EXPECT_EQ(nodata.failure, DropReason::DnsNodata);
  ASSERT_EQ(nodata.authority.size(), 1u);
  EXPECT_EQ(nodata.authority[0].type, dns_type::kSoa);
  DnsLookup unknown_zone = view.lookup("www.nowhere.org", dns_type::kA);
  EXPECT_EQ(unknown_zone.rcode, dns_rcode::kNxDomain);
  // A CNAME out of every known zone ends the chain there.
  DnsLookup out = view.lookup("out.example.net", dns_type::kA);
  EXPECT_EQ(out.rcode, dns_rcode::kNxDomain);
  ASSERT_EQ(out.answers.size(), 1u);
}

TEST_F(ExampleNet, ApexAndMostSpecificZone) {
  EXPECT_EQ(view.lookup("example.net", dns_type::kA).answers.at(0).a.str(), "192.0.2.1");
  view.add_zone(
      zone("sub.example.net.", {rec("y.sub.example.net.", dns_type::kA, "198.51.100.7")}));
  EXPECT_EQ(view.lookup("y.sub.example.net", dns_type::kA).answers.at(0).a.str(), "198.51.100.7");
}

TEST(DnsView, ALaterZoneOfTheSameNameShadowsTheEarlier) {
  DnsView view;
  view.add_zone(zone("example.net.", {rec("www.example.net.", dns_type::kA, "203.0.113.10")}));
  view.add_zone(zone("example.net.", {rec("db.example.net.", dns_type::kA, "10.0.2.20")}));
  EXPECT_EQ(view.zones().size(), 1u);
  EXPECT_EQ(view.lookup("www.example.net", dns_type::kA).failure, DropReason::DnsNxdomain);
  EXPECT_FALSE(view.lookup("db.example.net", dns_type::kA).failure.has_value());
}

}  // namespace
}  // namespace vpcsim::sim
