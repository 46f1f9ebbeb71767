// restart_with_huge_page_malloc (sim/core/huge_pages.hpp), through a program that
// calls it as the vpcsim command line does and reports what happened
// (huge_pages_probe.cpp), run with a chosen environment: one restart with the tunable
// for a big input when the kernel gives huge pages on request, the user's environment
// given back to the restarted process, the same arguments; none for a small input,
// under AddressSanitizer, or when the user said otherwise.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include <unistd.h>

#include "sim/core/huge_pages.hpp"

namespace {

namespace fs = std::filesystem;

// The same rule as the library's, seen from outside: would it restart here at all?
bool restarts_here() {
#if defined(__SANITIZE_ADDRESS__)
  return false;
#else
  std::ifstream mode("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string text;
  return std::getline(mode, text) && text.find("[madvise]") != std::string::npos;
#endif
}

class HugePages : public ::testing::Test {
 protected:
  // A file of exactly kBigInputBytes, and one a byte short of it.
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("vpcsim-huge-pages-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    std::ofstream(big_path(), std::ios::binary) << std::string(vpcsim::kBigInputBytes, 'x');
    std::ofstream(small_path(), std::ios::binary) << std::string(vpcsim::kBigInputBytes - 1, 'x');
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string big_path() const { return (dir_ / "big.xml").string(); }
  std::string small_path() const { return (dir_ / "small.xml").string(); }

  // Runs the probe on FILE through the shell, after PREFIX: `NAME=VALUE ...`, or a
  // command the probe runs under.
  static std::string run_probe(const std::string& prefix, const std::string& file) {
    const std::string command = "env -u GLIBC_TUNABLES -u VPCSIM_HUGE_PAGES " + prefix + " " +
                                VPCSIM_HUGE_PAGES_PROBE + " " + file + " 'two words' 2>&1";
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
    EXPECT_TRUE(pipe) << command;
    std::string output;
    std::array<char, 256> chunk{};
    while (pipe && std::fgets(chunk.data(), chunk.size(), pipe.get())) output += chunk.data();
    return output;
  }

  static std::string report(bool restarted, const std::string& tunables, const std::string& file) {
    return std::string("restarted: ") + (restarted ? "yes" : "no") +
           "\nGLIBC_TUNABLES: " + tunables + "\nmarker: no\nargs: " + file + " two words\n";
  }

  fs::path dir_;
};

TEST_F(HugePages, RestartsOnceForABigInputAndLeavesNoTraceInTheEnvironment) {
  EXPECT_EQ(run_probe("", big_path()), report(restarts_here(), "(unset)", big_path()));
}

TEST_F(HugePages, NotForASmallInput) {
  EXPECT_EQ(run_probe("", small_path()), report(false, "(unset)", small_path()));
  EXPECT_EQ(run_probe("", dir_.string()), report(false, "(unset)", dir_.string()));
}

TEST_F(HugePages, KeepsTheUsersOtherTunables) {
  EXPECT_EQ(run_probe("GLIBC_TUNABLES=glibc.malloc.check=0", big_path()),
            report(restarts_here(), "glibc.malloc.check=0", big_path()));
  EXPECT_EQ(run_probe("GLIBC_TUNABLES=", big_path()), report(restarts_here(), "", big_path()));
}

TEST_F(HugePages, TheUsersChoiceWins) {
  EXPECT_EQ(run_probe("VPCSIM_HUGE_PAGES=0", big_path()), report(false, "(unset)", big_path()));
  EXPECT_EQ(run_probe("GLIBC_TUNABLES=glibc.malloc.hugetlb=0", big_path()),
            report(false, "glibc.malloc.hugetlb=0", big_path()));
}

TEST_F(HugePages, NotUnderValgrindWhichWouldLoseTheProgram) {
#if defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "valgrind cannot run a program built with AddressSanitizer";
#endif
  if (std::system("valgrind --version >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "valgrind is not installed";
  }
  EXPECT_EQ(run_probe("valgrind -q --tool=none", big_path()), report(false, "(unset)", big_path()));
}

}  // namespace
