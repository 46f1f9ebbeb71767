// Text renderings of a reachability matrix: one aligned row per pair, or per pair
// of classes (--summary). Widths come from the endpoints and the class-pair
// cells, so rows can be streamed without a first pass over all pairs.
#include <algorithm>
#include <ostream>

#include "tools/vpcsim/reach/reach_format.hpp"

namespace vpcsim::cli {
namespace {

std::string pad(std::string s, size_t width) {
  if (s.size() < width) s.append(width - s.size(), ' ');
  return s;
}

void write_line(std::ostream& out, std::string line) {
  while (!line.empty() && line.back() == ' ') line.pop_back();
  out << line << '\n';
}

// The verdicts of TCP columns: "22 open, 8080 timeout [security-group]", or "-".
std::string tcp_cell(std::span<const ProbeKey> columns, std::span<const ProbeOutcome> cells) {
  std::string s;
  for (size_t c = 0; c < columns.size(); ++c) {
    if (columns[c].proto != ProbeProto::Tcp) continue;
    s += (s.empty() ? "" : ", ") + std::to_string(columns[c].port) + " " + cells[c].verdict_text();
  }
  return s.empty() ? "-" : s;
}

std::string ping_cell(std::span<const ProbeKey> columns, std::span<const ProbeOutcome> cells) {
  return !columns.empty() && columns.front().proto == ProbeProto::Icmp
             ? cells.front().verdict_text()
             : "-";
}

struct Layout {
  size_t from = 4, to = 2, addr = 7, ping = 4;
  bool ping_column = false, tcp_column = false;
};

Layout layout(const ReachMatrix& m, size_t from_min, size_t to_min) {
  Layout l;
  l.from = from_min;
  l.to = to_min;
  for (const ReachEndpoint& e : m.endpoints) {
    if (e.is_source) l.from = std::max(l.from, e.name.size());
    if (!e.is_target) continue;
    l.to = std::max(l.to, e.name.size());
    for (const auto& a : e.addresses) l.addr = std::max(l.addr, a.ip.str().size());
    if (e.public_ip) l.addr = std::max(l.addr, e.public_ip->str().size());
    for (ProbeKey k : e.columns)
      (k.proto == ProbeProto::Icmp ? l.ping_column : l.tcp_column) = true;
  }
  for (const ClassPair& cp : m.class_pairs) {
    const ReachEndpoint& to = m.endpoints[m.classes[cp.to_cls].front()];
    if (!to.columns.empty() && to.columns.front().proto == ProbeProto::Icmp) {
      l.ping = std::max(l.ping, m.cells[cp.first_cell].verdict_text().size());
    }
  }
  return l;
}

std::string verdict_columns(const Layout& l, std::span<const ProbeKey> columns,
                            std::span<const ProbeOutcome> cells) {
  std::string s;
  if (l.ping_column) s += pad(ping_cell(columns, cells), l.ping) + "  ";
  if (l.tcp_column) s += tcp_cell(columns, cells);
  return s;
}

std::string heading(const Layout& l) {
  std::string s;
  if (l.ping_column) s += pad("PING", l.ping) + "  ";
  if (l.tcp_column) s += "TCP";
  return s;
}

std::string class_id(uint32_t cls) { return "c" + std::to_string(cls + 1); }

std::string members_text(const ReachMatrix& m, const std::vector<uint32_t>& members) {
  if (members.size() <= 3) {
    std::string s;
    for (uint32_t e : members) s += (s.empty() ? "" : ", ") + m.endpoints[e].name;
    return s;
  }
  return m.endpoints[members[0]].name + ", " + m.endpoints[members[1]].name + " and " +
         std::to_string(members.size() - 2) + " more";
}

}  // namespace

std::string totals_line(const ReachMatrix& m) {
  ReachMatrix::Totals t = m.totals();
  return std::to_string(t.pairs) + " pairs, " + std::to_string(t.probes) +
         " probes: " + std::to_string(t.ok) + " reachable or open, " + std::to_string(t.blocked) +
         " blocked";
}

void write_reach_text(std::ostream& out, const ReachMatrix& m, bool explain) {
  const Layout l = layout(m, 4, 2);
  write_line(out, pad("FROM", l.from) + "  " + pad("TO", l.to) + "  " + pad("ADDRESS", l.addr) +
                      "  " + heading(l));
  m.for_each_row([&](const ReachMatrix::Row& r) {
    write_line(out, pad(r.from.name, l.from) + "  " + pad(r.to.name, l.to) + "  " +
                        pad(r.to_ip.str(), l.addr) + "  " +
                        verdict_columns(l, r.to.columns, r.cells));
    if (!explain) return;
    for (size_t c = 0; c < r.cells.size(); ++c) {
      const ProbeOutcome& o = r.cells[c];
      if (result_ok(o.result)) continue;
      out << "    " << r.to.columns[c].label() << ": "
          << (o.explanation.empty() ? "(no drop was recorded)" : o.explanation) << '\n';
    }
  });
  out << totals_line(m) << '\n';
}

void write_reach_summary_text(std::ostream& out, const ReachMatrix& m) {
  size_t id_width = 5, members_width = 7;
  for (uint32_t c = 0; c < m.classes.size(); ++c) {
    id_width = std::max(id_width, class_id(c).size());
    members_width = std::max(members_width, members_text(m, m.classes[c]).size());
  }
  write_line(out, pad("CLASS", id_width) + "  " + pad("SIZE", 6) + "  " +
                      pad("MEMBERS", members_width) + "  SHARED");
  for (uint32_t c = 0; c < m.classes.size(); ++c) {
    std::string size = std::to_string(m.classes[c].size());
    write_line(out, pad(class_id(c), id_width) + "  " + pad(size, 6) + "  " +
                        pad(members_text(m, m.classes[c]), members_width) + "  " +
                        m.class_descriptions[c]);
  }
  out << '\n';
  Layout l = layout(m, 0, 0);
  l.from = l.to = id_width;  // class ids instead of names
  size_t pairs_width = 5;
  for (const ClassPair& cp : m.class_pairs) {
    pairs_width = std::max(pairs_width, std::to_string(cp.pairs).size());
  }
  write_line(out, pad("FROM", l.from) + "  " + pad("TO", l.to) + "  " + pad("PAIRS", pairs_width) +
                      "  " + heading(l));
  for (const ClassPair& cp : m.class_pairs) {
    const ReachEndpoint& to = m.endpoints[m.classes[cp.to_cls].front()];
    std::span<const ProbeOutcome> cells(m.cells.data() + cp.first_cell, to.columns.size());
    write_line(out, pad(class_id(cp.from_cls), l.from) + "  " + pad(class_id(cp.to_cls), l.to) +
                        "  " + pad(std::to_string(cp.pairs), pairs_width) + "  " +
                        verdict_columns(l, to.columns, cells));
  }
  out << m.classes.size() << " classes, " << m.probes_run << " probes run; " << totals_line(m)
      << '\n';
}

}  // namespace vpcsim::cli
