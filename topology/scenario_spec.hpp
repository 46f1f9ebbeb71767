#pragma once
// ScenarioSpec: a scenario file (DESIGN.md section 4) as plain structs: probes
// with their expectations and table checks, in document order, each with the
// SourceLoc of its element. Node names are still strings; `validate_scenario`
// checks them against the topology.
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "sim/core/time.hpp"
#include "topology/source_loc.hpp"

namespace vpcsim::topo {

enum class ProbeType : uint8_t { Ping, Traceroute, Telnet, Ssh, Curl, Dig };

// <fail>, <restore> and <wait> (docs/faults.md). Inside a <probe>: a fault at
// `at` after the probe starts, undone when the probe ends. Between probes: a
// step of the scenario whose effect carries over; the clock first moves on by
// `at` (for <wait>, by its duration), then the fault applies.
enum class StepAction : uint8_t { Fail, Restore, Wait };

struct StepSpec {
  SourceLoc loc;
  StepAction action = StepAction::Fail;
  std::string link;  // a link, named by one of its ends ("r1:eth1", or "h1" with one link)
  std::string node;  // or a node (exactly one of the two for fail/restore)
  sim::Duration at;  // inside a probe: from its start; between probes: time to let pass first
};

struct ProbeSpec {
  SourceLoc loc;
  ProbeType type = ProbeType::Ping;
  std::string type_name;  // as written
  std::string from, to, via;
  std::optional<uint16_t> port;
  std::string expect;  // reachable|unreachable (ping, traceroute); open|refused|timeout|unreachable
  // Optional settings (mirror the CLI).
  std::optional<int> ttl, count, max_hops;
  std::optional<std::string> mode;  // traceroute: udp|icmp|tcp
  std::optional<uint16_t> source_port;
  // Optional extra expectations.
  std::optional<std::string> reason;
  std::optional<std::string> error_from;
  std::optional<int> reply_ttl;
  std::optional<std::vector<std::string>> hops;  // traceroute; "*" for a silent hop
  std::optional<std::string> served_by;
  std::optional<std::string> seen_source;
  // curl (docs/load-balancers.md): the URL instead of `to`, -H 'Host: …', -L,
  // and the status expected of the response (expect="response").
  std::string url;
  std::optional<std::string> host;
  bool follow = false;
  std::optional<int> expect_status;
  // dig (docs/dns.md, topology/dns_scenario.hpp): the name, the record type, the
  // server asked (empty: the source's resolver) and the records expected.
  std::string dns_name;
  uint16_t record_type = 1;  // A
  std::string dns_server;
  std::optional<std::vector<std::string>> answer;
  std::vector<StepSpec> faults;        // <fail>/<restore> children: during this probe only
  std::vector<StepSpec> steps_before;  // scenario steps written before this probe
};

enum class TableKind : uint8_t { Mac, Arp };

struct TableCheckSpec {
  SourceLoc loc;
  std::string node;
  // Empty only in a spec with errors, when kind= was not mac or arp.
  std::optional<TableKind> kind = TableKind::Mac;
  std::vector<std::string> has, lacks;
  std::vector<StepSpec> steps_before;  // scenario steps written before this check
};

using ScenarioItem = std::variant<ProbeSpec, TableCheckSpec>;

struct ScenarioSpec {
  SourceLoc loc;
  std::string file;  // the scenario file as given
  std::string name;
  std::string topology;       // as written
  std::string topology_path;  // resolved relative to the scenario file
  SourceLoc topology_loc;
  std::vector<ScenarioItem> items;
};

}  // namespace vpcsim::topo
