#include "sim/probes/ping.hpp"

#include "sim/core/check.hpp"

namespace vpcsim::sim {

PingResult run_ping(Simulation& sim, DeviceId from, Ipv4Addr to, const PingOptions& options) {
  IpNode* node = as_ip_node(sim, from);
  VPCSIM_CHECK(node != nullptr, "ping from a device that is not an IP node");
  ProbeRun run(sim, options.event_budget);
  PingResult result;
  result.flow = run.flow;
  result.dst = to;
  result.src = node->source_for(to).value_or(Ipv4Addr{});
  const uint16_t ident = uint16_t(0x4000 + (run.flow & 0x3fff));
  std::vector<SimTime> sent_at(size_t(options.count) + 1);

  sim.set_app_sink([&](DeviceId dev, const Packet& pkt) {
    if (dev != from || !pkt.is_icmp()) return;
    PingEvent ev;
    if (pkt.icmp.type == icmp::kEchoReply && pkt.icmp.id == ident) {
      ev.is_reply = true;
      ev.seq = pkt.icmp.seq;
    } else if (pkt.is_icmp_error() && pkt.has_quote && pkt.quote.ip.proto == IpProto::Icmp &&
               pkt.quote.icmp.id == ident) {
      ev.seq = pkt.quote.icmp.seq;
    } else {
      return;
    }
    if (ev.seq == 0 || ev.seq > options.count) return;
    ev.from = pkt.ip.src;
    ev.ttl = pkt.ip.ttl;
    ev.icmp_type = pkt.icmp.type;
    ev.icmp_code = pkt.icmp.code;
    ev.at = sim.now();
    ev.rtt = sim.now() - sent_at[ev.seq];
    (ev.is_reply ? result.received : result.errors)++;
    result.events.push_back(ev);
  });

  // Requests are timed events, so each leaves exactly at its interval mark.
  SimTime start = sim.now();
  for (int i = 0; i < options.count; ++i) {
    uint16_t seq = uint16_t(i + 1);
    sim.schedule(start + options.interval * i, [&, seq] {
      if (result.local_error) return;
      sent_at[seq] = sim.now();
      Packet req;
      req.id = sim.next_packet_id();
      req.flow = run.flow;
      req.ip = Ipv4Header{result.src, to, options.ttl, IpProto::Icmp, seq};
      req.icmp = IcmpHeader{icmp::kEchoRequest, 0, ident, seq};
      req.payload_bytes = options.payload_bytes;
      std::optional<IpNode::SendError> error;
      sim.act_as(from, [&](Context& ctx) { error = node->send(ctx, req); });
      if (error) {
        result.local_error = "Network is unreachable";
        return;
      }
      ++result.transmitted;
      result.elapsed = sim.now() - start;
    });
  }
  run.run_until(start + options.interval * (options.count - 1) + options.wait);
  if (run.budget_exhausted) {
    result.reason = budget_reason(sim, options.event_budget);
  } else if (result.local_error || result.received < result.transmitted) {
    result.reason = decisive_drop(sim, run.flow);
  }
  return result;
}

}  // namespace vpcsim::sim
