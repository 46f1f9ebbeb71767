#include "sim/probes/traceroute.hpp"

#include "sim/core/check.hpp"

namespace vpcsim::sim {
namespace {

std::string unreachable_marker(uint8_t code) {
  switch (code) {
    case icmp::kNetUnreachable:
      return "!N";
    case icmp::kHostUnreachable:
      return "!H";
    case 2:
      return "!P";
    case icmp::kAdminProhibited:
      return "!X";
    default:
      return "!" + std::to_string(code);
  }
}

struct QueryState {
  SimTime sent;
  uint32_t flow = 0;
  TracerouteQuery* out = nullptr;
  bool terminal = false;  // destination answered or !N/!H/!X
};

}  // namespace

TracerouteResult run_traceroute(Simulation& sim, DeviceId from, Ipv4Addr to,
                                const TracerouteOptions& options) {
  IpNode* node = as_ip_node(sim, from);
  VPCSIM_CHECK(node != nullptr, "traceroute from a device that is not an IP node");
  ProbeRun run(sim, options.event_budget);
  TracerouteResult result;
  result.dst = to;
  result.src = node->source_for(to).value_or(Ipv4Addr{});
  result.max_hops = options.max_hops;
  // An explicit source port, or ICMP mode, must not use up an ephemeral port.
  const uint16_t src_port = options.source_port                    ? *options.source_port
                            : options.mode == TracerouteMode::Icmp ? uint16_t(0)
                                                                   : node->next_ephemeral_port();
  const uint16_t base_port =
      options.port.value_or(options.mode == TracerouteMode::Tcp ? 80 : 33434);
  const uint16_t ident = uint16_t(0x4000 + (run.flow & 0x3fff));

  std::vector<QueryState> queries;  // indexed by probe number
  result.hops.reserve(size_t(options.max_hops));

  sim.set_app_sink([&](DeviceId dev, const Packet& pkt) {
    if (dev != from) return;
    for (QueryState& q : queries) {
      if (q.out->answered || pkt.flow != q.flow) continue;
      q.out->answered = true;
      q.out->from = pkt.ip.src;
      q.out->rtt = sim.now() - q.sent;
      if (pkt.is_icmp() && pkt.icmp.type == icmp::kDestUnreachable) {
        bool port_unreachable_from_dst =
            pkt.icmp.code == icmp::kPortUnreachable && pkt.ip.src == to;
        if (!port_unreachable_from_dst) q.out->marker = unreachable_marker(pkt.icmp.code);
        q.terminal = true;
      } else if (!(pkt.is_icmp() && pkt.icmp.type == icmp::kTimeExceeded)) {
        q.terminal = pkt.ip.src == to;  // echo reply, SYN-ACK or RST
      }
      return;
    }
  });

  uint16_t probe_number = 0;
  for (int ttl = options.first_ttl; ttl <= options.max_hops; ++ttl) {
    TracerouteHop& hop = result.hops.emplace_back();
    hop.ttl = ttl;
    hop.queries.resize(size_t(options.queries));
    size_t first = queries.size();
    for (int i = 0; i < options.queries; ++i) {
      uint32_t flow = i == 0 && ttl == options.first_ttl ? run.flow : sim.next_flow_id();
      hop.queries[size_t(i)].flow = flow;
      Packet p;
      p.id = sim.next_packet_id();
      p.flow = flow;
      p.ip = Ipv4Header{result.src, to, uint8_t(ttl), IpProto::Udp, uint16_t(probe_number + 1)};
      switch (options.mode) {
        case TracerouteMode::Udp:
          p.udp = UdpHeader{src_port, uint16_t(base_port + probe_number)};
          p.payload_bytes = 32;
          break;
        case TracerouteMode::Icmp:
          p.ip.proto = IpProto::Icmp;
          p.icmp = IcmpHeader{icmp::kEchoRequest, 0, ident, uint16_t(probe_number + 1)};
          p.payload_bytes = 32;
          break;
        case TracerouteMode::Tcp:
          p.ip.proto = IpProto::Tcp;
          p.tcp = TcpHeader{src_port, base_port, tcp_flag::kSyn, uint32_t(probe_number), 0};
          p.payload_bytes = 20;  // Linux -T sends 40-byte headers with options
          break;
      }
      ++probe_number;
      queries.push_back(QueryState{sim.now(), flow, &hop.queries[size_t(i)], false});
      std::optional<IpNode::SendError> error;
      sim.act_as(from, [&](Context& ctx) { error = node->send(ctx, p); });
      if (error) {
        result.local_error = "Network is unreachable";
        result.hops.clear();
        result.reason = decisive_drop(sim, flow);
        return result;
      }
    }
    run.run_until(sim.now() + options.wait);
    if (run.budget_exhausted) {
      result.reason = budget_reason(sim, options.event_budget);
      return result;
    }
    bool terminal = false;
    for (size_t i = first; i < queries.size(); ++i) terminal = terminal || queries[i].terminal;
    if (terminal) {
      for (const TracerouteQuery& q : hop.queries) {
        if (q.answered && q.from == to && q.marker.empty()) result.reached = true;
      }
      if (!result.reached) {
        for (const TracerouteQuery& q : hop.queries) {
          if (!q.marker.empty()) {
            result.reason = decisive_drop(sim, q.flow);
            break;
          }
        }
      }
      return result;
    }
  }
  // Ran out of hops: the last probe's fate explains why.
  if (!result.hops.empty() && !result.hops.back().queries.empty()) {
    result.reason = decisive_drop(sim, result.hops.back().queries.back().flow);
  }
  return result;
}

}  // namespace vpcsim::sim
