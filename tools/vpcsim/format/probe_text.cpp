#include "tools/vpcsim/format/probe_text.hpp"

#include <algorithm>
#include <charconv>
#include <climits>
#include <cstdio>
#include <iterator>
#include <string_view>

#include "sim/net/headers.hpp"
#include "sim/trace/drop_reason.hpp"

namespace vpcsim::cli {
namespace {

// snprintf into a std::string (numbers and short words; a long target name
// only costs a second pass).
template <typename... Args>
std::string format(const char* fmt, Args... args) {
  char buf[128];
  int n = std::snprintf(buf, sizeof buf, fmt, args...);
  if (n < 0) return {};
  if (size_t(n) < sizeof buf) return std::string(buf, size_t(n));
  std::string out(size_t(n) + 1, '\0');
  std::snprintf(out.data(), out.size(), fmt, args...);
  out.resize(size_t(n));
  return out;
}

int64_t micros(sim::Duration d) { return d.ns / 1000; }

// "%ld.%03ld" of a count of microseconds, as iputils prints rtt statistics.
std::string ms3(int64_t us) {
  return format("%lld.%03lld", (long long)(us / 1000), (long long)(us % 1000));
}

// iputils' per-reply time: fewer decimals as the time grows (3 below 1 ms,
// 2 below 10 ms, 1 below 100 ms, none above), rounded at the cut-off.
std::string reply_time(int64_t t) {
  auto ll = [](int64_t v) { return (long long)v; };
  if (t >= 100000 - 50) return format("%lld", ll((t + 500) / 1000));
  if (t >= 10000 - 5)
    return format("%lld.%01lld", ll((t + 50) / 1000), ll(((t + 50) % 1000) / 100));
  if (t >= 1000) return format("%lld.%02lld", ll((t + 5) / 1000), ll(((t + 5) % 1000) / 10));
  return format("%lld.%03lld", ll(t / 1000), ll(t % 1000));
}

// iputils' integer square root (Newton's method on long long).
int64_t llsqrt(int64_t a) {
  int64_t prev = LLONG_MAX;
  int64_t x = a;
  if (x > 0) {
    while (x < prev) {
      prev = x;
      x = (x + (a / x)) / 2;
    }
  }
  return x;
}

// The errno a Linux TCP socket in SYN_SENT reports for an ICMP error
// (net/ipv4/icmp.c icmp_err_convert; time exceeded is EHOSTUNREACH in
// tcp_v4_err), as strerror() spells it.
std::string_view connect_error(uint8_t type, uint8_t code) {
  if (type != sim::icmp::kDestUnreachable) return "No route to host";
  switch (code) {
    case 0:   // net unreachable
    case 6:   // net unknown
    case 9:   // net administratively prohibited
    case 11:  // net unreachable for TOS
      return "Network is unreachable";
    case 2:
      return "Protocol not available";
    case 3:
      return "Connection refused";
    case 4:
      return "Message too long";
    case 5:
      return "Operation not supported";
    case 7:
      return "Host is down";
    case 8:
      return "Machine is not on the network";
    default:
      return "No route to host";  // host unreachable, prohibited (13), ...
  }
}

// strerror() of the error a Linux connect() reports for the outcome of one
// connection attempt (empty when it opened).
std::string socket_error(const sim::ConnectResult& r) {
  if (r.local_error) return *r.local_error;
  switch (r.verdict) {
    case sim::ConnectVerdict::Open:
      return {};
    case sim::ConnectVerdict::Refused:
      return "Connection refused";
    case sim::ConnectVerdict::Timeout:
      return "Connection timed out";
    case sim::ConnectVerdict::Unreachable:
      return std::string(connect_error(r.icmp_type, r.icmp_code));
  }
  return "Connection timed out";
}

}  // namespace

// iputils pr_icmph(): the whole destination-unreachable table, so an unusual
// code still prints as ping prints it.
std::string ping_icmp_message(uint8_t type, uint8_t code) {
  if (type == sim::icmp::kDestUnreachable) {
    static constexpr const char* kUnreach[] = {
        "Destination Net Unreachable",
        "Destination Host Unreachable",
        "Destination Protocol Unreachable",
        "Destination Port Unreachable",
        "Frag needed and DF set (mtu = 0)",
        "Source Route Failed",
        "Destination Net Unknown",
        "Destination Host Unknown",
        "Source Host Isolated",
        "Destination Net Prohibited",
        "Destination Host Prohibited",
        "Destination Net Unreachable for Type of Service",
        "Destination Host Unreachable for Type of Service",
        "Packet filtered",
        "Precedence Violation",
        "Precedence Cutoff",
    };
    if (code < std::size(kUnreach)) return kUnreach[code];
    return format("Dest Unreachable, Bad Code: %d", int(code));
  }
  if (type == sim::icmp::kTimeExceeded) {
    if (code == 0) return "Time to live exceeded";
    if (code == 1) return "Frag reassembly time exceeded";
    return format("Time exceeded, Bad Code: %d", int(code));
  }
  return format("Bad ICMP type: %d", int(type));
}

PingStats ping_stats(const sim::PingResult& r) {
  PingStats s;
  if (r.transmitted > 0) {
    // iputils: printf("%g", (float)(lost * 100.0 / transmitted)), in the C
    // locale. to_chars/from_chars give exactly that whatever the process locale.
    float loss = float(double(r.transmitted - r.received) * 100.0 / r.transmitted);
    char buf[32];
    auto end =
        std::to_chars(buf, buf + sizeof buf, double(loss), std::chars_format::general, 6).ptr;
    s.loss.assign(buf, end);
    std::from_chars(buf, end, s.loss_percent);
  }
  s.time_ms = (r.elapsed.ns + 500'000) / 1'000'000;
  int64_t total = 0, tsum = 0, tsum2 = 0;
  s.min_us = LLONG_MAX;
  for (const sim::PingEvent& e : r.events) {
    if (!e.is_reply) continue;
    int64_t t = micros(e.rtt);
    ++total;
    tsum += t;
    tsum2 += t * t;
    s.min_us = std::min(s.min_us, t);
    s.max_us = std::max(s.max_us, t);
  }
  if (total == 0) {
    s.min_us = 0;
    return s;
  }
  s.has_rtt = true;
  s.avg_us = tsum / total;
  // iputils' order of operations, integer division included (it avoids
  // rounding errors for small times); the variance is then truncated to µs².
  int64_t var = tsum < INT_MAX ? (tsum2 - (tsum * tsum) / total) / total
                               : tsum2 / total - s.avg_us * s.avg_us;
  s.mdev_us = llsqrt(var);
  return s;
}

std::string ping_text(const sim::PingResult& r, const std::string& target,
                      const sim::PingOptions& o) {
  // iputils checks the route with a connect() before printing anything.
  if (r.local_error) return "ping: connect: " + *r.local_error + "\n";
  const std::string dst = r.dst.str();
  std::string out = format("PING %s (%s) %u(%u) bytes of data.\n", target.c_str(), dst.c_str(),
                           o.payload_bytes, o.payload_bytes + 28);
  for (const sim::PingEvent& e : r.events) {
    const std::string from = e.from.str();
    if (e.is_reply) {
      // The ICMP length (payload + 8-byte header) is what iputils reports.
      out += format("%u bytes from %s: icmp_seq=%u ttl=%d time=%s ms\n", o.payload_bytes + 8,
                    from.c_str(), unsigned(e.seq), int(e.ttl), reply_time(micros(e.rtt)).c_str());
    } else {
      out += format("From %s icmp_seq=%u ", from.c_str(), unsigned(e.seq)) +
             ping_icmp_message(e.icmp_type, e.icmp_code) + "\n";
    }
  }
  const PingStats s = ping_stats(r);
  out += "\n--- " + target + " ping statistics ---\n";
  out += format("%d packets transmitted, %d received", r.transmitted, r.received);
  if (r.errors > 0) out += format(", +%d errors", r.errors);
  if (r.transmitted > 0) {
    out += ", " + s.loss + "% packet loss" + format(", time %lldms", (long long)s.time_ms);
  }
  out += "\n";
  // iputils ends the statistics with a newline whether or not it printed the
  // rtt line, so a run without replies ends in an empty line.
  if (s.has_rtt) {
    out += "rtt min/avg/max/mdev = " + ms3(s.min_us) + "/" + ms3(s.avg_us) + "/" + ms3(s.max_us) +
           "/" + ms3(s.mdev_us) + " ms";
  }
  out += "\n";
  return out;
}

std::string traceroute_text(const sim::TracerouteResult& r, const std::string& target,
                            sim::TracerouteMode mode) {
  const std::string header =
      format("traceroute to %s (%s), %d hops max, %u byte packets", target.c_str(),
             r.dst.str().c_str(), r.max_hops, unsigned(r.packet_bytes));
  if (r.local_error) {
    // traceroute's error() starts with a newline. UDP probes connect() per
    // probe, after the header; -I and -T fail while setting up, before it.
    std::string msg = "\nconnect: " + *r.local_error + "\n";
    return mode == sim::TracerouteMode::Udp ? header + msg : msg;
  }
  // The header has no newline of its own: each hop line starts with one.
  std::string out = header;
  for (const sim::TracerouteHop& hop : r.hops) {
    out += format("\n%2d ", hop.ttl);
    const sim::TracerouteQuery* last_answered = nullptr;
    for (const sim::TracerouteQuery& q : hop.queries) {
      if (!q.answered) {
        out += " *";
        continue;
      }
      // The address is printed for the first answer of the line and whenever it
      // differs from the previous answer (unanswered queries are skipped).
      if (!last_answered || last_answered->from != q.from) {
        out += ' ';
        out += q.from.str();
      }
      last_answered = &q;
      // printf("%.3f", ms) of the real tool: round to the microsecond.
      int64_t us = (q.rtt.ns + 500) / 1000;
      out += "  " + ms3(us) + " ms";
      if (!q.marker.empty()) out += " " + q.marker;
    }
  }
  out += "\n";
  return out;
}

std::string telnet_text(const sim::ConnectResult& r, const std::string& target) {
  std::string out = "Trying " + r.dst.str() + "...\n";
  if (r.verdict == sim::ConnectVerdict::Open && !r.local_error) {
    return out + "Connected to " + target + ".\nEscape character is '^]'.\n";
  }
  return out + "telnet: Unable to connect to remote host: " + socket_error(r) + "\n";
}

std::string ssh_text(const SshSession& s) {
  std::string out;
  const bool jump = !s.via.empty();
  for (size_t i = 0; i < s.legs.size(); ++i) {
    const sim::ConnectResult& r = s.legs[i].result;
    const std::string port = std::to_string(r.dst_port);
    out +=
        "debug1: Connecting to " + s.legs[i].target + " [" + r.dst.str() + "] port " + port + ".\n";
    if (r.verdict == sim::ConnectVerdict::Open && !r.local_error) {
      out += "debug1: Connection established.\n";
      continue;
    }
    if (i == 0) {
      // sshconnect.c: error("ssh: connect to host %s port %s: %s", host, ...).
      out += "ssh: connect to host " + s.legs[i].target + " port " + port + ": " + socket_error(r) +
             "\n";
    } else {
      // The jump host's sshd answers the direct-tcpip channel with
      // SSH2_OPEN_CONNECT_FAILED and strerror(); ssh -W then gives up.
      out += "channel 0: open failed: connect failed: " + socket_error(r) + "\n";
      out += "stdio forwarding failed\n";
    }
    if (jump) {
      // The outer ssh sees its ProxyJump command close before the banner.
      out += "kex_exchange_identification: Connection closed by remote host\n";
      out += "Connection closed by UNKNOWN port 65535\n";
    }
  }
  if (s.legs.empty()) return out;
  const SshLeg& last = s.last();
  const std::string where =
      " (" + last.result.dst.str() + ") port " + std::to_string(last.result.dst_port);
  if (s.connected()) {
    return out + "ssh: connected to " + last.target + where + (jump ? " via " + s.via : "") + "\n";
  }
  const std::string verdict(sim::verdict_name(last.result.verdict));
  if (!jump) {
    out += "ssh: no connection from " + last.from + " to " + last.target + where + ": " + verdict +
           "\n";
  } else {
    out += "ssh: no connection to " + s.to + " via " + s.via + ": " +
           (s.legs.size() == 1 ? "first" : "second") + " leg " + last.from + " -> " + last.target +
           where + ": " + verdict + "\n";
  }
  return out + reason_line(last.result.reason);
}

std::string reason_line(const std::optional<sim::ProbeReason>& reason) {
  if (!reason) return {};
  return "reason: " + std::string(sim::reason_code(reason->reason)) + " (" + reason->sentence() +
         ")\n";
}

}  // namespace vpcsim::cli
