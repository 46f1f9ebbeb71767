#include "sim/probes/http_request.hpp"

#include "sim/aws/load_balancer.hpp"
#include "sim/core/check.hpp"
#include "sim/services/http_server.hpp"

namespace vpcsim::sim {
namespace {

constexpr uint32_t kIsn = 0x1000;

// The load balancer node that gives up first (a waiting connection to a target).
struct Expiry {
  SimTime at;
  IpNode* node = nullptr;
  LoadBalancerNode* lb = nullptr;
};

std::optional<Expiry> next_expiry(Simulation& sim) {
  std::optional<Expiry> first;
  Network& net = sim.network();
  for (size_t d = 0; d < net.device_count(); ++d) {
    auto* node = dynamic_cast<IpNode*>(&net.device(DeviceId{uint32_t(d)}));
    if (!node) continue;
    for (size_t i = 0; i < node->service_count(); ++i) {
      auto* lb = dynamic_cast<LoadBalancerNode*>(&node->service(i));
      if (!lb) continue;
      auto at = lb->next_deadline();
      if (at && (!first || *at < first->at)) first = Expiry{*at, node, lb};
    }
  }
  return first;
}

}  // namespace

std::string_view verdict_name(HttpVerdict v) {
  switch (v) {
    case HttpVerdict::Response:
      return "response";
    case HttpVerdict::Refused:
      return "refused";
    case HttpVerdict::Timeout:
      return "timeout";
    case HttpVerdict::Unreachable:
      return "unreachable";
  }
  return "timeout";
}

HttpResult run_http_request(Simulation& sim, DeviceId from, Ipv4Addr to, uint16_t port,
                            HttpMessage request, const HttpRequestOptions& options) {
  IpNode* node = as_ip_node(sim, from);
  VPCSIM_CHECK(node != nullptr, "HTTP request from a device that is not an IP node");
  ProbeRun run(sim, options.event_budget);
  HttpResult result;
  result.flow = run.flow;
  result.dst = to;
  result.dst_port = port;
  result.src = node->source_for(to).value_or(Ipv4Addr{});
  result.src_port = options.source_port ? *options.source_port : node->next_ephemeral_port();
  result.request = std::move(request);
  const uint32_t request_bytes = uint32_t(http_text(result.request).size());
  bool done = false;
  SimTime sent = sim.now();

  sim.set_app_sink([&](DeviceId dev, const Packet& pkt) {
    if (pkt.flow != run.flow) return;
    const AppPayload* payload = sim.app_payloads().get(pkt.app);
    const HttpMessage* http = payload ? std::get_if<HttpMessage>(payload) : nullptr;
    if (http && !http->response && pkt.is_tcp()) {
      result.served_by = dev;  // an HTTP server took the request
      result.seen_source = pkt.ip.src;
      result.seen_port = pkt.tcp.dst_port;
      return;
    }
    if (dev != from || done) return;
    if (pkt.is_tcp()) {
      if (pkt.tcp.dst_port != result.src_port) return;
      if (pkt.tcp.flags & tcp_flag::kRst) {
        result.verdict = HttpVerdict::Refused;
        result.total_time = sim.now() - sent;
        done = true;
      } else if ((pkt.tcp.flags & tcp_flag::kSyn) && !result.connected) {
        result.connected = true;
        result.connect_time = sim.now() - sent;
        // The handshake's last ACK and the request, back to back, as curl sends them.
        Packet ack =
            tcp_segment(sim.next_packet_id(), run.flow, pkt.ip.dst, result.src_port, pkt.ip.src,
                        pkt.tcp.src_port, tcp_flag::kAck, kIsn + 1, pkt.tcp.seq + 1);
        uint32_t app = sim.app_payloads().put(result.request);
        Packet data = tcp_segment(sim.next_packet_id(), run.flow, pkt.ip.dst, result.src_port,
                                  pkt.ip.src, pkt.tcp.src_port, tcp_flag::kPsh | tcp_flag::kAck,
                                  kIsn + 1, pkt.tcp.seq + 1, app, request_bytes);
        sim.act_as(from, [&](Context& ctx) {
          (void)node->send(ctx, ack);
          (void)node->send(ctx, data);
        });
      } else if (http && http->response) {
        result.verdict = HttpVerdict::Response;
        result.response = *http;
        result.total_time = sim.now() - sent;
        done = true;
      }
    } else if (pkt.is_icmp_error()) {
      bool refused =
          pkt.icmp.type == icmp::kDestUnreachable && pkt.icmp.code == icmp::kPortUnreachable;
      result.verdict = refused ? HttpVerdict::Refused : HttpVerdict::Unreachable;
      result.error_from = pkt.ip.src;
      result.icmp_type = pkt.icmp.type;
      result.icmp_code = pkt.icmp.code;
      result.total_time = sim.now() - sent;
      done = true;
    }
  });

  sim.schedule(sim.now(), [&] {
    sent = sim.now();
    Packet syn = tcp_segment(sim.next_packet_id(), run.flow, result.src, result.src_port, to, port,
                             tcp_flag::kSyn, kIsn, 0);
    std::optional<IpNode::SendError> error;
    sim.act_as(from, [&](Context& ctx) { error = node->send(ctx, syn); });
    if (error) {
      result.local_error = "Network is unreachable";
      done = true;
    }
  });
  const SimTime limit = sim.now() + options.timeout;
  for (;;) {
    run.run_until(limit);
    if (done || run.budget_exhausted) break;
    // Idle: nothing happens until a load balancer gives up on a target.
    std::optional<Expiry> e = next_expiry(sim);
    if (!e || e->at > limit) break;
    sim.schedule(e->at, [&sim, e] {
      sim.act_as(e->node->id(), [&](Context& ctx) { e->lb->expire(ctx, *e->node); });
    });
  }
  if (!done) result.total_time = options.timeout;
  if (run.budget_exhausted) {
    result.reason = budget_reason(sim, options.event_budget);
  } else if (result.local_error) {
    result.verdict = HttpVerdict::Unreachable;
    result.reason = decisive_drop(sim, run.flow);
  } else if (result.verdict != HttpVerdict::Response || result.status() >= 500) {
    result.reason = decisive_drop(sim, run.flow);
  }
  return result;
}

}  // namespace vpcsim::sim
