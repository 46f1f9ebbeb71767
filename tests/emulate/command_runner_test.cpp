// The command runner: argv without a shell, captured output, exit codes, timeouts.
#include "tools/vpcsim/emulate/command_runner.hpp"

#include <gtest/gtest.h>

namespace vpcsim::emulate {
namespace {

using namespace std::chrono_literals;

TEST(CommandRunner, CapturesOutputAndExitCode) {
  ExecResult r = run({"sh", "-c", "echo out; echo err >&2; exit 3"}, 5s);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_FALSE(r.timed_out);
  EXPECT_EQ(r.out, "out\n");
  EXPECT_EQ(r.err, "err\n");
}

TEST(CommandRunner, ArgumentsAreNotInterpretedByAShell) {
  ExecResult r = run({"echo", "$HOME", "a;b", "*"}, 5s);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "$HOME a;b *\n");
}

TEST(CommandRunner, KillsWhatRunsPastTheTimeout) {
  auto start = std::chrono::steady_clock::now();
  ExecResult r = run({"sleep", "10"}, 200ms);
  EXPECT_TRUE(r.timed_out);
  EXPECT_EQ(r.exit_code, 128 + 9);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
}

TEST(CommandRunner, TimeoutAlsoKillsChildrenHoldingTheOutput) {
  // The shell's child keeps stdout open after the shell is gone.
  auto start = std::chrono::steady_clock::now();
  ExecResult r = run({"sh", "-c", "sleep 10 & exit 0"}, 300ms);
  EXPECT_TRUE(r.timed_out || r.exit_code == 0);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
}

TEST(CommandRunner, MissingProgramIs127) {
  ExecResult r = run({"no-such-program-vpcsim"}, 5s);
  EXPECT_EQ(r.exit_code, 127);
  EXPECT_NE(r.err.find("no-such-program-vpcsim"), std::string::npos);
  EXPECT_EQ(run({}, 1s).exit_code, 127);
}

TEST(CommandRunner, LargeOutputDoesNotBlock) {
  ExecResult r = run({"head", "-c", "1000000", "/dev/zero"}, 10s);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out.size(), 1000000u);
}

TEST(CommandRunner, NamespacesAvailableSaysWhyNot) {
  std::string why;
  bool ok = namespaces_available(&why);
  if (!ok) {
    EXPECT_FALSE(why.empty());
  } else {
    EXPECT_TRUE(why.empty());
  }
}

}  // namespace
}  // namespace vpcsim::emulate
