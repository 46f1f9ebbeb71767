#include "tools/vpcsim/reach/reach_diff.hpp"

#include <algorithm>
#include <memory>
#include <stdexcept>

#include "tools/vpcsim/reach/isolated_prober.hpp"
#include "tools/vpcsim/reach/reach_engine.hpp"

namespace vpcsim::cli {
namespace {

DiffSide side_of(const ProbeOutcome& o, sim::Ipv4Addr to_ip) {
  return DiffSide{
      std::string(result_name(o.result)),
      o.reason ? std::optional<std::string>(std::string(o.reason_code())) : std::nullopt, "",
      to_ip.str()};
}

std::optional<ChangeKind> compare(const std::optional<DiffSide>& old_side,
                                  const std::optional<DiffSide>& new_side) {
  if (!old_side) return ChangeKind::Added;
  if (!new_side) return ChangeKind::Removed;
  if (old_side->ok() != new_side->ok()) {
    return new_side->ok() ? ChangeKind::BecameReachable : ChangeKind::BecameUnreachable;
  }
  if (old_side->result != new_side->result || old_side->reason != new_side->reason) {
    return ChangeKind::Changed;
  }
  return std::nullopt;
}

EndpointChange endpoint_change(const ReachEndpoint& e) {
  return EndpointChange{
      e.name, e.kind, e.addresses.empty() ? "" : e.addresses.front().ip.str(),
      e.public_ip ? std::optional<std::string>(e.public_ip->str()) : std::nullopt};
}

// Explains blocked probes of one plan by running each pair directly on the whole
// plan; the prober (a lowering of the plan) is built on first use.
class Explainer {
 public:
  explicit Explainer(const LoadedTopology& plan) : plan_(plan) {}

  void explain(const ProbeChange& c, DiffSide& side) {
    if (side.ok()) return;
    if (!prober_) prober_ = std::make_unique<IsolatedProber>(plan_.spec);
    const topo::LoweredTopology& t = prober_->topology();
    IsolatedProber::Run r = prober_->run(*t.endpoint(c.from), *t.endpoint(c.to), c.probe, true);
    // The matrix came from representatives: a direct run that disagrees would be a bug.
    DiffSide direct = side_of(r.outcome, r.dst);
    if (direct.result != side.result || direct.reason != side.reason) {
      throw std::logic_error("the direct probe " + c.from + " -> " + c.to + " " + c.probe.label() +
                             " gives " + direct.verdict_text() + ", the matrix said " +
                             side.verdict_text());
    }
    side.explanation = r.outcome.explanation;
  }

 private:
  const LoadedTopology& plan_;
  std::unique_ptr<IsolatedProber> prober_;
};

// Probe changes between two rows of the same pair (either may be missing).
void diff_rows(const std::optional<ReachMatrix::Row>& a, const std::optional<ReachMatrix::Row>& b,
               const std::string& from, const std::string& to, ReachDiff& d) {
  static const std::vector<ProbeKey> kNone;
  std::span<const ProbeKey> ca = a ? std::span<const ProbeKey>(a->to.columns) : kNone;
  std::span<const ProbeKey> cb = b ? std::span<const ProbeKey>(b->to.columns) : kNone;
  size_t i = 0, j = 0;
  while (i < ca.size() || j < cb.size()) {
    std::optional<DiffSide> old_side, new_side;
    ProbeKey key;
    if (j == cb.size() || (i < ca.size() && ca[i] < cb[j])) {
      key = ca[i];
      old_side = side_of(a->cells[i++], a->to_ip);
    } else if (i == ca.size() || cb[j] < ca[i]) {
      key = cb[j];
      new_side = side_of(b->cells[j++], b->to_ip);
    } else {
      key = ca[i];
      old_side = side_of(a->cells[i++], a->to_ip);
      new_side = side_of(b->cells[j++], b->to_ip);
      ++d.probes_compared;
    }
    if (auto kind = compare(old_side, new_side)) {
      d.changes.push_back(ProbeChange{*kind, from, to, key, 0, "", old_side, new_side});
    }
  }
}

std::string item_label(const ItemOutcome& o) {
  std::string s = o.type + " " + o.from + " -> " + o.to;
  if (o.port) s += ":" + std::to_string(*o.port);
  if (!o.via.empty()) s += " via " + o.via;
  return s;
}

DiffSide item_side(const ItemOutcome& o) {
  DiffSide s{o.result, o.reason, "", ""};
  if (!s.ok()) s.explanation = o.explanation;
  return s;
}

}  // namespace

std::string_view change_name(ChangeKind k) {
  switch (k) {
    case ChangeKind::BecameUnreachable:
      return "became-unreachable";
    case ChangeKind::BecameReachable:
      return "became-reachable";
    case ChangeKind::Changed:
      return "changed";
    case ChangeKind::Added:
      return "added";
    case ChangeKind::Removed:
      return "removed";
  }
  return "changed";
}

size_t ReachDiff::count(ChangeKind k) const {
  return size_t(std::count_if(changes.begin(), changes.end(),
                              [k](const ProbeChange& c) { return c.kind == k; }));
}

ReachDiff diff_plans(const LoadedTopology& old_plan, const LoadedTopology& new_plan,
                     const ReachOptions& options) {
  ReachOptions o = options;
  o.explain = false;  // the matrices stay grouped; changed pairs are explained one by one
  ReachMatrix a = compute_reach(old_plan, o);
  ReachMatrix b = compute_reach(new_plan, o);
  ReachDiff d;
  d.old_file = old_plan.spec.file;
  d.new_file = new_plan.spec.file;

  // Endpoints by name: both lists are sorted.
  std::vector<std::pair<uint32_t, uint32_t>> common;
  size_t i = 0, j = 0;
  while (i < a.endpoints.size() || j < b.endpoints.size()) {
    if (j == b.endpoints.size() ||
        (i < a.endpoints.size() && a.endpoints[i].name < b.endpoints[j].name)) {
      d.removed.push_back(endpoint_change(a.endpoints[i++]));
    } else if (i == a.endpoints.size() || b.endpoints[j].name < a.endpoints[i].name) {
      d.added.push_back(endpoint_change(b.endpoints[j++]));
    } else {
      common.emplace_back(uint32_t(i++), uint32_t(j++));
    }
  }
  for (auto [fa, fb] : common) {
    for (auto [ta, tb] : common) {
      if (fa == ta) continue;
      diff_rows(a.row(fa, ta), b.row(fb, tb), a.endpoints[fa].name, a.endpoints[ta].name, d);
    }
  }
  Explainer old_explainer(old_plan), new_explainer(new_plan);
  for (ProbeChange& c : d.changes) {
    if (c.old_side) old_explainer.explain(c, *c.old_side);
    if (c.new_side) new_explainer.explain(c, *c.new_side);
  }
  return d;
}

ReachDiff diff_scenario(const ScenarioOutcome& old_run, const ScenarioOutcome& new_run) {
  ReachDiff d;
  d.scenario = old_run.name;
  for (size_t k = 0; k < old_run.items.size() && k < new_run.items.size(); ++k) {
    const ItemOutcome& o = old_run.items[k];
    const ItemOutcome& n = new_run.items[k];
    if (o.type == "table") continue;
    ++d.probes_compared;
    std::optional<DiffSide> old_side = item_side(o), new_side = item_side(n);
    if (auto kind = compare(old_side, new_side)) {
      d.changes.push_back(
          ProbeChange{*kind, o.from, o.to, {}, o.line, item_label(o), old_side, new_side});
    }
  }
  return d;
}

}  // namespace vpcsim::cli
