#include "sim/services/dhcp_server.hpp"

#include <variant>

#include "sim/core/simulation.hpp"
#include "sim/devices/ip_node.hpp"

namespace vpcsim::sim {
namespace {

Ipv4Addr mask_of(uint8_t len) { return Ipv4Addr{len == 0 ? 0u : ~uint32_t(0) << (32 - len)}; }

}  // namespace

std::optional<Ipv4Addr> DhcpServer::pick(MacAddr client) const {
  if (auto it = leases_.find(client); it != leases_.end()) return it->second;
  if (auto it = offers_.find(client); it != offers_.end()) return it->second;
  for (uint64_t a = pool_.first.v; a <= pool_.last.v; ++a) {
    Ipv4Addr ip{uint32_t(a)};
    bool taken = false;
    for (const auto& [mac, held] : leases_) taken |= held == ip;
    for (const auto& [mac, held] : offers_) taken |= held == ip;
    if (!taken) return ip;
  }
  return std::nullopt;
}

void DhcpServer::answer(Context& ctx, IpNode& node, const Packet& request, DhcpMessage reply,
                        const std::string& why) {
  const IpInterface& iface = node.interfaces()[pool_.iface];
  reply.server_id = iface.addr.ip;
  if (reply.type != dhcp::kNak) {
    reply.lease_seconds = pool_.lease_seconds;
    reply.subnet_mask = mask_of(iface.addr.len);
    reply.router = pool_.router;
    reply.dns = pool_.dns;
  }
  Packet p;
  p.id = ctx.new_packet_id();
  p.flow = request.flow;
  p.ip = Ipv4Header{iface.addr.ip, Ipv4Addr{0xffffffffu}, 64, IpProto::Udp, 0};
  p.udp = UdpHeader{dhcp::kServerPort, dhcp::kClientPort};
  p.app = ctx.put_app(reply);
  p.payload_bytes = uint32_t(wire_bytes(reply).size());
  node.send_raw(ctx, pool_.iface, p, summary(reply) + " (" + why + ")");
}

bool DhcpServer::deliver(Context& ctx, IpNode& node, uint16_t in_port, const Packet& pkt) {
  if (!pkt.is_udp() || pkt.udp.dst_port != dhcp::kServerPort || in_port != pool_.iface) {
    return false;
  }
  const AppPayload* payload = ctx.app(pkt);
  const DhcpMessage* m = payload ? std::get_if<DhcpMessage>(payload) : nullptr;
  if (!m || m->op() != 1) return false;
  const std::string who = "DHCP server of " + node.name() + ":" + node.interfaces()[in_port].name;
  const std::string pool = "pool " + pool_.first.str() + "-" + pool_.last.str();
  DhcpMessage reply;
  reply.xid = m->xid;
  reply.broadcast = m->broadcast;
  reply.client_mac = m->client_mac;
  if (m->type == dhcp::kDiscover) {
    auto ip = pick(m->client_mac);
    if (!ip) {
      if (ctx.tracing()) {
        ctx.drop(DropReason::DhcpPoolExhausted,
                 "no free address in " + pool + " for " + m->client_mac.str() + " (" +
                     std::to_string(leases_.size() + offers_.size()) + " handed out)",
                 who, pool_.source);
      }
      return true;
    }
    if (!leases_.count(m->client_mac)) offers_[m->client_mac] = *ip;
    if (ctx.tracing()) {
      ctx.step(StepKind::Local,
               "DISCOVER from " + m->client_mac.str() + ": offer " + ip->str() +
                   ", the lowest free address of the " + pool,
               who, pool_.source);
    }
    reply.type = dhcp::kOffer;
    reply.your_ip = *ip;
    answer(ctx, node, pkt, reply, "answer to " + m->client_mac.str());
    return true;
  }
  if (m->type != dhcp::kRequest) return true;
  const Ipv4Addr self = node.interfaces()[pool_.iface].addr.ip;
  if (m->server_id && *m->server_id != self) {
    // The client took another server's offer: ours is free again.
    offers_.erase(m->client_mac);
    if (ctx.tracing()) {
      ctx.step(
          StepKind::Local,
          "REQUEST for server " + m->server_id->str() + ", not " + self.str() + ": offer withdrawn",
          who);
    }
    return true;
  }
  auto held = pick(m->client_mac);
  if (m->requested_ip && held && *m->requested_ip == *held) {
    offers_.erase(m->client_mac);
    leases_[m->client_mac] = *held;
    if (ctx.tracing()) {
      ctx.step(StepKind::Local,
               "REQUEST for " + held->str() + ": leased to " + m->client_mac.str() + " for " +
                   std::to_string(pool_.lease_seconds) + " s",
               who, pool_.source);
    }
    reply.type = dhcp::kAck;
    reply.your_ip = *held;
    answer(ctx, node, pkt, reply, "lease confirmed");
    return true;
  }
  if (ctx.tracing()) {
    ctx.step(StepKind::Local,
             "REQUEST for an address not offered to " + m->client_mac.str() + ": NAK", who,
             pool_.source);
  }
  reply.type = dhcp::kNak;
  answer(ctx, node, pkt, reply, "refused");
  return true;
}

}  // namespace vpcsim::sim
