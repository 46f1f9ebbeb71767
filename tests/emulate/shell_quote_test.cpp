#include "tools/vpcsim/emulate/shell_quote.hpp"

#include <gtest/gtest.h>

namespace vpcsim::emulate {
namespace {

TEST(ShellQuote, PlainWordsStayAsTheyAre) {
  EXPECT_EQ(shell_quote("vs-small-service-prod:router"), "vs-small-service-prod:router");
  EXPECT_EQ(shell_quote("10.0.0.0/16"), "10.0.0.0/16");
  EXPECT_EQ(shell_quote("net.ipv4.ip_forward=1"), "net.ipv4.ip_forward=1");
}

TEST(ShellQuote, SpecialWordsAreSingleQuoted) {
  EXPECT_EQ(shell_quote("!"), "'!'");
  EXPECT_EQ(shell_quote(""), "''");
  EXPECT_EQ(shell_quote("a b"), "'a b'");
  EXPECT_EQ(shell_quote("it's"), "'it'\\''s'");
  EXPECT_EQ(shell_quote("$(rm)"), "'$(rm)'");
}

TEST(ShellQuote, LineJoinsQuotedWords) {
  EXPECT_EQ(shell_line({"iptables", "!", "-s", "10.0.0.1"}), "iptables '!' -s 10.0.0.1");
}

}  // namespace
}  // namespace vpcsim::emulate
