#pragma once
// The JUnit XML report of `vpcsim check --junit OUT`, in the shape CI test views
// read (Jenkins' JUnit schema, GitLab `artifacts:reports:junit`, GitHub JUnit
// reporter actions; tests/data/junit/junit.xsd checks it):
//   <testsuites>  totals of the run
//     <testsuite>  one per scenario file
//       <testcase> one per probe or table check: classname = scenario name,
//                  name = label and line, file/line = where it is written;
//                  a failed one holds a <failure> whose message is the one-line
//                  mismatch and whose text adds the explanation and the probe's
//                  own output; a passed one keeps that output in <system-out>.
// Deterministic: no timestamps, host names or durations (see junit_report.cpp).
// Not produced: <error> and <skipped> (a run with bad input writes no report).
#include <span>
#include <string>

#include "tools/vpcsim/scenario_runner.hpp"

namespace vpcsim::cli {

[[nodiscard]] std::string junit_report(std::span<const ScenarioOutcome> scenarios);

// The one-line summary of a failed item, as the FAIL line and the JUnit
// failure message show it: every unmet expectation, separated by "; ".
[[nodiscard]] std::string mismatch_line(const ItemOutcome& item);

}  // namespace vpcsim::cli
