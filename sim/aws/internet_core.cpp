#include "sim/aws/internet_core.hpp"

#include "sim/core/simulation.hpp"
#include "sim/net/prefix.hpp"

namespace vpcsim::sim {
namespace {

bool is_rfc1918(Ipv4Addr ip) {
  return Prefix{Ipv4Addr{0x0a000000}, 8}.contains(ip) ||
         Prefix{Ipv4Addr{0xac100000}, 12}.contains(ip) ||
         Prefix{Ipv4Addr{0xc0a80000}, 16}.contains(ip);
}

}  // namespace

uint16_t InternetCore::add_host_port(std::string port_name, MacAddr mac, MacAddr host_mac) {
  info_.push_back(PortInfo{mac, host_mac, true});
  return add_port(std::move(port_name));
}

uint16_t InternetCore::add_gateway_port(std::string port_name, MacAddr mac, MacAddr gateway_mac) {
  info_.push_back(PortInfo{mac, gateway_mac, false});
  return add_port(std::move(port_name));
}

void InternetCore::add_owned(Ipv4Addr ip, uint16_t port, std::string owner) {
  owned_[ip.v] = {port, std::move(owner)};
}

void InternetCore::receive(Context& ctx, uint16_t in_port, Packet& pkt) {
  if (pkt.is_arp()) {
    answer_arp(ctx, in_port, pkt);
    return;
  }
  auto it = owned_.find(pkt.ip.dst.v);
  if (it == owned_.end()) {
    if (ctx.tracing()) {
      ctx.drop(DropReason::InternetUnroutable,
               is_rfc1918(pkt.ip.dst)
                   ? pkt.ip.dst.str() + " is a private address (RFC 1918): not routed on the internet"
                   : "nobody on the internet owns " + pkt.ip.dst.str() + ": dropped",
               "internet");
    }
    return;
  }
  uint16_t port = it->second.first;
  if (ctx.tracing()) {
    ctx.step(StepKind::Route, pkt.ip.dst.str() + " belongs to " + it->second.second +
                                  " (the internet core is transparent: no TTL decrement)",
             "internet");
  }
  pkt.eth.src = info_[port].mac;
  pkt.eth.dst = info_[port].peer_mac;
  ctx.emit(port, pkt);
}

void InternetCore::answer_arp(Context& ctx, uint16_t in_port, const Packet& pkt) {
  const PortInfo& info = info_[in_port];
  if (!info.proxy_arp || pkt.arp.op != ArpOp::Request) return;
  Packet reply;
  reply.id = ctx.new_packet_id();
  reply.flow = pkt.flow;
  reply.eth = EthernetHeader{info.mac, pkt.arp.sender_mac, EtherType::Arp};
  reply.arp =
      ArpHeader{ArpOp::Reply, info.mac, pkt.arp.target_ip, pkt.arp.sender_mac, pkt.arp.sender_ip};
  int32_t prev = -1;
  if (ctx.tracing()) {
    prev = ctx.originate(reply, "proxy ARP reply: " + pkt.arp.target_ip.str() +
                                    " is reached through the internet at " + info.mac.str());
  }
  ctx.emit(in_port, reply);
  if (ctx.tracing()) ctx.set_hop(prev);
}

}  // namespace vpcsim::sim
