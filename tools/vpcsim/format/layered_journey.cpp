#include "tools/vpcsim/format/layered_journey.hpp"

#include <algorithm>

#include "sim/aws/vpc_router.hpp"
#include "sim/devices/ip_node.hpp"
#include "sim/trace/drop_reason.hpp"
#include "tools/vpcsim/format/journey_text.hpp"

namespace vpcsim::cli {
namespace {

// The layer whose rules a drop enforces.
std::string drop_layer(sim::DropReason r) {
  using R = sim::DropReason;
  switch (r) {
    case R::NotAddressedToUs:
    case R::SamePortReflection:
    case R::ArpTimeout:
      return "L2";
    case R::LinkDown:
    case R::NotConnected:
      return "L1";
    case R::PortClosed:
    case R::UnexpectedTcp:
      return "L4";
    case R::SgIngressDenied:
    case R::SgEgressDenied:
    case R::NaclIngressDenied:
    case R::NaclEgressDenied:
    case R::NatNoMapping:
      return "L3/4";
    default:
      return "L3";
  }
}

std::string proto_name(sim::IpProto p) {
  switch (p) {
    case sim::IpProto::Icmp:
      return "ICMP";
    case sim::IpProto::Tcp:
      return "TCP";
    case sim::IpProto::Udp:
      return "UDP";
  }
  return "?";
}

std::string tcp_flag_words(uint8_t f) {
  std::vector<std::string> names;
  if (f & sim::tcp_flag::kSyn) names.push_back("SYN");
  if (f & sim::tcp_flag::kFin) names.push_back("FIN");
  if (f & sim::tcp_flag::kRst) names.push_back("RST");
  if (f & sim::tcp_flag::kPsh) names.push_back("PSH");
  if (f & sim::tcp_flag::kAck) names.push_back("ACK");
  std::string s;
  for (const std::string& n : names) s += (s.empty() ? "" : ", ") + n;
  return s.empty() ? "none" : s;
}

std::string icmp_words(const sim::IcmpHeader& h) {
  std::string kind;
  switch (h.type) {
    case sim::icmp::kEchoRequest:
      kind = "echo request";
      break;
    case sim::icmp::kEchoReply:
      kind = "echo reply";
      break;
    case sim::icmp::kTimeExceeded:
      kind = "time exceeded";
      break;
    case sim::icmp::kDestUnreachable:
      switch (h.code) {
        case sim::icmp::kNetUnreachable:
          kind = "destination unreachable: net";
          break;
        case sim::icmp::kHostUnreachable:
          kind = "destination unreachable: host";
          break;
        case sim::icmp::kPortUnreachable:
          kind = "destination unreachable: port";
          break;
        case sim::icmp::kAdminProhibited:
          kind = "destination unreachable: prohibited";
          break;
        default:
          kind = "destination unreachable";
          break;
      }
      break;
    default:
      kind = "type " + std::to_string(h.type);
      break;
  }
  return kind + " (type " + std::to_string(h.type) + ", code " + std::to_string(h.code) + ")";
}

std::string mac_words(sim::MacAddr m) { return m.str() + (m.is_broadcast() ? " (broadcast)" : ""); }

std::string quote_words(const sim::QuotedDatagram& q) {
  std::string s = "about " + proto_name(q.ip.proto) + " " + q.ip.src.str();
  if (q.ip.proto != sim::IpProto::Icmp) s += ":" + std::to_string(q.src_port);
  s += " -> " + q.ip.dst.str();
  if (q.ip.proto != sim::IpProto::Icmp) s += ":" + std::to_string(q.dst_port);
  return s + " (TTL " + std::to_string(q.ip.ttl) + " when it arrived)";
}

// The candidates of a route lookup, recomputed from the device's table (route
// tables do not change during a run). The looked-up address is the first word
// of the step's detail ("10.0.0.10 matches ...").
std::vector<std::string> route_candidates(const sim::Device& dev, const sim::Step& step) {
  auto dst = sim::Ipv4Addr::parse(step.detail.substr(0, step.detail.find(' ')));
  if (!dst) return {};
  std::vector<std::string> lines;
  auto add = [&](const std::vector<const sim::RouteEntry*>& matches, auto describe) {
    if (matches.empty()) return;
    lines.push_back("routes matching " + dst->str() +
                    ", longest prefix first (the first one wins):");
    for (size_t i = 0; i < matches.size(); ++i) {
      lines.push_back(std::string(i == 0 ? "  * " : "    ") + describe(*matches[i]) + "   (/" +
                      std::to_string(matches[i]->dst.len) + ")");
    }
  };
  if (const auto* node = dynamic_cast<const sim::IpNode*>(&dev)) {
    std::vector<std::string> names;
    for (const sim::IpInterface& i : node->interfaces()) names.push_back(i.name);
    add(node->routes().matches(*dst), [&](const sim::RouteEntry& e) { return e.str(names); });
  } else if (const auto* router = dynamic_cast<const sim::VpcRouter*>(&dev)) {
    for (const sim::RouteTable& t : router->tables()) {
      if (step.object != "route table " + t.name()) continue;
      add(t.matches(*dst), [&](const sim::RouteEntry& e) {
        return e.dst.str() + " -> " + router->target(e.target).name;
      });
      break;
    }
  }
  return lines;
}

void diff_frames(const sim::Packet& in, const sim::Packet& out, std::vector<std::string>& changes) {
  if (in.eth.src.v == 0 && in.eth.dst.v == 0) {
    changes.push_back("Ethernet header filled in: " + out.eth.src.str() + " -> " +
                      mac_words(out.eth.dst));
  } else {
    if (in.eth.src != out.eth.src)
      changes.push_back("source MAC " + in.eth.src.str() + " -> " + out.eth.src.str());
    if (in.eth.dst != out.eth.dst)
      changes.push_back("destination MAC " + in.eth.dst.str() + " -> " + out.eth.dst.str());
  }
  if (!in.is_ip() || !out.is_ip()) return;
  if (in.ip.ttl != out.ip.ttl)
    changes.push_back("TTL " + std::to_string(in.ip.ttl) + " -> " + std::to_string(out.ip.ttl));
  if (in.ip.src != out.ip.src)
    changes.push_back("source IP " + in.ip.src.str() + " -> " + out.ip.src.str() + " (NAT)");
  if (in.ip.dst != out.ip.dst)
    changes.push_back("destination IP " + in.ip.dst.str() + " -> " + out.ip.dst.str() + " (NAT)");
  if (in.src_port() != out.src_port())
    changes.push_back("source port " + std::to_string(in.src_port()) + " -> " +
                      std::to_string(out.src_port()) + " (NAT)");
  if (in.dst_port() != out.dst_port())
    changes.push_back("destination port " + std::to_string(in.dst_port()) + " -> " +
                      std::to_string(out.dst_port()) + " (NAT)");
  if (in.is_icmp() && out.is_icmp() && !in.has_quote && in.icmp.id != out.icmp.id)
    changes.push_back("ICMP id " + std::to_string(in.icmp.id) + " -> " +
                      std::to_string(out.icmp.id) + " (NAT)");
  if (in.has_quote && out.has_quote &&
      (in.quote.ip.src != out.quote.ip.src || in.quote.ip.dst != out.quote.ip.dst ||
       in.quote.src_port != out.quote.src_port))
    changes.push_back("quoted datagram translated too (NAT)");
}

}  // namespace

std::vector<HeaderLine> header_lines(const sim::Packet& p) {
  std::vector<HeaderLine> out;
  if (p.eth.src.v == 0 && p.eth.dst.v == 0) {
    out.push_back({"L2", "Ethernet", "not addressed yet: the route and ARP choose the MACs"});
  } else {
    out.push_back({"L2", "Ethernet",
                   p.eth.src.str() + " -> " + mac_words(p.eth.dst) + ", type " +
                       (p.is_arp() ? "ARP (0x0806)" : "IPv4 (0x0800)")});
  }
  if (p.is_arp()) {
    if (p.arp.op == sim::ArpOp::Request) {
      out.push_back({"L2", "ARP",
                     "request: who has " + p.arp.target_ip.str() + "? tell " +
                         p.arp.sender_ip.str() + " at " + p.arp.sender_mac.str()});
    } else {
      out.push_back({"L2", "ARP",
                     "reply: " + p.arp.sender_ip.str() + " is at " + p.arp.sender_mac.str() +
                         " (to " + p.arp.target_ip.str() + ")"});
    }
    return out;
  }
  out.push_back({"L3", "IPv4",
                 p.ip.src.str() + " -> " + p.ip.dst.str() + ", TTL " + std::to_string(p.ip.ttl) +
                     ", protocol " + proto_name(p.ip.proto) + " (" +
                     std::to_string(int(p.ip.proto)) + "), id " + std::to_string(p.ip.ident) +
                     ", " + std::to_string(p.wire_bytes() - 14) + " bytes"});
  if (p.is_tcp()) {
    std::string s = "port " + std::to_string(p.tcp.src_port) + " -> " +
                    std::to_string(p.tcp.dst_port) + ", flags [" + tcp_flag_words(p.tcp.flags) +
                    "], seq " + std::to_string(p.tcp.seq);
    if (p.tcp.flags & sim::tcp_flag::kAck) s += ", ack " + std::to_string(p.tcp.ack);
    out.push_back({"L4", "TCP", s});
  } else if (p.is_udp()) {
    out.push_back({"L4", "UDP",
                   "port " + std::to_string(p.udp.src_port) + " -> " +
                       std::to_string(p.udp.dst_port) + ", " + std::to_string(p.payload_bytes) +
                       " data bytes"});
  } else {
    std::string s = icmp_words(p.icmp);
    if (p.has_quote) {
      s += ", " + quote_words(p.quote);
    } else {
      s += ", id " + std::to_string(p.icmp.id) + ", seq " + std::to_string(p.icmp.seq) + ", " +
           std::to_string(p.payload_bytes) + " data bytes";
    }
    // ICMP rides on IP but is IP's own control protocol: shown at L3.
    out.push_back({"L3", "ICMP", s});
  }
  return out;
}

std::string step_layer(const sim::Step& step, const sim::Packet& pkt) {
  switch (step.kind) {
    case sim::StepKind::Originate:
      return pkt.is_arp() ? "L2" : pkt.is_icmp() ? "L3" : "L4";
    case sim::StepKind::Ingress:
    case sim::StepKind::Egress:
      return "L1";
    case sim::StepKind::Arp:
    case sim::StepKind::L2Lookup:
      return "L2";
    case sim::StepKind::Filter:
    case sim::StepKind::Nat:
      return "L3/4";
    case sim::StepKind::Route:
    case sim::StepKind::Ttl:
    case sim::StepKind::Icmp:
      return "L3";
    case sim::StepKind::Local:
      return "L4";
    case sim::StepKind::Drop:
      return step.drop ? drop_layer(*step.drop) : "L3";
  }
  return "L3";
}

std::vector<LayeredEvent> layered_journey(const sim::Simulation& sim) {
  const sim::Network& net = sim.network();
  const auto& hops = sim.journey().hops();
  const auto& sent = sim.journey().transmissions();
  std::vector<LayeredEvent> events;
  const sim::SimTime t0 = hops.empty() ? sim::SimTime{} : hops.front().at;
  for (size_t h = 0; h < hops.size(); ++h) {
    const sim::Hop& hop = hops[h];
    const sim::Device& dev = net.device(hop.device);
    LayeredEvent e;
    e.index = h + 1;
    e.since_start = hop.at - t0;
    e.device = hop.device;
    e.device_name = dev.name();
    e.device_kind = std::string(sim::kind_name(dev.kind()));
    if (hop.in_port >= 0) {
      e.how = "received on " + net.port_label({hop.device, uint16_t(hop.in_port)});
      uint32_t link = dev.ports()[size_t(hop.in_port)].link;
      if (link != sim::kNoLink) e.link = link;
    } else {
      e.how = "created";
    }
    e.frame = header_lines(hop.packet);
    for (const sim::Step& step : hop.steps) {
      if (repeats_header(sim, hop, step)) continue;
      LayerAction a;
      a.layer = step_layer(step, hop.packet);
      a.label = std::string(step_label(step.kind));
      if (step.drop) {
        a.drop = true;
        e.dropped = true;
        a.text = std::string(sim::name(*step.drop)) + " (" +
                 std::string(sim::reason_code(*step.drop)) + "): ";
      }
      a.text += step.detail + decided_by(step);
      if (step.kind == sim::StepKind::Route) a.notes = route_candidates(dev, step);
      e.actions.push_back(std::move(a));
    }
    for (const sim::Transmission& t : sent) {
      if (t.hop != int32_t(h)) continue;
      e.sent_links.push_back(t.link);
      SentFrame f;
      const sim::Link& link = net.links()[t.link];
      f.port = net.port_label(t.dir == 0 ? link.a : link.b);
      diff_frames(hop.packet, t.packet, f.changes);
      if (f.changes.empty()) continue;  // forwarded as received (a switch, a hub)
      f.frame = header_lines(t.packet);
      bool repeated = std::any_of(e.sent.begin(), e.sent.end(),
                                  [&](const SentFrame& s) { return s.changes == f.changes; });
      if (!repeated) e.sent.push_back(std::move(f));
    }
    events.push_back(std::move(e));
  }
  return events;
}

nlohmann::ordered_json layered_json(const std::vector<LayeredEvent>& events) {
  using Json = nlohmann::ordered_json;
  auto frame_json = [](const std::vector<HeaderLine>& lines) {
    Json a = Json::array();
    for (const HeaderLine& l : lines) {
      a.push_back(Json{{"layer", l.layer}, {"protocol", l.protocol}, {"text", l.text}});
    }
    return a;
  };
  Json out = Json::array();
  for (const LayeredEvent& e : events) {
    Json j;
    j["index"] = e.index;
    j["time"] = "+" + e.since_start.ms_str() + " ms";
    j["device"] = e.device_name;
    j["kind"] = e.device_kind;
    j["how"] = e.how;
    j["link"] = e.link ? Json(*e.link) : Json();
    j["frame"] = frame_json(e.frame);
    Json actions = Json::array();
    for (const LayerAction& a : e.actions) {
      actions.push_back(Json{{"layer", a.layer},
                             {"label", a.label},
                             {"text", a.text},
                             {"drop", a.drop},
                             {"notes", a.notes}});
    }
    j["actions"] = std::move(actions);
    Json sent = Json::array();
    for (const SentFrame& f : e.sent) {
      sent.push_back(
          Json{{"port", f.port}, {"frame", frame_json(f.frame)}, {"changes", f.changes}});
    }
    j["sent"] = std::move(sent);
    j["sent_links"] = e.sent_links;
    j["dropped"] = e.dropped;
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace vpcsim::cli
