#include "tools/vpcsim/crosscheck/ping_output.hpp"

#include "tools/vpcsim/crosscheck/text_lines.hpp"

namespace vpcsim::crosscheck {
namespace {

// "key=value" -> value, for icmp_seq= and ttl=.
std::optional<int> field(std::string_view word, std::string_view key) {
  if (!starts_with(word, key)) return std::nullopt;
  return to_int(word.substr(key.size()));
}

// "64 bytes from 10.0.2.10: icmp_seq=1 ttl=63 time=0.053 ms [(DUP!)]"
std::optional<PingReply> parse_reply(const std::vector<std::string_view>& w) {
  if (w.size() < 6 || w[1] != "bytes" || w[2] != "from") return std::nullopt;
  std::string_view from = w[3];
  if (!from.empty() && from.back() == ':') from.remove_suffix(1);
  if (!is_ipv4(from)) return std::nullopt;
  PingReply r;
  r.from = std::string(from);
  for (std::string_view word : w) {
    if (auto seq = field(word, "icmp_seq=")) r.seq = *seq;
    if (auto ttl = field(word, "ttl=")) r.ttl = *ttl;
    if (word == "(DUP!)") r.duplicate = true;
  }
  return r;
}

// "From 10.0.1.1 icmp_seq=2 Destination Net Unreachable" (with -n no name).
std::optional<PingError> parse_error(std::string_view line) {
  std::vector<std::string_view> w = split_words(line);
  if (w.size() < 4 || w[0] != "From") return std::nullopt;
  std::string_view from = w[1];
  if (!from.empty() && from.back() == ':') from.remove_suffix(1);
  std::optional<int> seq = field(w[2], "icmp_seq=");
  if (!is_ipv4(from) || !seq) return std::nullopt;
  // The words are views into `line`: the message is everything after the third.
  size_t at = size_t(w[2].data() - line.data()) + w[2].size();
  return PingError{std::string(from), *seq, std::string(trim(line.substr(at)))};
}

// "3 packets transmitted, 1 received, +1 errors, 66.6667% packet loss, time 2029ms"
void parse_statistics(const std::vector<std::string_view>& w, PingOutput& out) {
  if (w.size() < 4 || w[1] != "packets" || w[2] != "transmitted,") return;
  out.transmitted = to_int(w[0]);
  out.received = to_int(w[3]);
}

}  // namespace

PingOutput parse_ping_output(std::string_view text) {
  PingOutput out;
  for (std::string_view line : split_lines(text)) {
    std::vector<std::string_view> w = split_words(line);
    if (w.empty()) continue;
    if (w[0] == "PING" && w.size() >= 3) {
      std::string_view addr = w[2];  // "(10.0.2.10)"
      if (addr.size() > 2 && addr.front() == '(' && addr.back() == ')') {
        out.destination = std::string(addr.substr(1, addr.size() - 2));
      }
    } else if (starts_with(line, "ping: sendmsg: Operation not permitted")) {
      out.send_refused = true;
    } else if (starts_with(line, "ping: connect: ")) {
      out.local_error = std::string(trim(line.substr(15)));
    } else if (auto reply = parse_reply(w)) {
      out.replies.push_back(*reply);
    } else if (auto error = parse_error(line)) {
      out.errors.push_back(*error);
    } else {
      parse_statistics(w, out);
    }
  }
  return out;
}

Observation observe_ping(const PingOutput& ping) {
  Observation o;
  int answered = 0;
  for (const PingReply& r : ping.replies) {
    if (!r.duplicate) ++answered;
  }
  const int received = ping.received.value_or(answered);
  o.verdict = received > 0 ? "reachable" : "unreachable";
  if (!ping.replies.empty()) o.reply_ttl = ping.replies.front().ttl;
  if (!ping.errors.empty()) o.error_from = ping.errors.front().from;
  if (ping.local_error) {
    o.reason_class = ReasonClass::LocalError;
    o.detail = *ping.local_error;
  } else if (received > 0) {
    o.reason_class = ReasonClass::None;
    o.detail = std::to_string(received) + "/" +
               std::to_string(ping.transmitted.value_or(received)) + " replies, ttl " +
               std::to_string(ping.replies.front().ttl);
  } else if (!ping.errors.empty()) {
    o.reason_class = class_of_ping_message(ping.errors.front().message);
    o.detail = ping.errors.front().message + " from " + ping.errors.front().from;
  } else {
    // Refused by the source's own firewall is silence too: in AWS a security
    // group drops outside the instance, which never learns of it.
    o.reason_class = ReasonClass::Silent;
    o.detail = ping.send_refused ? "sending refused by the source's own firewall (silent in AWS)"
                                 : "no reply";
  }
  return o;
}

}  // namespace vpcsim::crosscheck
