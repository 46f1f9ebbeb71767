#include "tools/vpcsim/crosscheck/traceroute_output.hpp"

#include "tools/vpcsim/crosscheck/text_lines.hpp"

namespace vpcsim::crosscheck {
namespace {

// " 2  10.0.12.2  0.3 ms !N  0.2 ms !N  10.0.12.9  0.4 ms": the words after the
// TTL are addresses, times ("0.3" then "ms"), markers and stars.
TracerouteLine parse_hop(int ttl, const std::vector<std::string_view>& w) {
  TracerouteLine line;
  line.ttl = ttl;
  std::string current;
  for (size_t i = 1; i < w.size(); ++i) {
    std::string_view word = w[i];
    if (word == "*") {
      line.queries.push_back(std::nullopt);
    } else if (is_ipv4(word)) {
      current = std::string(word);
    } else if (word == "ms") {
      line.queries.push_back(TracerouteAnswer{current, ""});
    } else if (word.front() == '!' && !line.queries.empty() && line.queries.back()) {
      line.queries.back()->marker = std::string(word);
    }
    // Anything else is a time (the "ms" after it records the answer).
  }
  return line;
}

}  // namespace

TracerouteOutput parse_traceroute_output(std::string_view text) {
  TracerouteOutput out;
  for (std::string_view line : split_lines(text)) {
    std::vector<std::string_view> w = split_words(line);
    if (w.empty()) continue;
    if (w[0] == "traceroute" && w.size() >= 4 && w[1] == "to") {
      std::string_view addr = w[3];  // "(10.0.2.10),"
      if (!addr.empty() && addr.back() == ',') addr.remove_suffix(1);
      if (addr.size() > 2 && addr.front() == '(' && addr.back() == ')') {
        out.destination = std::string(addr.substr(1, addr.size() - 2));
      }
      if (w.size() >= 6 && w[5] == "hops") out.max_hops = to_int(w[4]).value_or(0);
      // UDP mode prints the header without a newline before a local error.
      size_t err = line.find("connect: ");
      if (err != std::string_view::npos) out.local_error = std::string(trim(line.substr(err + 9)));
    } else if (starts_with(line, "send: Operation not permitted")) {
      out.send_refused = true;
    } else if (starts_with(line, "connect: ")) {
      out.local_error = std::string(trim(line.substr(9)));
    } else if (auto ttl = to_int(w[0])) {
      out.hops.push_back(parse_hop(*ttl, w));
    }
  }
  return out;
}

Observation observe_traceroute(const TracerouteOutput& trace) {
  Observation o;
  o.hops.emplace();
  for (const TracerouteLine& line : trace.hops) {
    std::string first = "*";
    for (const auto& q : line.queries) {
      if (q) {
        first = q->from;
        break;
      }
    }
    o.hops->push_back(first);
    // As `vpcsim check`'s error-from: the first answer that carried a marker.
    for (const auto& q : line.queries) {
      if (q && !q->marker.empty() && !o.error_from) o.error_from = q->from;
    }
  }
  if (trace.send_refused && trace.hops.empty()) {
    // In the emulation a security group is iptables in the instance's own
    // namespace, whose OUTPUT DROP makes send() fail with EPERM; in AWS the
    // group is outside the instance and every probe is silently lost.
    o.verdict = "unreachable";
    o.reason_class = ReasonClass::Silent;
    o.hops = std::vector<std::string>(size_t(trace.max_hops), "*");
    o.detail = "sending refused by the source's own firewall (silent in AWS)";
    return o;
  }
  if (trace.local_error) {
    o.verdict = "unreachable";
    o.reason_class = ReasonClass::LocalError;
    o.detail = *trace.local_error;
    return o;
  }
  const TracerouteLine* last = trace.hops.empty() ? nullptr : &trace.hops.back();
  const TracerouteAnswer* marked = nullptr;
  const TracerouteAnswer* answered = nullptr;
  bool reached = false;
  if (last) {
    for (const auto& q : last->queries) {
      if (!q) continue;
      if (!answered) answered = &*q;
      if (!q->marker.empty() && !marked) marked = &*q;
      if (q->marker.empty() && q->from == trace.destination) reached = true;
    }
  }
  const std::string at = last ? " at hop " + std::to_string(last->ttl) : "";
  if (reached) {
    o.verdict = "reachable";
    o.reason_class = ReasonClass::None;
    o.detail = "reached in " + std::to_string(trace.hops.size()) + " hops";
  } else if (marked) {
    o.verdict = "unreachable";
    o.reason_class = class_of_traceroute_marker(marked->marker);
    o.detail = marked->marker + " from " + marked->from + at;
  } else if (answered) {
    o.verdict = "unreachable";
    o.reason_class = ReasonClass::TtlExceeded;
    o.detail = "out of hops" + at;
  } else {
    o.verdict = "unreachable";
    o.reason_class = ReasonClass::Silent;
    o.detail = "no answer" + at;
  }
  return o;
}

}  // namespace vpcsim::crosscheck
