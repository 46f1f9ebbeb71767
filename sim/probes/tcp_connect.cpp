#include "sim/probes/tcp_connect.hpp"

#include "sim/core/check.hpp"

namespace vpcsim::sim {

std::string_view verdict_name(ConnectVerdict v) {
  switch (v) {
    case ConnectVerdict::Open:
      return "open";
    case ConnectVerdict::Refused:
      return "refused";
    case ConnectVerdict::Timeout:
      return "timeout";
    case ConnectVerdict::Unreachable:
      return "unreachable";
  }
  return "timeout";
}

ConnectResult run_tcp_connect(Simulation& sim, DeviceId from, Ipv4Addr to, uint16_t port,
                              const ConnectOptions& options) {
  IpNode* node = as_ip_node(sim, from);
  VPCSIM_CHECK(node != nullptr, "connect from a device that is not an IP node");
  ProbeRun run(sim, options.event_budget);
  ConnectResult result;
  result.flow = run.flow;
  result.dst = to;
  result.dst_port = port;
  result.src = node->source_for(to).value_or(Ipv4Addr{});
  // Not value_or: its argument is evaluated eagerly and would use up an ephemeral port.
  result.src_port = options.source_port ? *options.source_port : node->next_ephemeral_port();
  bool answered = false;
  SimTime sent = sim.now();
  constexpr uint32_t kIsn = 0x1000;

  sim.set_app_sink([&](DeviceId dev, const Packet& pkt) {
    if (pkt.flow != run.flow) return;
    if (pkt.is_tcp() && (pkt.tcp.flags & tcp_flag::kSyn) && !(pkt.tcp.flags & tcp_flag::kAck)) {
      result.served_by = dev;  // a listener accepted our SYN
      result.seen_source = pkt.ip.src;
      result.seen_port = pkt.tcp.dst_port;
      return;
    }
    if (dev != from || answered) return;
    answered = true;
    result.rtt = sim.now() - sent;
    if (pkt.is_tcp() && (pkt.tcp.flags & tcp_flag::kRst)) {
      result.verdict = ConnectVerdict::Refused;
    } else if (pkt.is_tcp() && (pkt.tcp.flags & tcp_flag::kSyn)) {
      result.verdict = ConnectVerdict::Open;
      Packet ack;
      ack.id = sim.next_packet_id();
      ack.flow = run.flow;
      ack.ip = Ipv4Header{pkt.ip.dst, pkt.ip.src, options.ttl, IpProto::Tcp, 2};
      ack.tcp =
          TcpHeader{pkt.tcp.dst_port, pkt.tcp.src_port, tcp_flag::kAck, kIsn + 1, pkt.tcp.seq + 1};
      sim.act_as(from, [&](Context& ctx) { (void)node->send(ctx, ack); });
    } else if (pkt.is_icmp_error()) {
      // Linux reports a port unreachable on a TCP socket as ECONNREFUSED.
      bool refused =
          pkt.icmp.type == icmp::kDestUnreachable && pkt.icmp.code == icmp::kPortUnreachable;
      result.verdict = refused ? ConnectVerdict::Refused : ConnectVerdict::Unreachable;
      result.error_from = pkt.ip.src;
      result.icmp_type = pkt.icmp.type;
      result.icmp_code = pkt.icmp.code;
    } else {
      answered = false;  // not an answer to our SYN
    }
  });

  sim.schedule(sim.now(), [&] {
    sent = sim.now();
    Packet syn;
    syn.id = sim.next_packet_id();
    syn.flow = run.flow;
    syn.ip = Ipv4Header{result.src, to, options.ttl, IpProto::Tcp, 1};
    syn.tcp = TcpHeader{result.src_port, port, tcp_flag::kSyn, kIsn, 0};
    std::optional<IpNode::SendError> error;
    sim.act_as(from, [&](Context& ctx) { error = node->send(ctx, syn); });
    if (error) result.local_error = "Network is unreachable";
  });
  run.run_until(sim.now() + options.timeout);
  if (run.budget_exhausted) {
    result.reason = budget_reason(sim, options.event_budget);
  } else if (result.local_error) {
    result.verdict = ConnectVerdict::Unreachable;
    result.reason = decisive_drop(sim, run.flow);
  } else if (result.verdict != ConnectVerdict::Open) {
    result.reason = decisive_drop(sim, run.flow);
  }
  return result;
}

}  // namespace vpcsim::sim
