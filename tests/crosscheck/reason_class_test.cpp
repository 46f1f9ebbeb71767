// The mapping between what the simulator explains (reason codes) and what a
// kernel can show (reason classes), and the class of each tool's wording.
#include <gtest/gtest.h>

#include "tools/vpcsim/crosscheck/reason_class.hpp"

namespace vpcsim::crosscheck {
namespace {

TEST(ReasonClass, AwsFiltersAreSilentDrops) {
  for (const char* code : {"security-group", "nacl", "no-public-ip", "blackhole", "not-transitive",
                           "nat-no-mapping", "source-dest-check"}) {
    SCOPED_TRACE(code);
    EXPECT_EQ(classes_for_reason(code), std::vector<ReasonClass>{ReasonClass::Silent});
  }
}

TEST(ReasonClass, RouteAndNeighbourFailuresAreIcmpErrors) {
  EXPECT_EQ(classes_for_reason("prohibited"), std::vector<ReasonClass>{ReasonClass::Prohibited});
  EXPECT_EQ(classes_for_reason("host-unreachable"),
            std::vector<ReasonClass>{ReasonClass::HostUnreachable});
  EXPECT_TRUE(reason_allows("no-route", ReasonClass::NetUnreachable));
  EXPECT_TRUE(reason_allows("no-route", ReasonClass::LocalError));
  EXPECT_TRUE(reason_allows("no-route", ReasonClass::Silent));  // VPC router, internet core
  EXPECT_FALSE(reason_allows("no-route", ReasonClass::HostUnreachable));
  EXPECT_TRUE(reason_allows("port-closed", ReasonClass::Refused));
  EXPECT_TRUE(reason_allows("ttl-exceeded", ReasonClass::TtlExceeded));
  EXPECT_TRUE(reason_allows("ttl-exceeded", ReasonClass::HostUnreachable));  // on a TCP socket
}

TEST(ReasonClass, ContradictionsAreCaughtAndSuccessNeedsNone) {
  EXPECT_FALSE(reason_allows("security-group", ReasonClass::Refused));
  EXPECT_FALSE(reason_allows("blackhole", ReasonClass::NetUnreachable));
  EXPECT_TRUE(reason_allows("security-group", ReasonClass::None));
  EXPECT_TRUE(reason_allows("a-future-code", ReasonClass::OtherIcmp));
}

TEST(ReasonClass, ToolWordingMapsToClasses) {
  EXPECT_EQ(class_of_ping_message("Destination Net Unreachable"), ReasonClass::NetUnreachable);
  EXPECT_EQ(class_of_ping_message("Destination Host Unreachable"), ReasonClass::HostUnreachable);
  EXPECT_EQ(class_of_ping_message("Packet filtered"), ReasonClass::Prohibited);
  EXPECT_EQ(class_of_ping_message("Destination Host Prohibited"), ReasonClass::Prohibited);
  EXPECT_EQ(class_of_ping_message("Time to live exceeded"), ReasonClass::TtlExceeded);
  EXPECT_EQ(class_of_ping_message("Source Route Failed"), ReasonClass::OtherIcmp);
  EXPECT_EQ(class_of_traceroute_marker("!N"), ReasonClass::NetUnreachable);
  EXPECT_EQ(class_of_traceroute_marker("!H"), ReasonClass::HostUnreachable);
  EXPECT_EQ(class_of_traceroute_marker("!X"), ReasonClass::Prohibited);
  EXPECT_EQ(class_of_traceroute_marker("!S"), ReasonClass::OtherIcmp);
  EXPECT_EQ(class_of_connect_error("Connection refused"), ReasonClass::Refused);
  EXPECT_EQ(class_of_connect_error("Connection timed out"), ReasonClass::Silent);
  EXPECT_EQ(class_of_connect_error("Network is unreachable"), ReasonClass::NetUnreachable);
  EXPECT_EQ(class_of_connect_error("No route to host"), ReasonClass::HostUnreachable);
  EXPECT_EQ(class_name(ReasonClass::HostUnreachable), "host-unreachable");
  EXPECT_EQ(class_name(ReasonClass::LocalError), "local-error");
}

}  // namespace
}  // namespace vpcsim::crosscheck
