#pragma once
// ReachDiff: what changed in reachability between two versions of a plan
// (vpcsim diff). Either the whole matrices are compared (every probe of
// `vpcsim reach` on both plans, matched by source, target, protocol and port),
// or only a scenario's probes, run against both plans.
//
// A probe that got through on one side only "became reachable" or "became
// unreachable"; one blocked on both sides but differently (result or reason
// code) "changed"; a probe that exists on one side only (its target accepts a
// port on that side only) is "added" or "removed". Each change carries, for
// every side where the probe was blocked, the explanation of that side, from a
// run of that very pair on that plan. Endpoints present in one plan only are
// listed apart (matrix mode), and the probes to or from them are not.
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "tools/vpcsim/cli_common.hpp"
#include "tools/vpcsim/reach/probe_outcome.hpp"
#include "tools/vpcsim/reach/reach_engine.hpp"
#include "tools/vpcsim/scenario_runner.hpp"

namespace vpcsim::cli {

struct DiffSide {
  std::string result;                 // as in scenario files
  std::optional<std::string> reason;  // public reason code
  std::string explanation;            // blocked sides only
  std::string to_ip;                  // matrix mode: the target's address on that side
  [[nodiscard]] bool ok() const { return result == "reachable" || result == "open"; }
  [[nodiscard]] std::string verdict_text() const {
    return result + (reason ? " [" + *reason + "]" : "");
  }
};

enum class ChangeKind : uint8_t { BecameUnreachable, BecameReachable, Changed, Added, Removed };
[[nodiscard]] std::string_view change_name(ChangeKind k);  // "became-unreachable", ...

struct ProbeChange {
  ChangeKind kind = ChangeKind::Changed;
  std::string from, to;
  ProbeKey probe;     // matrix mode
  uint32_t line = 0;  // scenario mode: the probe's line
  std::string label;  // scenario mode: "telnet client -> bastion:22"
  std::optional<DiffSide> old_side, new_side;
};

struct EndpointChange {
  std::string name, kind, ip;
  std::optional<std::string> public_ip;
};

struct ReachDiff {
  std::string old_file, new_file;
  std::string scenario;  // scenario mode: the scenario's name; empty: matrix mode
  uint64_t probes_compared = 0;
  std::vector<ProbeChange> changes;            // by (from, to, probe) or by scenario line
  std::vector<EndpointChange> added, removed;  // by name
  [[nodiscard]] bool changed() const {
    return !changes.empty() || !added.empty() || !removed.empty();
  }
  [[nodiscard]] size_t count(ChangeKind k) const;
};

// Whole matrices: computes both (with `options`' filters, threads and grouping)
// and compares them; explanations come from direct runs of the changed pairs.
[[nodiscard]] ReachDiff diff_plans(const LoadedTopology& old_plan, const LoadedTopology& new_plan,
                                   const ReachOptions& options);
// A scenario's probes on both plans (tables checks are skipped).
[[nodiscard]] ReachDiff diff_scenario(const ScenarioOutcome& old_run,
                                      const ScenarioOutcome& new_run);

// Changes grouped by kind, each with the explanation of its blocked side(s),
// then the endpoints added and removed, and a closing count line.
void write_diff_text(std::ostream& out, const ReachDiff& d);
void write_diff_json(std::ostream& out, const ReachDiff& d);

}  // namespace vpcsim::cli
