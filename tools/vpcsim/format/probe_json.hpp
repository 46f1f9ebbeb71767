#pragma once
// JSON output of the probes (`--json`): one object per probe, keys in a fixed
// order (ordered_json), numbers as numbers, times in milliseconds with
// microsecond precision (µs / 1000.0), addresses as dotted-quad strings, and
// null where a value does not exist (e.g. `src` when no route gave one).
//
// Keys every probe object has, in this order:
//   "probe"   "ping" | "traceroute" | "telnet"
//   "from"    the source node's name;  "to": the target as the user gave it
//   "src", "dst"   source and destination addresses
//   "result"  ping/traceroute: "reachable" | "unreachable";
//             telnet: "open" | "refused" | "timeout" | "unreachable"
//   "reason"  reason_json(): null, or {"code", "drop", "device", "detail", "object", "rule"}
//   "local_error"  null, or the error of a probe that could not send ("Network is unreachable")
// ping adds:
//   "transmitted", "received", "errors" (ICMP errors received),
//   "packet_loss_percent" (as ping prints it, e.g. 33.3333; null when nothing was sent),
//   "time_ms" (elapsed, integer, as ping prints it),
//   "replies":     [{"seq", "from", "ttl", "time_ms"}]            echo replies, arrival order
//   "icmp_errors": [{"seq", "from", "type", "code", "message", "time_ms"}]  arrival order
//   "rtt": null or {"min_ms", "avg_ms", "max_ms", "mdev_ms"} (computed as iputils does)
// traceroute adds:
//   "max_hops", "packet_bytes", "reached",
//   "hops": [{"ttl", "probes": [{"address", "time_ms", "marker"}]}]
//           (address/time_ms null for an unanswered probe, marker null unless !N/!H/...)
// telnet adds:
//   "src_port", "dst_port", "time_ms" (until the answer; null on timeout),
//   "error_from" (source of an ICMP error, or null), "icmp": null or {"type", "code"},
//   "served_by" (name of the node whose listener accepted, null if none or unknown),
//   "served_by_id" (its device id, or null), "seen_source", "seen_port" (as that
//   listener saw the connection, after NAT / port forwarding; null if not served).
// ssh is different: it made one or two connections, each a telnet object (above):
//   {"probe": "ssh", "from", "to", "via" (the jump host as typed, null when direct),
//    "result" (the verdict of the last leg attempted: open|refused|timeout|unreachable),
//    "legs": [connect_json() of each leg: from -> via:22, then via -> to:port; or from -> to],
//    "reason" (reason_json() of the last leg attempted)}
//   (`vpcsim ssh --json --explain` adds each leg's "journey" to that leg's object.)
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "sim/fabric/network.hpp"
#include "sim/probes/ping.hpp"
#include "sim/probes/probe_common.hpp"
#include "sim/probes/tcp_connect.hpp"
#include "sim/probes/traceroute.hpp"
#include "tools/vpcsim/format/probe_text.hpp"

namespace vpcsim::cli {

// Probe results as JSON; the layout is described above.
[[nodiscard]] nlohmann::ordered_json ping_json(const sim::PingResult& r,
                                               const std::string& from_name,
                                               const std::string& target);
[[nodiscard]] nlohmann::ordered_json traceroute_json(const sim::TracerouteResult& r,
                                                     const std::string& from_name,
                                                     const std::string& target);
// `network` (optional) names the node in `served_by`; without it only the id is given.
[[nodiscard]] nlohmann::ordered_json connect_json(const sim::ConnectResult& r,
                                                  const std::string& from_name,
                                                  const std::string& target,
                                                  const sim::Network* network = nullptr);

// `network` (optional) names the listeners, as for connect_json().
[[nodiscard]] nlohmann::ordered_json ssh_json(const SshSession& s,
                                              const sim::Network* network = nullptr);

// The reason a probe failed: {"code": public reason code (DESIGN.md section 4),
// "drop": precise drop name, "device", "detail", "object", "rule"} (object and
// rule null when empty), or null when there is none.
[[nodiscard]] nlohmann::ordered_json reason_json(const std::optional<sim::ProbeReason>& reason);

}  // namespace vpcsim::cli
