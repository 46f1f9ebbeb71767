// restart_with_huge_page_malloc (sim/core/huge_pages.hpp), through a program that
// calls it and reports what happened (huge_pages_probe.cpp), run with a chosen
// environment: one restart with the tunable when the kernel gives huge pages on
// request, the user's environment given back to the restarted process, the same
// arguments, and no restart when the user said otherwise.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>

namespace {

// Runs the probe through the shell, after PREFIX: `NAME=VALUE ...`, or a command the
// probe runs under.
std::string run_probe(const std::string& prefix) {
  const std::string command = "env -u GLIBC_TUNABLES -u VPCSIM_HUGE_PAGES " + prefix + " " +
                              VPCSIM_HUGE_PAGES_PROBE + " one 'two words' 2>&1";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  EXPECT_TRUE(pipe) << command;
  std::string output;
  std::array<char, 256> chunk{};
  while (pipe && std::fgets(chunk.data(), chunk.size(), pipe.get())) output += chunk.data();
  return output;
}

bool kernel_madvise_mode() {
  std::ifstream mode("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string text;
  return std::getline(mode, text) && text.find("[madvise]") != std::string::npos;
}

std::string report(bool restarted, const std::string& tunables) {
  return std::string("restarted: ") + (restarted ? "yes" : "no") + "\nGLIBC_TUNABLES: " + tunables +
         "\nmarker: no\nargs: one two words\n";
}

TEST(HugePages, RestartsOnceWithTheTunableAndLeavesNoTraceInTheEnvironment) {
  EXPECT_EQ(run_probe(""), report(kernel_madvise_mode(), "(unset)"));
}

TEST(HugePages, KeepsTheUsersOtherTunables) {
  EXPECT_EQ(run_probe("GLIBC_TUNABLES=glibc.malloc.check=0"),
            report(kernel_madvise_mode(), "glibc.malloc.check=0"));
  EXPECT_EQ(run_probe("GLIBC_TUNABLES="), report(kernel_madvise_mode(), ""));
}

TEST(HugePages, TheUsersChoiceWins) {
  EXPECT_EQ(run_probe("VPCSIM_HUGE_PAGES=0"), report(false, "(unset)"));
  EXPECT_EQ(run_probe("GLIBC_TUNABLES=glibc.malloc.hugetlb=0"),
            report(false, "glibc.malloc.hugetlb=0"));
}

TEST(HugePages, NotUnderValgrindWhichWouldLoseTheProgram) {
#if defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "valgrind cannot run a program built with AddressSanitizer";
#endif
  if (std::system("valgrind --version >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "valgrind is not installed";
  }
  EXPECT_EQ(run_probe("valgrind -q --tool=none"), report(false, "(unset)"));
}

}  // namespace
