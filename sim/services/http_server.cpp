#include "sim/services/http_server.hpp"

#include "sim/core/simulation.hpp"
#include "sim/devices/ip_node.hpp"

namespace vpcsim::sim {

Packet tcp_segment(uint64_t id, uint32_t flow, Ipv4Addr src, uint16_t sport, Ipv4Addr dst,
                   uint16_t dport, uint8_t flags, uint32_t seq, uint32_t ack, uint32_t app,
                   uint32_t bytes) {
  Packet p;
  p.id = id;
  p.flow = flow;
  p.ip = Ipv4Header{src, dst, 64, IpProto::Tcp, 0};
  p.tcp = TcpHeader{sport, dport, flags, seq, ack};
  p.app = app;
  p.payload_bytes = bytes;
  return p;
}

bool HttpServer::deliver(Context& ctx, IpNode& node, uint16_t /*in_port*/, const Packet& pkt) {
  if (!pkt.is_tcp() || pkt.app == 0) return false;
  const AppPayload* payload = ctx.app(pkt);
  const HttpMessage* request = payload ? std::get_if<HttpMessage>(payload) : nullptr;
  if (!request || request->response || !node.listens(IpProto::Tcp, pkt.tcp.dst_port)) {
    return false;
  }
  const std::string where = pkt.ip.dst.str() + ":" + std::to_string(pkt.tcp.dst_port);
  HttpMessage response =
      http_response(200, "vpcsim-httpd", "served by " + node.name() + " (" + where + ")\n");
  response.headers.insert(response.headers.begin() + 1, {"X-Served-By", node.name()});
  if (ctx.tracing()) {
    ctx.step(StepKind::Local,
             "HTTP request " + request->start_line() + " (Host: " + request->host +
                 ") to the tcp/" + std::to_string(pkt.tcp.dst_port) + " listener: answer " +
                 response.start_line(),
             "HTTP server on " + node.name());
  }
  ctx.deliver_to_app(pkt);  // the probe learns who served it and the source it saw
  uint32_t bytes = uint32_t(http_text(response).size());
  Packet answer =
      tcp_segment(ctx.new_packet_id(), pkt.flow, pkt.ip.dst, pkt.tcp.dst_port, pkt.ip.src,
                  pkt.tcp.src_port, tcp_flag::kPsh | tcp_flag::kAck, pkt.tcp.ack,
                  pkt.tcp.seq + pkt.payload_bytes, ctx.put_app(std::move(response)), bytes);
  (void)node.send(ctx, answer);
  return true;
}

}  // namespace vpcsim::sim
