// Report files: paths checked before a run (UsageError, exit 2) and contents
// written atomically. Runs in a fresh temporary directory per test. (Tests run
// as root in CI containers, where permission bits do not stop writes, so the
// unwritable cases here are the ones that hold for root too.)
#include "tools/vpcsim/output_file.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include "tools/vpcsim/cli_common.hpp"

namespace vpcsim::cli {
namespace {

namespace fs = std::filesystem;

class OutputFile : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "vpcsim-output-file-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  static std::string read(const std::string& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  std::vector<std::string> entries() const {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir_)) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
  }
  static std::string usage_error(const std::function<void()>& f) {
    try {
      f();
    } catch (const UsageError& e) {
      return e.what();
    }
    return "(no error)";
  }

  fs::path dir_;
};

TEST_F(OutputFile, WritesTheContentAndLeavesNoTemporaryFile) {
  write_file_atomically(path("r.xml"), "<testsuites/>\n");
  EXPECT_EQ(read(path("r.xml")), "<testsuites/>\n");
  EXPECT_EQ(entries(), std::vector<std::string>{"r.xml"});
}

TEST_F(OutputFile, ReplacesAnExistingReport) {
  std::ofstream(path("r.json")) << "old and longer than the new content\n";
  write_file_atomically(path("r.json"), "{}\n");
  EXPECT_EQ(read(path("r.json")), "{}\n");
  EXPECT_EQ(entries(), std::vector<std::string>{"r.json"});
}

TEST_F(OutputFile, GivesTheModeOfAPlainNewFile) {
  mode_t old = ::umask(027);
  write_file_atomically(path("r.xml"), "x");
  ::umask(old);
  struct stat st {};
  ASSERT_EQ(::stat(path("r.xml").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0640u);
}

TEST_F(OutputFile, WritesAnEmptyFile) {
  write_file_atomically(path("empty"), "");
  EXPECT_TRUE(fs::exists(path("empty")));
  EXPECT_EQ(fs::file_size(path("empty")), 0u);
}

TEST_F(OutputFile, FailsWithTheSystemReasonWhenTheDirectoryIsMissing) {
  const std::string p = path("missing/r.xml");
  EXPECT_EQ(usage_error([&] { write_file_atomically(p, "x"); }),
            "cannot write " + p + ": No such file or directory");
  EXPECT_EQ(entries(), std::vector<std::string>{});
}

TEST_F(OutputFile, AcceptsANewFileOrAnExistingOneInAnExistingDirectory) {
  EXPECT_EQ(usage_error([&] { check_output_path("junit", path("new.xml")); }), "(no error)");
  std::ofstream(path("old.xml")) << "x";
  EXPECT_EQ(usage_error([&] { check_output_path("junit", path("old.xml")); }), "(no error)");
  EXPECT_EQ(entries(), std::vector<std::string>{"old.xml"});  // checking creates nothing
}

TEST_F(OutputFile, RejectsADirectoryAsTheFile) {
  EXPECT_EQ(usage_error([&] { check_output_path("json", dir_.string()); }),
            "--json " + dir_.string() + ": is a directory, not a file");
  EXPECT_EQ(usage_error([&] { check_output_path("json", dir_.string() + "/"); }),
            "--json " + dir_.string() + "/: is a directory, not a file");
}

TEST_F(OutputFile, RejectsAMissingDirectoryAndAFileUsedAsDirectory) {
  EXPECT_EQ(usage_error([&] { check_output_path("junit", path("no/r.xml")); }),
            "--junit " + path("no/r.xml") + ": directory " + path("no") + " does not exist");
  std::ofstream(path("plain")) << "x";
  EXPECT_EQ(usage_error([&] { check_output_path("junit", path("plain/r.xml")); }),
            "--junit " + path("plain/r.xml") + ": " + path("plain") + " is not a directory");
}

TEST_F(OutputFile, RejectsAnEmptyName) {
  EXPECT_EQ(usage_error([&] { check_output_path("junit", ""); }), "--junit : empty file name");
}

}  // namespace
}  // namespace vpcsim::cli
