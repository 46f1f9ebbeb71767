#include "tools/vpcsim/format/probe_json.hpp"

#include "sim/trace/drop_reason.hpp"
#include "tools/vpcsim/format/probe_text.hpp"

namespace vpcsim::cli {
namespace {

using Json = nlohmann::ordered_json;

// Milliseconds with microsecond precision. Ping truncates to the microsecond
// (as iputils' timeval arithmetic does), traceroute rounds (as its "%.3f"
// does), so each JSON value equals the number its text shows.
double ms_truncated(sim::Duration d) { return double(d.ns / 1000) / 1000.0; }
double ms_rounded(sim::Duration d) { return double((d.ns + 500) / 1000) / 1000.0; }
double ms_of_us(int64_t us) { return double(us) / 1000.0; }

// An address, or null for 0.0.0.0 (the probe never had a source address).
Json address_or_null(sim::Ipv4Addr a) { return a.is_unspecified() ? Json() : Json(a.str()); }

Json string_or_null(const std::string& s) { return s.empty() ? Json() : Json(s); }

template <typename T>
Json optional_string(const std::optional<T>& v) {
  return v ? Json(*v) : Json();
}

// The keys every probe object starts with, in the documented order.
Json probe_head(const char* probe, const std::string& from_name, const std::string& target,
                sim::Ipv4Addr src, sim::Ipv4Addr dst, std::string_view result,
                const std::optional<sim::ProbeReason>& reason,
                const std::optional<std::string>& local_error) {
  Json j = Json::object();
  j["probe"] = probe;
  j["from"] = from_name;
  j["to"] = target;
  j["src"] = address_or_null(src);
  j["dst"] = dst.str();
  j["result"] = std::string(result);
  j["reason"] = reason_json(reason);
  j["local_error"] = optional_string(local_error);
  return j;
}

}  // namespace

Json reason_json(const std::optional<sim::ProbeReason>& reason) {
  if (!reason) return Json();
  Json j = Json::object();
  j["code"] = std::string(sim::reason_code(reason->reason));
  j["drop"] = std::string(sim::name(reason->reason));
  j["device"] = reason->device_name;
  j["detail"] = reason->detail;
  j["object"] = string_or_null(reason->object);
  j["rule"] = string_or_null(reason->rule);
  // A routing loop (its routers) or an L2 loop (its ports), when the journey shows one.
  if (!reason->loop.empty()) {
    j["loop"] = reason->loop;
    j["loop_note"] = reason->loop_note.empty() ? reason->detail : reason->loop_note;
  }
  return j;
}

Json ping_json(const sim::PingResult& r, const std::string& from_name, const std::string& target) {
  Json j = probe_head("ping", from_name, target, r.src, r.dst,
                      r.reachable() ? "reachable" : "unreachable", r.reason, r.local_error);
  const PingStats s = ping_stats(r);
  j["transmitted"] = r.transmitted;
  j["received"] = r.received;
  j["errors"] = r.errors;
  j["packet_loss_percent"] = r.transmitted > 0 ? Json(s.loss_percent) : Json();
  j["time_ms"] = s.time_ms;
  Json replies = Json::array(), errors = Json::array();
  for (const sim::PingEvent& e : r.events) {
    Json ev = Json::object();
    ev["seq"] = e.seq;
    ev["from"] = e.from.str();
    if (e.is_reply) {
      ev["ttl"] = e.ttl;
      ev["time_ms"] = ms_truncated(e.rtt);
      replies.push_back(std::move(ev));
    } else {
      ev["type"] = e.icmp_type;
      ev["code"] = e.icmp_code;
      ev["message"] = ping_icmp_message(e.icmp_type, e.icmp_code);
      ev["time_ms"] = ms_truncated(e.rtt);
      errors.push_back(std::move(ev));
    }
  }
  j["replies"] = std::move(replies);
  j["icmp_errors"] = std::move(errors);
  if (s.has_rtt) {
    Json rtt = Json::object();
    rtt["min_ms"] = ms_of_us(s.min_us);
    rtt["avg_ms"] = ms_of_us(s.avg_us);
    rtt["max_ms"] = ms_of_us(s.max_us);
    rtt["mdev_ms"] = ms_of_us(s.mdev_us);
    j["rtt"] = std::move(rtt);
  } else {
    j["rtt"] = nullptr;
  }
  return j;
}

Json traceroute_json(const sim::TracerouteResult& r, const std::string& from_name,
                     const std::string& target) {
  Json j = probe_head("traceroute", from_name, target, r.src, r.dst,
                      r.reached ? "reachable" : "unreachable", r.reason, r.local_error);
  j["max_hops"] = r.max_hops;
  j["packet_bytes"] = r.packet_bytes;
  j["reached"] = r.reached;
  Json hops = Json::array();
  for (const sim::TracerouteHop& hop : r.hops) {
    Json probes = Json::array();
    for (const sim::TracerouteQuery& q : hop.queries) {
      Json p = Json::object();
      p["address"] = q.answered ? Json(q.from.str()) : Json();
      p["time_ms"] = q.answered ? Json(ms_rounded(q.rtt)) : Json();
      p["marker"] = q.answered ? string_or_null(q.marker) : Json();
      probes.push_back(std::move(p));
    }
    Json h = Json::object();
    h["ttl"] = hop.ttl;
    h["probes"] = std::move(probes);
    hops.push_back(std::move(h));
  }
  j["hops"] = std::move(hops);
  return j;
}

Json connect_json(const sim::ConnectResult& r, const std::string& from_name,
                  const std::string& target, const sim::Network* network) {
  Json j = probe_head("telnet", from_name, target, r.src, r.dst, sim::verdict_name(r.verdict),
                      r.reason, r.local_error);
  j["src_port"] = r.src_port;
  j["dst_port"] = r.dst_port;
  // A timeout (or a probe that never left) has no answer to time.
  bool answered = !r.local_error && r.verdict != sim::ConnectVerdict::Timeout;
  j["time_ms"] = answered ? Json(ms_truncated(r.rtt)) : Json();
  j["error_from"] = r.error_from ? Json(r.error_from->str()) : Json();
  if (r.error_from) {
    Json icmp = Json::object();
    icmp["type"] = r.icmp_type;
    icmp["code"] = r.icmp_code;
    j["icmp"] = std::move(icmp);
  } else {
    j["icmp"] = nullptr;
  }
  const bool served = r.served_by.has_value();
  j["served_by"] = served && network && r.served_by->v < network->device_count()
                       ? Json(network->device(*r.served_by).name())
                       : Json();
  j["served_by_id"] = served ? Json(r.served_by->v) : Json();
  j["seen_source"] = served ? Json(r.seen_source.str()) : Json();
  j["seen_port"] = served ? Json(r.seen_port) : Json();
  return j;
}

Json ssh_json(const SshSession& s, const sim::Network* network) {
  Json j = Json::object();
  j["probe"] = "ssh";
  j["from"] = s.from;
  j["to"] = s.to;
  j["via"] = s.via.empty() ? Json() : Json(s.via);
  j["result"] =
      s.legs.empty() ? Json() : Json(std::string(sim::verdict_name(s.last().result.verdict)));
  Json legs = Json::array();
  for (const SshLeg& leg : s.legs) {
    legs.push_back(connect_json(leg.result, leg.from, leg.target, network));
  }
  j["legs"] = std::move(legs);
  j["reason"] = s.legs.empty() ? Json() : reason_json(s.last().result.reason);
  return j;
}

}  // namespace vpcsim::cli
