#include "sim/services/dns_server.hpp"

#include <variant>

#include "sim/core/simulation.hpp"
#include "sim/devices/ip_node.hpp"

namespace vpcsim::sim {

bool DnsServer::deliver(Context& ctx, IpNode& node, uint16_t, const Packet& pkt) {
  if (!pkt.is_udp() || pkt.udp.dst_port != kDnsPort) return false;
  const AppPayload* payload = ctx.app(pkt);
  const DnsMessage* query = payload ? std::get_if<DnsMessage>(payload) : nullptr;
  if (!query || query->response) {
    if (ctx.tracing()) ctx.step(StepKind::Local, label_ + ": not a DNS query, ignored");
    return true;
  }
  DnsLookup result = view_.lookup(query->question, query->qtype);
  if (ctx.tracing()) {
    ctx.step(StepKind::Local,
             label_ + ": query " + dns_type_name(query->qtype) + "? " + query->question, label_);
    for (const std::string& s : result.steps) ctx.step(StepKind::Local, s, label_);
  }
  DnsMessage answer;
  answer.id = query->id;
  answer.response = true;
  answer.recursion_desired = query->recursion_desired;
  answer.recursion_available = true;
  answer.rcode = result.rcode;
  answer.question = query->question;
  answer.qtype = query->qtype;
  answer.answers = std::move(result.answers);
  answer.authority = std::move(result.authority);
  Packet reply;
  reply.id = ctx.new_packet_id();
  reply.flow = pkt.flow;
  reply.ip = Ipv4Header{pkt.ip.dst, pkt.ip.src, 64, IpProto::Udp, 0};
  reply.udp = UdpHeader{pkt.udp.dst_port, pkt.udp.src_port};
  reply.payload_bytes = uint32_t(wire_bytes(answer).size());
  reply.app = ctx.put_app(std::move(answer));
  (void)node.send(ctx, reply);
  return true;
}

}  // namespace vpcsim::sim
