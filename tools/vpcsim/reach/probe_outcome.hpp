#pragma once
// The vocabulary of reachability matrices (vpcsim reach, vpcsim diff): what one
// probe is (ICMP echo, or a TCP connect to a port) and what came of it, with the
// result words of scenario files (DESIGN.md section 4) and the public reason code.
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sim/trace/drop_reason.hpp"

namespace vpcsim::cli {

enum class ProbeProto : uint8_t { Icmp, Tcp };

// One column of a matrix row: a ping, or a TCP connect to `port` (0 for ICMP).
// Ordered ICMP first, then TCP by port: the order of rows in every output.
struct ProbeKey {
  ProbeProto proto = ProbeProto::Icmp;
  uint16_t port = 0;
  auto operator<=>(const ProbeKey&) const = default;
  [[nodiscard]] static ProbeKey icmp() { return {ProbeProto::Icmp, 0}; }
  [[nodiscard]] static ProbeKey tcp(uint16_t port) { return {ProbeProto::Tcp, port}; }
  // "ping" or "tcp/22", as the text outputs name a column.
  [[nodiscard]] std::string label() const;
  // "icmp" or "tcp", as the JSON outputs name the protocol.
  [[nodiscard]] std::string_view protocol_name() const;
};

// Ping: Reachable | Unreachable. TCP: Open | Refused | Timeout | ConnUnreachable
// (an ICMP error came back, as telnet's "No route to host").
enum class ReachResult : uint8_t {
  Reachable,
  Unreachable,
  Open,
  Refused,
  Timeout,
  ConnUnreachable
};
[[nodiscard]] std::string_view result_name(ReachResult r);
// Whether the probe got through: a ping answered, a connection accepted.
[[nodiscard]] inline bool result_ok(ReachResult r) {
  return r == ReachResult::Reachable || r == ReachResult::Open;
}

// What one probe found. `reason` is set whenever the probe did not get through
// and the engine found the decisive drop; `explanation` (the drop in a sentence)
// only when explanations were asked for.
struct ProbeOutcome {
  ReachResult result = ReachResult::Unreachable;
  std::optional<sim::DropReason> reason;
  std::string explanation;
  // Same verdict: result and precise reason (explanations are not compared: they
  // name addresses, which differ between equivalent endpoints).
  [[nodiscard]] bool same_verdict(const ProbeOutcome& o) const {
    return result == o.result && reason == o.reason;
  }
  // "open", "timeout [security-group]": the cell of a text table.
  [[nodiscard]] std::string verdict_text() const;
  // The public reason code, or empty.
  [[nodiscard]] std::string_view reason_code() const;
};

}  // namespace vpcsim::cli
