// The importers' JSON limits (topology/limits.hpp, docs/fuzzing.md): nesting past
// kMaxJsonDepth is one `too-deep` error at the bracket that opens too deep, found
// by nlohmann's own parser; a file past kMaxJsonBytes is one `too-large` error
// for the whole file, before it is read. Also: a value nested exactly at the
// limit still parses, so real documents are not refused.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "tools/vpcsim/import/json_document.hpp"
#include "topology/limits.hpp"

namespace vpcsim::importer {
namespace {

namespace fs = std::filesystem;
using topo::limits::kMaxJsonBytes;
using topo::limits::kMaxJsonDepth;

std::string nested(uint32_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }

TEST(JsonLimits, NestingAtTheLimitParses) {
  ImportLog log;
  EXPECT_TRUE(JsonDocument::parse(nested(kMaxJsonDepth), "in.json", log));
  EXPECT_EQ(log.render(), "");
}

TEST(JsonLimits, NestingPastTheLimitIsReportedAtTheBracketThatOpensTooDeep) {
  ImportLog log;
  // Objects and arrays count alike; the one past the limit is character kMaxJsonDepth + 1
  // of line 2.
  std::string text =
      "\n" + std::string(kMaxJsonDepth, '[') + "{\"a\": 1}" + std::string(kMaxJsonDepth, ']');
  EXPECT_FALSE(JsonDocument::parse(text, "in.json", log));
  EXPECT_EQ(log.render(), "in.json:2:" + std::to_string(kMaxJsonDepth + 1) +
                              ": error: JSON nested more than " + std::to_string(kMaxJsonDepth) +
                              " levels deep (a limit of vpcsim, see docs/fuzzing.md) [too-deep]\n");
}

TEST(JsonLimits, AMillionOpenBracketsEndInOneErrorNotACrash) {
  ImportLog log;
  EXPECT_FALSE(JsonDocument::parse(std::string(1'000'000, '['), "in.json", log));
  ASSERT_EQ(log.issues().size(), 1u);
  EXPECT_EQ(log.issues().front().code, "too-deep");
}

// Found by fuzz_import_aws: nlohmann reports a number too large for a double as
// out_of_range, not parse_error; it used to escape and end the process.
TEST(JsonLimits, ANumberTooLargeForADoubleIsASyntaxErrorNotACrash) {
  ImportLog log;
  EXPECT_FALSE(JsonDocument::parse("{\"a\": [1,\n -7e6058]}", "in.json", log));
  EXPECT_EQ(
      log.render(),
      "in.json:2:9: error: malformed JSON: number overflow parsing '-7e6058' [json-syntax]\n");
}

TEST(JsonLimits, AFileLargerThanTheLimitIsNotRead) {
  const fs::path dir =
      fs::temp_directory_path() / ("vpcsim-json-limits-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path big = dir / "plan.json";
  { std::ofstream(big) << "{}"; }
  fs::resize_file(big, kMaxJsonBytes + 1);  // sparse: nothing is written
  ImportLog log;
  EXPECT_FALSE(JsonDocument::load(big.string(), "plan.json", log));
  EXPECT_EQ(log.render(), "plan.json: error: the file is " + std::to_string(kMaxJsonBytes + 1) +
                              " bytes, more than the " + std::to_string(kMaxJsonBytes) +
                              " vpcsim reads (a limit, see docs/fuzzing.md) [too-large]\n");
  fs::remove_all(dir);
}

}  // namespace
}  // namespace vpcsim::importer
