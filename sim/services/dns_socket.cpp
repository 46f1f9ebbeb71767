#include "sim/services/dns_socket.hpp"

#include <memory>

#include "sim/core/simulation.hpp"
#include "sim/devices/ip_node.hpp"

namespace vpcsim::sim {

bool DnsSocket::deliver(Context& ctx, IpNode&, uint16_t, const Packet& pkt) {
  if (!pkt.is_udp() || !open_.count(pkt.udp.dst_port)) return false;
  if (ctx.tracing()) {
    ctx.step(StepKind::Local,
             "delivered to the resolver's socket on udp/" + std::to_string(pkt.udp.dst_port));
  }
  ctx.deliver_to_app(pkt);
  return true;
}

DnsSocket& DnsSocket::of(IpNode& node) {
  // A node's services never go away, so the pointer found stays valid.
  for (size_t i = 0; i < node.service_count(); ++i) {
    if (auto* s = dynamic_cast<const DnsSocket*>(&node.service(i))) {
      return const_cast<DnsSocket&>(*s);
    }
  }
  auto socket = std::make_unique<DnsSocket>();
  DnsSocket& ref = *socket;
  node.add_service(std::move(socket));
  return ref;
}

}  // namespace vpcsim::sim
