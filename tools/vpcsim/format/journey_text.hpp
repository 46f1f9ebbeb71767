#pragma once
// `--explain`: the journey of the last probe (every packet it caused: ARP,
// requests, replies, ICMP errors) hop by hop, in the order the devices handled
// them, then the tables those devices hold afterwards. Read-only: it looks at
// the Simulation's recorded journey and tables and changes nothing.
#include <string>

#include <nlohmann/json.hpp>

#include "sim/core/simulation.hpp"

namespace vpcsim::cli {

// Text, one block per hop:
//   [  +0.100 ms] sw1 <- received on sw1:p1: ARP who-has 10.0.0.2 tell 10.0.0.1
//       l2     learned 02:.. on p1 [MAC table of sw1]
//       out    sent out of sw1:p2 to h2:eth0
// (time relative to the first hop; "created" instead of "<- received on ..."
// for a packet the device made itself), one indented line per step with a
// short label and, where a table decided, "[object: rule]"; a drop reads
// "DROP <name> (<reason code>): detail". Then "Tables after the probe": the MAC
// table (`bridge fdb` style) of every switch and the ARP cache (`ip neigh`
// style) of every IP node that appears in the journey, in order of appearance.
[[nodiscard]] std::string explain_text(const sim::Simulation& sim);

// Shared with the layered view (--explain=layers), so both omit and annotate alike:
// whether a step only says what its hop's header line already says, and the
// " [object: rule]" / " [object]" / " [rule]" / "" suffix naming what decided a step.
// Short label of a step kind ("in", "route", "DROP"...), shared by the text and
// layered journeys so both name steps alike.
[[nodiscard]] std::string_view step_label(sim::StepKind k);

[[nodiscard]] bool repeats_header(const sim::Simulation& sim, const sim::Hop& hop,
                                  const sim::Step& step);
[[nodiscard]] std::string decided_by(const sim::Step& step);

// The same content as JSON:
//   {"hops": [{"time_ns", "device", "kind" (device kind: host, router, switch, ...),
//              "in_port" (port name, null when the device created the packet),
//              "packet": {"id", "flow", "summary", "wire_bytes",
//                         "eth": {"src", "dst", "type": "ipv4"|"arp"},
//                         "arp": null | {"op": "request"|"reply", "sender_mac", "sender_ip",
//                                        "target_mac", "target_ip"},
//                         "ip": null | {"src", "dst", "ttl", "proto": "icmp"|"tcp"|"udp", "ident"},
//                         "l4": null | {"protocol": "icmp", "type", "code", "id", "seq"}
//                                    | {"protocol": "tcp", "src_port", "dst_port", "flags", "seq",
//                                    "ack"} | {"protocol": "udp", "src_port", "dst_port"},
//                         "payload_bytes"},
//              "steps": [{"kind", "detail", "object", "rule", "drop", "reason"}]}],
//    "tables": [{"device", "kind": "mac", "entries": [{"mac", "port", "static"}]}
//             | {"device", "kind": "arp", "entries": [{"ip", "dev", "lladdr", "state"}]}]}
// Step kinds: originate, ingress, arp, l2, filter, nat, route, ttl, local, icmp,
// egress, drop; object/rule are null when empty; drop is the drop name and
// reason its public reason code (both null unless the step is a drop).
[[nodiscard]] nlohmann::ordered_json journey_json(const sim::Simulation& sim);

}  // namespace vpcsim::cli
