// JsonDocument: malformed JSON is one FILE:LINE:COL error whose position is where
// the parser stopped, counted in characters (as an editor shows them).
#include "tools/vpcsim/import/json_document.hpp"

#include <gtest/gtest.h>

#include "tools/vpcsim/import/json_node.hpp"

namespace vpcsim::importer {
namespace {

std::string parse_error(std::string_view text) {
  ImportLog log;
  EXPECT_FALSE(JsonDocument::parse(text, "in.json", log));
  return log.render();
}

TEST(JsonDocument, ParsesValidJson) {
  ImportLog log;
  auto doc = JsonDocument::parse(R"({"Vpcs": [{"VpcId": "vpc-1"}]})", "in.json", log);
  ASSERT_TRUE(doc);
  EXPECT_FALSE(log.has_errors());
  EXPECT_EQ(doc->root()["Vpcs"][0]["VpcId"], "vpc-1");
}

TEST(JsonDocument, TrailingCommaPointsAtTheClosingBrace) {
  EXPECT_EQ(parse_error("{\n  \"a\": 1,\n}\n"),
            "in.json:3:1: error: malformed JSON: syntax error while parsing object key - "
            "unexpected '}'; expected string literal [json-syntax]\n");
}

TEST(JsonDocument, ColumnsCountCharactersNotBytes) {
  // The missing comma is reported at the end of the string that follows it: its
  // closing quote is character 19 (byte 20, since "é" takes two).
  EXPECT_EQ(parse_error("{\"name\": \"café\" \"x\": 1}"),
            "in.json:1:19: error: malformed JSON: syntax error while parsing object - "
            "unexpected string literal; expected '}' [json-syntax]\n");
}

TEST(JsonDocument, TruncatedInputIsReportedAtItsEnd) {
  EXPECT_EQ(parse_error("{\"a\": [1, 2"),
            "in.json:1:12: error: malformed JSON: syntax error while parsing array - "
            "unexpected end of input; expected ']' [json-syntax]\n");
}

TEST(JsonDocument, EmptyInputIsAnError) {
  EXPECT_EQ(parse_error(""),
            "in.json:1:1: error: malformed JSON: syntax error while parsing value - "
            "unexpected end of input; expected '[', '{', or a literal [json-syntax]\n");
}

TEST(JsonDocument, UnreadableFileIsFileNotFound) {
  ImportLog log;
  EXPECT_FALSE(JsonDocument::load("/nonexistent/x.json", "x.json", log));
  EXPECT_EQ(log.render(), "x.json: error: cannot read the file [file-not-found]\n");
}

TEST(JsonNode, PathsNameKeysAndIndexes) {
  nlohmann::json j = nlohmann::json::parse(R"({"Tags": [{"Key": "vpcsim:listen"}]})");
  JsonNode root(&j, "$");
  EXPECT_EQ(root["Tags"][0]["Key"].path(), "$.Tags[0].Key");
  EXPECT_EQ(root["Tags"][0]["Key"].string(), "vpcsim:listen");
  EXPECT_EQ(root["tags"]["vpcsim:listen"].path(), "$.tags[\"vpcsim:listen\"]");
  EXPECT_TRUE(root["Tags"][5].missing());
  EXPECT_TRUE(root["Tags"]["Key"].missing());  // a key of an array: missing, not a throw
  EXPECT_EQ(root["Tags"].size(), 1u);
}

TEST(JsonNode, IntegersMayBeWrittenAsWholeFloats) {
  nlohmann::json j = nlohmann::json::parse(R"({"a": 22.0, "b": 22.5, "c": "22"})");
  JsonNode root(&j, "$");
  EXPECT_EQ(root["a"].integer(), 22);
  EXPECT_FALSE(root["b"].integer());
  EXPECT_FALSE(root["c"].integer());
}

}  // namespace
}  // namespace vpcsim::importer
