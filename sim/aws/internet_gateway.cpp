#include "sim/aws/internet_gateway.hpp"

#include <algorithm>

#include "sim/core/simulation.hpp"

namespace vpcsim::sim {

InternetGateway::InternetGateway(DeviceId id, std::string name, MacAddr mac)
    : Device(id, std::move(name)), mac_(mac) {
  add_port("vpc");
  add_port("internet");
}

void InternetGateway::add_address(Ipv4Addr private_ip, std::optional<Ipv4Addr> public_ip,
                                  std::string owner) {
  by_private_[private_ip.v] = Mapping{public_ip.value_or(Ipv4Addr{}), owner, public_ip.has_value()};
  if (public_ip) by_public_[public_ip->v] = Mapping{private_ip, std::move(owner), true};
}

std::vector<InternetGateway::StaticMapping> InternetGateway::mappings() const {
  std::vector<StaticMapping> out;
  for (const auto& [private_ip, m] : by_private_) {
    if (m.has_public) out.push_back(StaticMapping{Ipv4Addr{private_ip}, m.other, m.owner});
  }
  std::sort(out.begin(), out.end(), [](const StaticMapping& a, const StaticMapping& b) {
    return a.private_ip.v < b.private_ip.v;
  });
  return out;
}

void InternetGateway::receive(Context& ctx, uint16_t in_port, Packet& pkt) {
  if (!pkt.is_ip()) return;  // point-to-point fabric links carry no ARP
  if (in_port == kVpcPort) {
    outbound(ctx, pkt);
  } else {
    inbound(ctx, pkt);
  }
}

void InternetGateway::outbound(Context& ctx, Packet& pkt) {
  auto it = by_private_.find(pkt.ip.src.v);
  if (it == by_private_.end() || !it->second.has_public) {
    if (ctx.tracing()) {
      std::string who = it == by_private_.end() ? pkt.ip.src.str()
                                                : it->second.owner + " (" + pkt.ip.src.str() + ")";
      ctx.drop(DropReason::NoPublicIp,
               "IGW " + name() + ": " + who + " has no public IP, so nothing can leave for " +
                   pkt.ip.dst.str(),
               "IGW " + name());
    }
    return;
  }
  const Mapping& m = it->second;
  std::string before = pkt.ip.src.str();
  pkt.ip.src = m.other;
  // An ICMP error the instance sends quotes a datagram it received, addressed to
  // its private IP; the outside sent it to the public one.
  if (pkt.is_icmp_error() && pkt.has_quote && pkt.quote.ip.dst.v == it->first) {
    pkt.quote.ip.dst = m.other;
  }
  if (ctx.tracing()) {
    ctx.step(
        StepKind::Nat,
        "translated source " + before + " -> " + m.other.str() + " (public IP of " + m.owner + ")",
        "IGW " + name(), before + " <-> " + m.other.str());
  }
  send(ctx, kInternetPort, pkt);
}

void InternetGateway::inbound(Context& ctx, Packet& pkt) {
  auto it = by_public_.find(pkt.ip.dst.v);
  if (it == by_public_.end()) {
    if (ctx.tracing()) {
      ctx.drop(DropReason::NatNoMapping,
               "IGW " + name() + ": " + pkt.ip.dst.str() + " is no public IP of this VPC",
               "IGW " + name());
    }
    return;
  }
  const Mapping& m = it->second;
  std::string before = pkt.ip.dst.str();
  pkt.ip.dst = m.other;
  if (pkt.is_icmp_error() && pkt.has_quote && pkt.quote.ip.src.v == it->first) {
    pkt.quote.ip.src = m.other;
  }
  if (ctx.tracing()) {
    ctx.step(StepKind::Nat,
             "translated destination " + before + " -> " + m.other.str() + " (" + m.owner + ")",
             "IGW " + name(), m.other.str() + " <-> " + before);
  }
  send(ctx, kVpcPort, pkt);
}

void InternetGateway::send(Context& ctx, uint16_t port, Packet& pkt) {
  pkt.eth.src = mac_;
  pkt.eth.dst = peer_[port];
  ctx.emit(port, pkt);
}

}  // namespace vpcsim::sim
