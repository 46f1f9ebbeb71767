#include "tools/vpcsim/format/journey_text.hpp"

#include <algorithm>
#include <vector>

#include "sim/devices/ip_node.hpp"
#include "sim/devices/l2_switch.hpp"
#include "sim/trace/drop_reason.hpp"
#include "sim/trace/trace.hpp"
#include "tools/vpcsim/format/dhcp_text.hpp"

namespace vpcsim::cli {
namespace {

using Json = nlohmann::ordered_json;

// Step kinds in JSON: the same words as the text, in lower case and unabridged.
std::string_view step_kind_json(sim::StepKind k) {
  switch (k) {
    case sim::StepKind::Originate:
      return "originate";
    case sim::StepKind::Ingress:
      return "ingress";
    case sim::StepKind::Egress:
      return "egress";
    case sim::StepKind::Drop:
      return "drop";
    default:
      return step_label(k);
  }
}

// "+0.100": milliseconds since the first hop, with microsecond precision.
std::string relative_ms(sim::Duration d) {
  std::string s(d.ns < 0 ? "-" : "+");
  s += sim::Duration{d.ns < 0 ? -d.ns : d.ns}.ms_str();
  return s;
}

std::string pad_left(std::string s, size_t width) {
  if (s.size() < width) s.insert(0, width - s.size(), ' ');
  return s;
}

std::string pad_right(std::string s, size_t width) {
  if (s.size() < width) s.append(width - s.size(), ' ');
  return s;
}

std::string port_name(const sim::Device& dev, int32_t port) {
  if (port < 0 || size_t(port) >= dev.ports().size()) return "port" + std::to_string(port);
  return dev.ports()[size_t(port)].name;
}

// The devices of the journey that keep a table shown afterwards: switches (MAC
// tables) first, then IP nodes (ARP caches), each in order of first appearance,
// the order in which the reader met them.
std::vector<sim::DeviceId> devices_with_tables(const sim::Simulation& sim) {
  std::vector<sim::DeviceId> switches, nodes;
  auto add_once = [](std::vector<sim::DeviceId>& list, sim::DeviceId id) {
    if (std::find(list.begin(), list.end(), id) == list.end()) list.push_back(id);
  };
  for (const sim::Hop& hop : sim.journey().hops()) {
    const sim::Device& dev = sim.network().device(hop.device);
    if (dynamic_cast<const sim::L2Switch*>(&dev)) {
      add_once(switches, hop.device);
    } else if (dynamic_cast<const sim::IpNode*>(&dev)) {
      add_once(nodes, hop.device);
    }
  }
  switches.insert(switches.end(), nodes.begin(), nodes.end());
  return switches;
}

std::string tcp_flags(uint8_t f) {
  // tcpdump's notation, as Packet::summary() uses: S F R P and '.' for ACK.
  std::string s;
  if (f & sim::tcp_flag::kSyn) s += 'S';
  if (f & sim::tcp_flag::kFin) s += 'F';
  if (f & sim::tcp_flag::kRst) s += 'R';
  if (f & sim::tcp_flag::kPsh) s += 'P';
  if (f & sim::tcp_flag::kAck) s += '.';
  return s;
}

std::string_view proto_name(sim::IpProto p) {
  switch (p) {
    case sim::IpProto::Icmp:
      return "icmp";
    case sim::IpProto::Tcp:
      return "tcp";
    case sim::IpProto::Udp:
      return "udp";
  }
  return "unknown";
}

Json packet_json(const sim::Packet& p) {
  Json j = Json::object();
  j["id"] = p.id;
  j["flow"] = p.flow;
  j["summary"] = p.summary();
  j["wire_bytes"] = p.wire_bytes();
  Json eth = Json::object();
  eth["src"] = p.eth.src.str();
  eth["dst"] = p.eth.dst.str();
  eth["type"] = p.is_arp() ? "arp" : "ipv4";
  j["eth"] = std::move(eth);
  if (p.is_arp()) {
    Json arp = Json::object();
    arp["op"] = p.arp.op == sim::ArpOp::Request ? "request" : "reply";
    arp["sender_mac"] = p.arp.sender_mac.str();
    arp["sender_ip"] = p.arp.sender_ip.str();
    arp["target_mac"] = p.arp.target_mac.str();
    arp["target_ip"] = p.arp.target_ip.str();
    j["arp"] = std::move(arp);
    j["ip"] = nullptr;
    j["l4"] = nullptr;
  } else {
    j["arp"] = nullptr;
    Json ip = Json::object();
    ip["src"] = p.ip.src.str();
    ip["dst"] = p.ip.dst.str();
    ip["ttl"] = p.ip.ttl;
    ip["proto"] = std::string(proto_name(p.ip.proto));
    ip["ident"] = p.ip.ident;
    j["ip"] = std::move(ip);
    Json l4 = Json::object();
    l4["protocol"] = std::string(proto_name(p.ip.proto));
    if (p.is_tcp()) {
      l4["src_port"] = p.tcp.src_port;
      l4["dst_port"] = p.tcp.dst_port;
      l4["flags"] = tcp_flags(p.tcp.flags);
      l4["seq"] = p.tcp.seq;
      l4["ack"] = p.tcp.ack;
    } else if (p.is_udp()) {
      l4["src_port"] = p.udp.src_port;
      l4["dst_port"] = p.udp.dst_port;
    } else {
      l4["type"] = p.icmp.type;
      l4["code"] = p.icmp.code;
      l4["id"] = p.icmp.id;
      l4["seq"] = p.icmp.seq;
    }
    j["l4"] = std::move(l4);
  }
  j["payload_bytes"] = p.payload_bytes;
  return j;
}

Json string_or_null(const std::string& s) { return s.empty() ? Json() : Json(s); }

}  // namespace

std::string_view step_label(sim::StepKind k) {
  switch (k) {
    case sim::StepKind::Originate:
      return "new";
    case sim::StepKind::Ingress:
      return "in";
    case sim::StepKind::Arp:
      return "arp";
    case sim::StepKind::L2Lookup:
      return "l2";
    case sim::StepKind::Filter:
      return "filter";
    case sim::StepKind::Nat:
      return "nat";
    case sim::StepKind::Route:
      return "route";
    case sim::StepKind::Ttl:
      return "ttl";
    case sim::StepKind::Local:
      return "local";
    case sim::StepKind::Icmp:
      return "icmp";
    case sim::StepKind::Egress:
      return "out";
    case sim::StepKind::Drop:
      return "DROP";
  }
  return "?";
}

// Whether the step only says what the hop header already says.
bool repeats_header(const sim::Simulation& sim, const sim::Hop& hop, const sim::Step& step) {
  if (step.drop || !step.object.empty() || !step.rule.empty()) return false;
  const sim::Device& dev = sim.network().device(hop.device);
  if (step.kind == sim::StepKind::Ingress && hop.in_port >= 0) {
    return step.detail ==
           "received on " + sim.network().port_label({hop.device, uint16_t(hop.in_port)});
  }
  if (step.kind == sim::StepKind::Originate) {
    return step.detail == "created by " + dev.name() + ": " + hop.packet.summary();
  }
  return false;
}

// " [object: rule]", " [object]", " [rule]" or "".
std::string decided_by(const sim::Step& step) {
  if (step.object.empty() && step.rule.empty()) return {};
  if (step.object.empty()) return " [" + step.rule + "]";
  if (step.rule.empty()) return " [" + step.object + "]";
  return " [" + step.object + ": " + step.rule + "]";
}

std::string explain_text(const sim::Simulation& sim) {
  const auto& hops = sim.journey().hops();
  const sim::Network& net = sim.network();
  std::string out;
  if (hops.empty()) {
    out += "Journey: no packet was recorded.\n";
  } else {
    out += "Journey (" + std::to_string(hops.size()) + " hops, times relative to the first):\n";
  }
  // Faults (links or devices failing, coming back) between the hops, in time order.
  const auto& events = sim.journey().network_events();
  sim::SimTime t0 = hops.empty() ? sim::SimTime{} : hops.front().at;
  if (!events.empty() && (hops.empty() || events.front().at < t0)) t0 = events.front().at;
  size_t next_event = 0;
  auto events_until = [&](sim::SimTime until, bool all) {
    for (; next_event < events.size() && (all || events[next_event].at <= until); ++next_event) {
      out += "[" + pad_left(relative_ms(events[next_event].at - t0), 8) + " ms] *** " +
             events[next_event].text + "\n";
    }
  };
  for (const sim::Hop& hop : hops) {
    events_until(hop.at, false);
    const sim::Device& dev = net.device(hop.device);
    out += '[';
    out += pad_left(relative_ms(hop.at - t0), 8);
    out += " ms] " + dev.name();
    if (hop.in_port < 0) {
      out += " created: ";
    } else {
      out += " <- received on " + net.port_label({hop.device, uint16_t(hop.in_port)}) + ": ";
    }
    out += hop.packet.summary() + "\n";
    for (const sim::Step& step : hop.steps) {
      if (repeats_header(sim, hop, step)) continue;
      out += "    " + pad_right(std::string(step_label(step.kind)), 6) + " ";
      if (step.drop) {
        out += std::string(sim::name(*step.drop)) + " (" +
               std::string(sim::reason_code(*step.drop)) + "): ";
      }
      out += step.detail + decided_by(step) + "\n";
    }
  }
  events_until({}, true);
  if (sim.journey().truncated()) {
    out += "... (recording stopped after " + std::to_string(hops.size()) +
           " hops; the run went on unrecorded)\n";
  }

  const std::vector<sim::DeviceId> table_devices = devices_with_tables(sim);
  if (table_devices.empty()) return out;
  out += "\nTables after the probe:\n";
  for (sim::DeviceId id : table_devices) {
    const sim::Device& dev = net.device(id);
    std::vector<std::string> lines;
    if (const auto* sw = dynamic_cast<const sim::L2Switch*>(&dev)) {
      out += dev.name() + " MAC table (bridge fdb):\n";
      for (const sim::MacTable::Entry& e : sw->mac_table().entries(sim.now())) {
        lines.push_back(e.mac.str() + " dev " + port_name(dev, e.port) + " master " + dev.name() +
                        (e.is_static ? " permanent" : ""));
      }
    } else if (const auto* node = dynamic_cast<const sim::IpNode*>(&dev)) {
      out += dev.name() + " ARP cache (ip neigh):\n";
      for (const sim::ArpCache::Entry& e : node->arp().entries(sim.now())) {
        lines.push_back(e.ip.str() + " dev " + port_name(dev, e.iface) + " lladdr " + e.mac.str() +
                        " REACHABLE");
      }
    }
    if (lines.empty()) lines.push_back("(empty)");
    for (const std::string& l : lines) out += "  " + l + "\n";
  }
  return out;
}

Json journey_json(const sim::Simulation& sim) {
  const sim::Network& net = sim.network();
  Json hops = Json::array();
  for (const sim::Hop& hop : sim.journey().hops()) {
    const sim::Device& dev = net.device(hop.device);
    Json h = Json::object();
    h["time_ns"] = hop.at.ns;
    h["device"] = dev.name();
    h["kind"] = std::string(sim::kind_name(dev.kind()));
    h["in_port"] = hop.in_port < 0 ? Json() : Json(port_name(dev, hop.in_port));
    h["packet"] = packet_json(hop.packet);
    if (auto dhcp = dhcp_json(sim, hop.packet)) h["dhcp"] = std::move(*dhcp);  // docs/dhcp.md
    Json steps = Json::array();
    for (const sim::Step& step : hop.steps) {
      Json s = Json::object();
      s["kind"] = std::string(step_kind_json(step.kind));
      s["detail"] = step.detail;
      s["object"] = string_or_null(step.object);
      s["rule"] = string_or_null(step.rule);
      s["drop"] = step.drop ? Json(std::string(sim::name(*step.drop))) : Json();
      s["reason"] = step.drop ? Json(std::string(sim::reason_code(*step.drop))) : Json();
      steps.push_back(std::move(s));
    }
    h["steps"] = std::move(steps);
    hops.push_back(std::move(h));
  }

  Json tables = Json::array();
  for (sim::DeviceId id : devices_with_tables(sim)) {
    const sim::Device& dev = net.device(id);
    Json t = Json::object();
    t["device"] = dev.name();
    Json entries = Json::array();
    if (const auto* sw = dynamic_cast<const sim::L2Switch*>(&dev)) {
      t["kind"] = "mac";
      for (const sim::MacTable::Entry& e : sw->mac_table().entries(sim.now())) {
        Json row = Json::object();
        row["mac"] = e.mac.str();
        row["port"] = port_name(dev, e.port);
        row["static"] = e.is_static;
        entries.push_back(std::move(row));
      }
    } else if (const auto* node = dynamic_cast<const sim::IpNode*>(&dev)) {
      t["kind"] = "arp";
      for (const sim::ArpCache::Entry& e : node->arp().entries(sim.now())) {
        Json row = Json::object();
        row["ip"] = e.ip.str();
        row["dev"] = port_name(dev, e.iface);
        row["lladdr"] = e.mac.str();
        row["state"] = "REACHABLE";
        entries.push_back(std::move(row));
      }
    }
    t["entries"] = std::move(entries);
    tables.push_back(std::move(t));
  }

  Json j = Json::object();
  j["hops"] = std::move(hops);
  j["tables"] = std::move(tables);
  // Only when something failed or came back, so journeys without faults keep their shape.
  if (!sim.journey().network_events().empty()) {
    Json faults = Json::array();
    for (const sim::NetworkEvent& e : sim.journey().network_events()) {
      Json f = Json::object();
      f["time_ns"] = e.at.ns;
      f["event"] = e.text;
      faults.push_back(std::move(f));
    }
    j["faults"] = std::move(faults);
  }
  return j;
}

}  // namespace vpcsim::cli
