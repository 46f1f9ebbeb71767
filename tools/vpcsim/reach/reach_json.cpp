// JSON renderings of a reachability matrix. Written element by element (each
// element one line, built with nlohmann::json), so that a matrix of millions of
// rows never exists as one document in memory, and so that two plans' outputs
// compare line by line.
#include <ostream>

#include <nlohmann/json.hpp>

#include "tools/vpcsim/reach/reach_format.hpp"

namespace vpcsim::cli {
namespace {

using Json = nlohmann::ordered_json;

Json optional_ip(const std::optional<sim::Ipv4Addr>& ip) { return ip ? Json(ip->str()) : Json(); }

Json endpoint_json(const ReachEndpoint& e) {
  Json j;
  j["name"] = e.name;
  j["kind"] = e.kind;
  j["ip"] = e.addresses.empty() ? Json() : Json(e.addresses.front().ip.str());
  j["public_ip"] = optional_ip(e.public_ip);
  Json ports = Json::array();
  for (ProbeKey k : e.columns) {
    if (k.proto == ProbeProto::Tcp) ports.push_back(k.port);
  }
  j["tcp_ports"] = std::move(ports);
  return j;
}

void verdict_json(Json& j, ProbeKey key, const ProbeOutcome& o) {
  j["protocol"] = key.protocol_name();
  j["port"] = key.proto == ProbeProto::Tcp ? Json(key.port) : Json();
  j["result"] = result_name(o.result);
  j["reason"] = o.reason ? Json(o.reason_code()) : Json();
}

Json totals_json(const ReachMatrix& m) {
  ReachMatrix::Totals t = m.totals();
  Json j;
  j["pairs"] = t.pairs;
  j["probes"] = t.probes;
  j["ok"] = t.ok;
  j["blocked"] = t.blocked;
  return j;
}

// Writes `"key": [` then each element on its own line, then `]`.
class ArrayWriter {
 public:
  ArrayWriter(std::ostream& out, const char* key) : out_(out) { out_ << "  \"" << key << "\": ["; }
  void add(const Json& j) {
    out_ << (first_ ? "\n    " : ",\n    ") << j.dump();
    first_ = false;
  }
  void close() { out_ << (first_ ? "]" : "\n  ]"); }

 private:
  std::ostream& out_;
  bool first_ = true;
};

std::string class_id(uint32_t cls) { return "c" + std::to_string(cls + 1); }

}  // namespace

void write_reach_json(std::ostream& out, const ReachMatrix& m, bool explain) {
  out << "{\n";
  ArrayWriter endpoints(out, "endpoints");
  for (const ReachEndpoint& e : m.endpoints) endpoints.add(endpoint_json(e));
  endpoints.close();
  out << ",\n";
  ArrayWriter results(out, "results");
  m.for_each_row([&](const ReachMatrix::Row& r) {
    for (size_t c = 0; c < r.cells.size(); ++c) {
      Json j;
      j["from"] = r.from.name;
      j["from_ip"] = r.from_ip.str();
      j["to"] = r.to.name;
      j["to_ip"] = r.to_ip.str();
      verdict_json(j, r.to.columns[c], r.cells[c]);
      if (explain) {
        j["explanation"] = r.cells[c].explanation.empty() ? Json() : Json(r.cells[c].explanation);
      }
      results.add(j);
    }
  });
  results.close();
  out << ",\n  \"totals\": " << totals_json(m).dump() << "\n}\n";
}

void write_reach_summary_json(std::ostream& out, const ReachMatrix& m) {
  out << "{\n";
  ArrayWriter classes(out, "classes");
  for (uint32_t c = 0; c < m.classes.size(); ++c) {
    Json j;
    j["id"] = class_id(c);
    j["size"] = m.classes[c].size();
    j["shared"] = m.class_descriptions[c];
    Json members = Json::array();
    for (uint32_t e : m.classes[c]) members.push_back(m.endpoints[e].name);
    j["members"] = std::move(members);
    classes.add(j);
  }
  classes.close();
  out << ",\n";
  ArrayWriter results(out, "results");
  for (const ClassPair& cp : m.class_pairs) {
    const ReachEndpoint& to = m.endpoints[m.classes[cp.to_cls].front()];
    for (size_t c = 0; c < to.columns.size(); ++c) {
      Json j;
      j["from_class"] = class_id(cp.from_cls);
      j["to_class"] = class_id(cp.to_cls);
      j["pairs"] = cp.pairs;
      verdict_json(j, to.columns[c], m.cells[cp.first_cell + c]);
      results.add(j);
    }
  }
  results.close();
  Json totals = totals_json(m);
  totals["classes"] = m.classes.size();
  totals["probes_run"] = m.probes_run;
  out << ",\n  \"totals\": " << totals.dump() << "\n}\n";
}

}  // namespace vpcsim::cli
