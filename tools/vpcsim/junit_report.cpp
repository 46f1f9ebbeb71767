#include "tools/vpcsim/junit_report.hpp"

#include <sstream>

#include <pugixml.hpp>

namespace vpcsim::cli {
namespace {

// XML 1.0 forbids most control characters even as character references, and a
// report a CI server cannot parse hides every result; tool output and names are
// plain text, so anything of that kind would be a bug elsewhere: it shows as '?'.
std::string xml_text(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 && c != '\t' && c != '\n' && c != '\r') c = '?';
  }
  return out;
}

void set(pugi::xml_node n, const char* name, std::string_view value) {
  n.append_attribute(name).set_value(xml_text(value).c_str());
}
void set(pugi::xml_node n, const char* name, long long value) {
  n.append_attribute(name).set_value(value);
}

// Durations: the check runs in simulated time, so a wall-clock duration would
// make two runs of the same plan differ byte for byte (the house rule for every
// output), and the simulated time a probe covers (a telnet that times out spans
// seconds) would read in a CI dashboard as seconds the job spent. Both would
// mislead; "0" is honest (a probe takes microseconds) and keeps parsers that
// require the attribute happy. Timestamps and host names are left out for the
// same reason.
constexpr const char* kNoDuration = "0";

// What distinguishes one testcase from the others, stable between a passing and
// a failing run so CI systems can follow a probe across pipelines.
std::string testcase_name(const ItemOutcome& item) {
  return item.label + " (line " + std::to_string(item.line) + ")";
}

// The failure text: GitLab shows only this text (not the message attribute), so
// it repeats the mismatch line before the explanation and the probe's output.
std::string failure_text(const ItemOutcome& item) {
  std::string text = mismatch_line(item) + "\n";
  if (!item.explanation.empty()) text += "why: " + item.explanation + "\n";
  if (!item.tool_output.empty()) text += "\n" + item.tool_output;
  return text;
}

void add_testcase(pugi::xml_node suite, const ScenarioOutcome& scenario, const ItemOutcome& item) {
  pugi::xml_node tc = suite.append_child("testcase");
  set(tc, "name", testcase_name(item));
  set(tc, "classname", scenario.name);
  set(tc, "file", scenario.file);
  set(tc, "line", static_cast<long long>(item.line));
  set(tc, "time", kNoDuration);
  if (item.passed) {
    if (!item.tool_output.empty()) {
      tc.append_child("system-out").text().set(xml_text(item.tool_output).c_str());
    }
    return;
  }
  pugi::xml_node failure = tc.append_child("failure");
  set(failure, "message", mismatch_line(item));
  set(failure, "type", item.type == "table" ? "table-check" : "expectation");
  failure.text().set(xml_text(failure_text(item)).c_str());
}

void add_testsuite(pugi::xml_node root, const ScenarioOutcome& scenario) {
  pugi::xml_node suite = root.append_child("testsuite");
  set(suite, "name", scenario.name);
  set(suite, "tests", static_cast<long long>(scenario.items.size()));
  set(suite, "failures", scenario.failed());
  set(suite, "errors", 0LL);
  set(suite, "skipped", 0LL);
  set(suite, "time", kNoDuration);
  set(suite, "file", scenario.file);
  for (const ItemOutcome& item : scenario.items) add_testcase(suite, scenario, item);
}

}  // namespace

std::string mismatch_line(const ItemOutcome& item) {
  std::string line;
  for (const std::string& m : item.mismatches) line += (line.empty() ? "" : "; ") + m;
  return line;
}

std::string junit_report(std::span<const ScenarioOutcome> scenarios) {
  pugi::xml_document doc;
  pugi::xml_node decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version").set_value("1.0");
  decl.append_attribute("encoding").set_value("UTF-8");

  long long tests = 0, failures = 0;
  for (const ScenarioOutcome& s : scenarios) {
    tests += static_cast<long long>(s.items.size());
    failures += s.failed();
  }
  pugi::xml_node root = doc.append_child("testsuites");
  set(root, "name", "vpcsim check");
  set(root, "tests", tests);
  set(root, "failures", failures);
  set(root, "errors", 0LL);
  set(root, "time", kNoDuration);
  for (const ScenarioOutcome& s : scenarios) add_testsuite(root, s);

  std::ostringstream out;
  doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
  return out.str();
}

}  // namespace vpcsim::cli
