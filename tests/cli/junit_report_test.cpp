// The JUnit report of `vpcsim check --junit`, built from hand-made outcomes and
// parsed back with pugixml: structure, counts, the failure's message and text,
// escaping, and determinism. (The end-to-end test validates real reports with
// xmllint against tests/data/junit/junit.xsd.)
#include "tools/vpcsim/junit_report.hpp"

#include <gtest/gtest.h>

#include <pugixml.hpp>

namespace vpcsim::cli {
namespace {

ItemOutcome passed_ping() {
  ItemOutcome o;
  o.line = 5;
  o.type = "ping";
  o.from = "h1";
  o.to = "h2";
  o.expect = "reachable";
  o.result = "reachable";
  o.passed = true;
  o.label = "ping h1 -> h2";
  o.tool_output = "PING h2 (10.0.0.2) 56(84) bytes of data.\n";
  return o;
}

ItemOutcome failed_telnet() {
  ItemOutcome o;
  o.line = 9;
  o.type = "telnet";
  o.from = "bastion";
  o.to = "db";
  o.port = 3306;
  o.expect = "open";
  o.result = "timeout";
  o.reason = "security-group";
  o.passed = false;
  o.mismatches = {"expected open, got timeout [security-group]",
                  "expected reason nacl, got security-group"};
  o.explanation = "dropped at db: security group db-sg on db (inbound)";
  o.label = "telnet bastion -> db:3306";
  o.tool_output = "Trying 10.0.3.10...\ntelnet: Unable to connect to remote host\n";
  return o;
}

ScenarioOutcome scenario(const std::string& name, std::vector<ItemOutcome> items) {
  return ScenarioOutcome{name, "plans/" + name + "/scenario.xml", std::move(items)};
}

pugi::xml_document parse(const std::string& xml) {
  pugi::xml_document doc;
  pugi::xml_parse_result r = doc.load_string(xml.c_str());
  EXPECT_TRUE(r) << r.description() << "\n" << xml;
  return doc;
}

TEST(JunitReport, HasOneTestsuitePerScenarioAndTotalsOnTheRoot) {
  std::vector<ScenarioOutcome> runs = {scenario("web", {passed_ping(), failed_telnet()}),
                                       scenario("lan", {passed_ping()})};
  pugi::xml_document doc = parse(junit_report(runs));
  pugi::xml_node root = doc.child("testsuites");
  ASSERT_TRUE(root);
  EXPECT_STREQ(root.attribute("tests").value(), "3");
  EXPECT_STREQ(root.attribute("failures").value(), "1");
  EXPECT_STREQ(root.attribute("errors").value(), "0");
  std::vector<std::string> names;
  for (pugi::xml_node s : root.children("testsuite")) names.push_back(s.attribute("name").value());
  EXPECT_EQ(names, (std::vector<std::string>{"web", "lan"}));
  pugi::xml_node web = root.child("testsuite");
  EXPECT_STREQ(web.attribute("tests").value(), "2");
  EXPECT_STREQ(web.attribute("failures").value(), "1");
  EXPECT_STREQ(web.attribute("skipped").value(), "0");
  EXPECT_STREQ(web.attribute("file").value(), "plans/web/scenario.xml");
}

TEST(JunitReport, NamesEachTestcaseByLabelAndLineWithScenarioAsClassname) {
  std::vector<ScenarioOutcome> runs = {scenario("web", {passed_ping(), failed_telnet()})};
  pugi::xml_document doc = parse(junit_report(runs));
  pugi::xml_node tc = doc.child("testsuites").child("testsuite").child("testcase");
  EXPECT_STREQ(tc.attribute("name").value(), "ping h1 -> h2 (line 5)");
  EXPECT_STREQ(tc.attribute("classname").value(), "web");
  EXPECT_STREQ(tc.attribute("file").value(), "plans/web/scenario.xml");
  EXPECT_STREQ(tc.attribute("line").value(), "5");
  EXPECT_STREQ(tc.attribute("time").value(), "0");
}

TEST(JunitReport, FailureHasTheMismatchLineAsMessageAndWhyPlusOutputAsText) {
  std::vector<ScenarioOutcome> runs = {scenario("web", {failed_telnet()})};
  pugi::xml_document doc = parse(junit_report(runs));
  pugi::xml_node failure = doc.child("testsuites").child("testsuite").child("testcase").child("failure");
  ASSERT_TRUE(failure);
  const std::string message =
      "expected open, got timeout [security-group]; expected reason nacl, got security-group";
  EXPECT_EQ(failure.attribute("message").value(), message);
  EXPECT_STREQ(failure.attribute("type").value(), "expectation");
  EXPECT_EQ(std::string(failure.text().get()),
            message + "\nwhy: dropped at db: security group db-sg on db (inbound)\n\n" +
                "Trying 10.0.3.10...\ntelnet: Unable to connect to remote host\n");
}

TEST(JunitReport, PassedTestcaseKeepsTheToolOutputAndHasNoFailure) {
  std::vector<ScenarioOutcome> runs = {scenario("web", {passed_ping()})};
  pugi::xml_document doc = parse(junit_report(runs));
  pugi::xml_node tc = doc.child("testsuites").child("testsuite").child("testcase");
  EXPECT_FALSE(tc.child("failure"));
  EXPECT_STREQ(tc.child("system-out").text().get(), "PING h2 (10.0.0.2) 56(84) bytes of data.\n");
}

TEST(JunitReport, TableCheckFailuresHaveTheirOwnType) {
  ItemOutcome table = failed_telnet();
  table.type = "table";
  table.label = "mac table of sw1";
  table.explanation.clear();
  std::vector<ScenarioOutcome> runs = {scenario("lan", {table})};
  pugi::xml_document doc = parse(junit_report(runs));
  pugi::xml_node failure = doc.child("testsuites").child("testsuite").child("testcase").child("failure");
  EXPECT_STREQ(failure.attribute("type").value(), "table-check");
  EXPECT_EQ(std::string(failure.text().get()).find("why:"), std::string::npos);
}

TEST(JunitReport, EscapesMarkupAndReplacesCharactersXmlCannotHold) {
  ItemOutcome o = failed_telnet();
  o.label = "telnet a -> b <&> \"c\"";
  o.mismatches = {"expected <open> & \"more\""};
  o.tool_output = "bell\a escape\x1b tab\t end\n";
  std::vector<ScenarioOutcome> runs = {scenario("x&y", {o})};
  const std::string xml = junit_report(runs);
  EXPECT_EQ(xml.find('\a'), std::string::npos);
  EXPECT_EQ(xml.find('\x1b'), std::string::npos);
  pugi::xml_document doc = parse(xml);
  pugi::xml_node tc = doc.child("testsuites").child("testsuite").child("testcase");
  EXPECT_STREQ(tc.attribute("name").value(), "telnet a -> b <&> \"c\" (line 9)");
  EXPECT_STREQ(tc.attribute("classname").value(), "x&y");
  EXPECT_STREQ(tc.child("failure").attribute("message").value(), "expected <open> & \"more\"");
  EXPECT_NE(std::string(tc.child("failure").text().get()).find("bell? escape? tab\t end\n"),
            std::string::npos);
}

TEST(JunitReport, IsByteIdenticalForTheSameOutcomesAndHasNoClockOrHost) {
  std::vector<ScenarioOutcome> runs = {scenario("web", {passed_ping(), failed_telnet()})};
  const std::string a = junit_report(runs);
  EXPECT_EQ(a, junit_report(runs));
  EXPECT_EQ(a.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", 0), 0u);
  EXPECT_EQ(a.find("timestamp"), std::string::npos);
  EXPECT_EQ(a.find("hostname"), std::string::npos);
}

TEST(JunitReport, TestcaseNameDoesNotDependOnTheOutcome) {
  // CI servers follow a test across pipelines by classname + name.
  ItemOutcome pass = failed_telnet();
  pass.passed = true;
  pass.mismatches.clear();
  std::vector<ScenarioOutcome> passing = {scenario("web", {pass})};
  std::vector<ScenarioOutcome> failing = {scenario("web", {failed_telnet()})};
  auto name = [](const std::string& xml) {
    pugi::xml_document doc;
    doc.load_string(xml.c_str());
    return std::string(
        doc.child("testsuites").child("testsuite").child("testcase").attribute("name").value());
  };
  EXPECT_EQ(name(junit_report(passing)), name(junit_report(failing)));
}

TEST(JunitReport, EmptyRunIsAValidReportWithZeroTests) {
  pugi::xml_document doc = parse(junit_report({}));
  EXPECT_STREQ(doc.child("testsuites").attribute("tests").value(), "0");
  EXPECT_FALSE(doc.child("testsuites").child("testsuite"));
}

TEST(MismatchLine, JoinsEveryUnmetExpectationWithSemicolons) {
  EXPECT_EQ(mismatch_line(failed_telnet()),
            "expected open, got timeout [security-group]; expected reason nacl, got security-group");
  EXPECT_EQ(mismatch_line(passed_ping()), "");
}

}  // namespace
}  // namespace vpcsim::cli
