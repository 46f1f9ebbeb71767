#include "tools/vpcsim/crosscheck/crosscheck_report.hpp"

#include <ostream>

#include "tools/vpcsim/crosscheck/text_lines.hpp"

namespace vpcsim::crosscheck {
namespace {

using Json = nlohmann::ordered_json;

// "timeout [silent]", "reachable", "unreachable [net-unreachable]".
std::string verdict_text(const Observation& o) {
  if (o.reason_class == ReasonClass::None) return o.verdict;
  return o.verdict + " [" + std::string(class_name(o.reason_class)) + "]";
}

std::string probe_line(const std::string& scenario, const ProbeCheck& p) {
  std::string head = scenario + ":" + std::to_string(p.line) + "  " + p.label + "  ";
  switch (p.status) {
    case Status::Agree:
      return "agree     " + head + verdict_text(p.kernel.observation);
    case Status::Skipped:
      return "skipped   " + head + "(" + p.skip_reason + ")";
    case Status::ByDesign:
      return "by-design " + head + "simulator " + verdict_text(p.simulator.observation) +
             (p.simulator.reason ? " (" + *p.simulator.reason + ")" : "") + ", kernel " +
             verdict_text(p.kernel.observation) + ": " + p.skip_reason;
    case Status::Disagree:
      return "DISAGREE  " + head + "simulator " + verdict_text(p.simulator.observation) +
             (p.simulator.reason ? " (" + *p.simulator.reason + ")" : "") + ", kernel " +
             verdict_text(p.kernel.observation);
  }
  return head;
}

void print_disagreement(const ProbeCheck& p, std::ostream& out) {
  for (const Difference& d : p.differences) {
    if (d.what == "simulator consistency") {
      out << "      simulator inconsistent: " << d.simulator << "\n";
      continue;
    }
    out << "      " << d.what << ": simulator " << d.simulator << ", kernel " << d.kernel
        << (d.note.empty() ? "" : " (" + d.note + ")") << "\n";
  }
  if (!p.simulator.explanation.empty()) {
    out << "      simulator's why: " << p.simulator.explanation << "\n";
  }
  for (const std::string& c : p.kernel.commands) out << "      kernel ran: " << c << "\n";
  for (std::string_view line : split_lines(p.kernel.output)) out << "      | " << line << "\n";
}

Json observation_json(const Observation& o) {
  Json j;
  j["verdict"] = o.verdict;
  j["reason_class"] = std::string(class_name(o.reason_class));
  j["error_from"] = o.error_from ? Json(*o.error_from) : Json();
  j["reply_ttl"] = o.reply_ttl ? Json(*o.reply_ttl) : Json();
  j["hops"] = o.hops ? Json(*o.hops) : Json();
  j["detail"] = o.detail;
  return j;
}

Json probe_json(const ProbeCheck& p) {
  Json j;
  j["line"] = p.line;
  j["type"] = p.type;
  j["label"] = p.label;
  j["status"] = std::string(status_name(p.status));
  j["skip_reason"] =
      p.status == Status::Skipped || p.status == Status::ByDesign ? Json(p.skip_reason) : Json();
  j["fault_commands"] = p.fault_commands;
  if (p.status == Status::Skipped) return j;
  Json sim = observation_json(p.simulator.observation);
  sim["reason"] = p.simulator.reason ? Json(*p.simulator.reason) : Json();
  sim["explanation"] = p.simulator.explanation;
  j["simulator"] = sim;
  Json kernel = observation_json(p.kernel.observation);
  kernel["commands"] = p.kernel.commands;
  kernel["output"] = p.kernel.output;
  j["kernel"] = kernel;
  j["differences"] = Json::array();
  for (const Difference& d : p.differences) {
    j["differences"].push_back(
        {{"what", d.what}, {"simulator", d.simulator}, {"kernel", d.kernel}, {"note", d.note}});
  }
  return j;
}

// "5 agree, 0 disagree, 2 skipped", with "N by design" only when there are some.
std::string counts(int agree, int disagree, int by_design, int skipped) {
  return std::to_string(agree) + " agree, " + std::to_string(disagree) + " disagree, " +
         (by_design > 0 ? std::to_string(by_design) + " by design, " : "") +
         std::to_string(skipped) + " skipped";
}

}  // namespace

void print_scenario_text(const ScenarioCheck& check, std::ostream& out) {
  out << "crosscheck " << check.file;
  if (!check.emulation.empty()) out << " (emulated in " << check.emulation << "*)";
  out << "\n";
  if (check.error) {
    out << "ERROR     " << check.name << ": " << *check.error << "\n\n";
    return;
  }
  for (const ProbeCheck& p : check.probes) {
    // The fault steps replayed before it (and its own faults), as `vpcsim check` prints them.
    for (const std::string& c : p.fault_commands) out << "      fault: " << c << "\n";
    out << probe_line(check.name, p) << "\n";
    if (p.status == Status::Disagree || p.status == Status::ByDesign) print_disagreement(p, out);
  }
  out << check.name << ": "
      << counts(check.count(Status::Agree), check.count(Status::Disagree),
                check.count(Status::ByDesign), check.count(Status::Skipped))
      << "\n\n";
}

void print_total_text(const std::vector<ScenarioCheck>& checks, std::ostream& out) {
  int agree = 0, disagree = 0, by_design = 0, skipped = 0, errors = 0;
  for (const ScenarioCheck& c : checks) {
    agree += c.count(Status::Agree);
    disagree += c.count(Status::Disagree);
    by_design += c.count(Status::ByDesign);
    skipped += c.count(Status::Skipped);
    errors += c.error ? 1 : 0;
  }
  out << "crosscheck: " << counts(agree, disagree, by_design, skipped);
  if (errors > 0) out << ", " << errors << " scenario(s) not emulated";
  out << " (" << checks.size() << " scenario" << (checks.size() == 1 ? "" : "s") << ")\n";
}

nlohmann::ordered_json report_json(const std::vector<ScenarioCheck>& checks) {
  Json j;
  int agree = 0, disagree = 0, by_design = 0, skipped = 0, errors = 0;
  Json scenarios = Json::array();
  for (const ScenarioCheck& c : checks) {
    agree += c.count(Status::Agree);
    disagree += c.count(Status::Disagree);
    by_design += c.count(Status::ByDesign);
    skipped += c.count(Status::Skipped);
    errors += c.error ? 1 : 0;
    Json s;
    s["name"] = c.name;
    s["file"] = c.file;
    s["emulation"] = c.emulation;
    s["error"] = c.error ? Json(*c.error) : Json();
    s["agreed"] = c.count(Status::Agree);
    s["disagreed"] = c.count(Status::Disagree);
    s["by_design"] = c.count(Status::ByDesign);
    s["skipped"] = c.count(Status::Skipped);
    s["probes"] = Json::array();
    for (const ProbeCheck& p : c.probes) s["probes"].push_back(probe_json(p));
    scenarios.push_back(std::move(s));
  }
  j["agreed"] = agree;
  j["disagreed"] = disagree;
  j["by_design"] = by_design;
  j["skipped"] = skipped;
  j["errors"] = errors;
  j["scenarios"] = std::move(scenarios);
  return j;
}

}  // namespace vpcsim::crosscheck
