// Text and JSON renderings of a ReachDiff (vpcsim diff).
#include <algorithm>
#include <ostream>

#include <nlohmann/json.hpp>

#include "tools/vpcsim/reach/reach_diff.hpp"

namespace vpcsim::cli {
namespace {

using Json = nlohmann::ordered_json;

constexpr ChangeKind kOrder[] = {ChangeKind::BecameUnreachable, ChangeKind::BecameReachable,
                                 ChangeKind::Changed, ChangeKind::Added, ChangeKind::Removed};

std::string_view heading(ChangeKind k) {
  switch (k) {
    case ChangeKind::BecameUnreachable:
      return "became unreachable";
    case ChangeKind::BecameReachable:
      return "became reachable";
    case ChangeKind::Changed:
      return "changed, blocked in both";
    case ChangeKind::Added:
      return "new probes (only in the new plan)";
    case ChangeKind::Removed:
      return "removed probes (only in the old plan)";
  }
  return "changed";
}

// How the closing line counts each kind: "2 became unreachable, 1 new".
std::string_view count_word(ChangeKind k) {
  switch (k) {
    case ChangeKind::BecameUnreachable:
      return "became unreachable";
    case ChangeKind::BecameReachable:
      return "became reachable";
    case ChangeKind::Changed:
      return "changed";
    case ChangeKind::Added:
      return "new";
    case ChangeKind::Removed:
      return "removed";
  }
  return "changed";
}

std::string what(const ReachDiff& d, const ProbeChange& c) {
  if (!d.scenario.empty()) return d.scenario + ":" + std::to_string(c.line) + "  " + c.label;
  return c.from + " -> " + c.to + "  " + c.probe.label();
}

std::string verdicts(const ProbeChange& c) {
  if (!c.old_side) return c.new_side->verdict_text();
  if (!c.new_side) return c.old_side->verdict_text();
  return c.old_side->verdict_text() + " -> " + c.new_side->verdict_text();
}

void write_why(std::ostream& out, const char* side, const std::optional<DiffSide>& s) {
  if (!s || s->ok()) return;
  out << "    " << side << ": "
      << (s->explanation.empty() ? "(no drop was recorded)" : s->explanation) << '\n';
}

void write_endpoints(std::ostream& out, const char* title,
                     const std::vector<EndpointChange>& list) {
  if (list.empty()) return;
  out << title << " (" << list.size() << "):\n";
  for (const EndpointChange& e : list) {
    out << "  " << e.name << "  " << e.kind << "  " << e.ip
        << (e.public_ip ? "  public " + *e.public_ip : "") << '\n';
  }
}

std::string plural(size_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

Json side_json(const std::optional<DiffSide>& s) {
  if (!s) return Json();
  Json j;
  j["result"] = s->result;
  j["reason"] = s->reason ? Json(*s->reason) : Json();
  if (!s->to_ip.empty()) j["to_ip"] = s->to_ip;
  j["explanation"] = s->ok() ? Json() : Json(s->explanation);
  return j;
}

Json endpoints_json(const std::vector<EndpointChange>& list) {
  Json out = Json::array();
  for (const EndpointChange& e : list) {
    Json j;
    j["name"] = e.name;
    j["kind"] = e.kind;
    j["ip"] = e.ip;
    j["public_ip"] = e.public_ip ? Json(*e.public_ip) : Json();
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace

void write_diff_text(std::ostream& out, const ReachDiff& d) {
  for (ChangeKind k : kOrder) {
    size_t n = d.count(k);
    if (!n) continue;
    out << heading(k) << " (" << n << "):\n";
    for (const ProbeChange& c : d.changes) {
      if (c.kind != k) continue;
      out << "  " << what(d, c) << "  " << verdicts(c) << '\n';
      write_why(out, "old", c.old_side);
      write_why(out, "new", c.new_side);
    }
  }
  write_endpoints(out, "endpoints added", d.added);
  write_endpoints(out, "endpoints removed", d.removed);
  if (!d.changed()) {
    out << "no change in reachability (" << plural(d.probes_compared, "probe") << " compared)\n";
    return;
  }
  std::string counts;
  auto add = [&](std::string item) { counts += (counts.empty() ? "" : ", ") + item; };
  for (ChangeKind k : kOrder) {
    if (size_t n = d.count(k)) add(std::to_string(n) + " " + std::string(count_word(k)));
  }
  if (!d.added.empty()) add(plural(d.added.size(), "endpoint") + " added");
  if (!d.removed.empty()) add(plural(d.removed.size(), "endpoint") + " removed");
  out << plural(d.changes.size() + d.added.size() + d.removed.size(), "change") << ": " << counts
      << " (" << plural(d.probes_compared, "probe") << " compared)\n";
}

void write_diff_json(std::ostream& out, const ReachDiff& d) {
  Json j;
  j["old"] = d.old_file;
  j["new"] = d.new_file;
  j["scenario"] = d.scenario.empty() ? Json() : Json(d.scenario);
  j["changed"] = d.changed();
  j["probes_compared"] = d.probes_compared;
  Json counts;
  for (ChangeKind k : kOrder) {
    std::string key(change_name(k));
    std::replace(key.begin(), key.end(), '-', '_');
    counts[key] = d.count(k);
  }
  counts["endpoints_added"] = d.added.size();
  counts["endpoints_removed"] = d.removed.size();
  j["counts"] = std::move(counts);
  Json changes = Json::array();
  for (const ProbeChange& c : d.changes) {
    Json e;
    e["change"] = change_name(c.kind);
    if (!d.scenario.empty()) {
      e["line"] = c.line;
      e["probe"] = c.label;
    }
    e["from"] = c.from;
    e["to"] = c.to;
    if (d.scenario.empty()) {
      e["protocol"] = c.probe.protocol_name();
      e["port"] = c.probe.proto == ProbeProto::Tcp ? Json(c.probe.port) : Json();
    }
    e["old"] = side_json(c.old_side);
    e["new"] = side_json(c.new_side);
    changes.push_back(std::move(e));
  }
  j["changes"] = std::move(changes);
  j["endpoints_added"] = endpoints_json(d.added);
  j["endpoints_removed"] = endpoints_json(d.removed);
  out << j.dump(2) << '\n';
}

}  // namespace vpcsim::cli
