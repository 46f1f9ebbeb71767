// NameTable: AWS names become valid, unique topology names, deterministically.
#include "tools/vpcsim/import/name_table.hpp"

#include <gtest/gtest.h>

namespace vpcsim::importer {
namespace {

TEST(SanitizeName, ReplacesWhatANameCannotHold) {
  EXPECT_EQ(sanitize_name("web server #1"), "web-server-1");
  EXPECT_EQ(sanitize_name("--db.primary"), "db.primary");
  EXPECT_EQ(sanitize_name("aws_subnet.tier[\"app\"]"), "aws_subnet.tier-app");
  EXPECT_EQ(sanitize_name("10.0.0.5"), "host-10.0.0.5");
  EXPECT_EQ(sanitize_name("!!!"), "");
  EXPECT_EQ(sanitize_name(std::string(100, 'x')).size(), 60u);  // room for "-NN"
}

TEST(NameTable, LaterClaimsOfANameGetASuffix) {
  NameTable t;
  EXPECT_EQ(t.claim("web", "i-1"), "web");
  EXPECT_EQ(t.claim("web", "i-2"), "web-2");
  EXPECT_EQ(t.claim("web", "i-3"), "web-3");
  EXPECT_EQ(t.claim("", "i-4"), "i-4");       // no Name tag: the id
  EXPECT_EQ(t.claim("###", "sg-5"), "sg-5");  // nothing usable: the id
}

TEST(NameTable, ReservedNamesAndRouteKeywordsAreAvoided) {
  NameTable t;
  EXPECT_TRUE(t.reserve("client"));
  EXPECT_FALSE(t.reserve("client"));
  EXPECT_EQ(t.claim("client", "i-1"), "client-2");
  EXPECT_EQ(t.claim("local", "i-2"), "local-1");
  EXPECT_EQ(t.claim("blackhole", "i-3"), "blackhole-1");
}

}  // namespace
}  // namespace vpcsim::importer
