#include <gtest/gtest.h>

#include "sim/aws/load_balancer_config.hpp"

namespace vpcsim::sim {
namespace {

TEST(WildcardMatch, HostPatternsIgnoreCaseAndTakeStarAndQuestionMark) {
  EXPECT_TRUE(wildcard_match("*.example.net", "api.example.net", true));
  EXPECT_TRUE(wildcard_match("*.example.net", "API.Example.NET", true));
  EXPECT_FALSE(wildcard_match("*.example.net", "example.net", true));
  EXPECT_TRUE(wildcard_match("api?.example.net", "api2.example.net", true));
  EXPECT_FALSE(wildcard_match("api?.example.net", "api.example.net", true));
  EXPECT_FALSE(wildcard_match("api.example.net", "api.example.net.evil", true));
}

TEST(WildcardMatch, PathPatternsAreCaseSensitiveAndMatchTheWholePath) {
  EXPECT_TRUE(wildcard_match("/v1/*", "/v1/items", false));
  EXPECT_TRUE(wildcard_match("/v1/*", "/v1/", false));
  EXPECT_FALSE(wildcard_match("/v1/*", "/v1", false));
  EXPECT_FALSE(wildcard_match("/v1/*", "/V1/items", false));
  EXPECT_TRUE(wildcard_match("/*/health", "/api/health", false));
  EXPECT_FALSE(wildcard_match("/health", "/health/x", false));
}

TEST(RuleMatches, NeedsEveryConditionItHas) {
  LbRule r;
  r.host = "api.example.net";
  r.path = "/v1/*";
  EXPECT_TRUE(rule_matches(r, "api.example.net", "/v1/x"));
  EXPECT_FALSE(rule_matches(r, "api.example.net", "/v2/x"));
  EXPECT_FALSE(rule_matches(r, "chat.example.net", "/v1/x"));
  EXPECT_EQ(rule_conditions(r), "host api.example.net, path /v1/*");
  r.host.clear();
  EXPECT_TRUE(rule_matches(r, "anything", "/v1/x"));
}

}  // namespace
}  // namespace vpcsim::sim
