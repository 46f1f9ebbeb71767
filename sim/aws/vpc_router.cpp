#include "sim/aws/vpc_router.hpp"

#include "sim/core/check.hpp"
#include "sim/core/simulation.hpp"

namespace vpcsim::sim {

uint16_t VpcRouter::add_table(RouteTable table) {
  tables_.push_back(std::move(table));
  return uint16_t(tables_.size() - 1);
}

uint32_t VpcRouter::add_target(VpcRouteTarget t) {
  targets_.push_back(std::move(t));
  return uint32_t(targets_.size() - 1);
}

uint16_t VpcRouter::add_acl(StatelessAcl acl) {
  acls_.push_back(std::move(acl));
  return uint16_t(acls_.size() - 1);
}

uint16_t VpcRouter::add_subnet(std::string subnet_name, Prefix cidr, MacAddr mac, uint16_t table,
                               uint16_t acl) {
  uint16_t port = add_port(subnet_name);
  subnets_.push_back(SubnetPort{std::move(subnet_name), cidr, table, acl, port});
  port_info_.push_back(PortInfo{mac, {}, int32_t(subnets_.size() - 1)});
  return port;
}

uint16_t VpcRouter::add_gateway_port(std::string port_name, MacAddr mac, MacAddr peer_mac) {
  uint16_t port = add_port(std::move(port_name));
  port_info_.push_back(PortInfo{mac, peer_mac, -1});
  return port;
}

uint16_t VpcRouter::add_dns_port(Ipv4Addr ip, MacAddr mac, MacAddr peer_mac) {
  uint16_t port = add_gateway_port("dns", mac, peer_mac);
  dns_port_ = port;
  dns_ip_ = ip;
  return port;
}

int32_t VpcRouter::subnet_of(Ipv4Addr ip) const {
  for (size_t i = 0; i < subnets_.size(); ++i) {
    if (subnets_[i].cidr.contains(ip)) return int32_t(i);
  }
  return -1;
}

// ---- receive pipeline ---------------------------------------------------------

void VpcRouter::receive(Context& ctx, uint16_t in_port, Packet& pkt) {
  const PortInfo& info = port_info_[in_port];
  if (pkt.is_arp()) {
    answer_arp(ctx, in_port, pkt);
    return;
  }
  if (int32_t(in_port) == dns_port_) {
    // An answer of the Amazon DNS server: NACLs do not filter it.
    deliver_local(ctx, pkt, /*nacl=*/false);
    return;
  }
  if (info.subnet < 0) {
    // From the IGW or a peering: only the local route applies.
    if (cidr_.contains(pkt.ip.dst)) {
      deliver_local(ctx, pkt);
    } else if (ctx.tracing()) {
      ctx.drop(DropReason::NotTransitive,
               pkt.ip.dst.str() + " is outside " + cidr_.str() + ": traffic arriving from " +
                   ports()[in_port].name + " may only reach this VPC (no transit)",
               "VPC router " + name());
    }
    return;
  }
  if (pkt.eth.dst != info.mac) {
    if (dhcp_ && dhcp_->receive(ctx, in_port, info.mac, pkt)) return;  // a broadcast DHCP request
    if (ctx.tracing()) ctx.drop(DropReason::NotAddressedToUs, "frame for another station: ignored");
    return;
  }
  const SubnetPort& from = subnets_[size_t(info.subnet)];
  if (dns_port_ >= 0 && pkt.ip.dst == dns_ip_) {
    if (ctx.tracing()) {
      ctx.step(StepKind::Route,
               pkt.ip.dst.str() +
                   " is the Amazon DNS server of this VPC (base+2): handed to it "
                   "directly; NACLs do not filter DNS server traffic",
               "VPC router " + name());
    }
    send_to_gateway(ctx, uint16_t(dns_port_), pkt);
    return;
  }
  if (pkt.ip.dst == router_ip(from)) {
    if (ctx.tracing()) {
      ctx.drop(DropReason::ReservedAddress,
               pkt.ip.dst.str() + " is the VPC router's address in subnet " + from.name +
                   ": it answers ARP only",
               "VPC router " + name());
    }
    return;
  }
  if (!nacl_allows(ctx, from, pkt, /*inbound=*/false)) return;
  if (!steered_.empty() && steer(ctx, pkt)) return;  // an NLB's return path
  const RouteEntry* r = route(ctx, from, pkt);
  if (!r) return;
  const VpcRouteTarget& target = targets_[r->target];
  switch (target.kind) {
    case VpcRouteTarget::Kind::Local:
      deliver_local(ctx, pkt);
      return;
    case VpcRouteTarget::Kind::Eni:
      send_to_subnet(ctx, target.port, target.ip, pkt);
      return;
    case VpcRouteTarget::Kind::Gateway:
    case VpcRouteTarget::Kind::Peering:
      send_to_gateway(ctx, target.port, pkt);
      return;
    case VpcRouteTarget::Kind::Blackhole:
      if (ctx.tracing()) {
        ctx.drop(
            DropReason::Blackhole,
            "blackhole route in route table " + tables_[from.table].name() + ": dropped silently",
            "route table " + tables_[from.table].name(), r->dst.str() + " -> blackhole");
      }
      return;
  }
}

void VpcRouter::answer_arp(Context& ctx, uint16_t in_port, const Packet& pkt) {
  const PortInfo& info = port_info_[in_port];
  if (pkt.arp.op == ArpOp::Request && int32_t(in_port) == dns_port_) {
    // The DNS server's uplink: every address is behind the router.
    send_arp_reply(ctx, in_port, pkt, pkt.arp.target_ip,
                   ctx.tracing() ? "ARP reply: " + pkt.arp.target_ip.str() + " is at " +
                                       info.mac.str() + " (VPC router, for the DNS server)"
                                 : std::string());
    return;
  }
  if (info.subnet < 0 || pkt.arp.op != ArpOp::Request) return;
  const SubnetPort& s = subnets_[size_t(info.subnet)];
  // The DNS server's address, when it is in this subnet (its .2), is answered
  // by the router too: the VPC delivers it, no ENI holds it.
  bool dns = dns_port_ >= 0 && pkt.arp.target_ip == dns_ip_;
  if (pkt.arp.target_ip != router_ip(s) && !dns) {
    if (ctx.tracing()) {
      ctx.step(StepKind::Arp, "ARP who-has " + pkt.arp.target_ip.str() +
                                  ": not the VPC router's address, ignored");
    }
    return;
  }
  Ipv4Addr answered = dns ? dns_ip_ : router_ip(s);
  send_arp_reply(ctx, in_port, pkt, answered,
                 ctx.tracing() ? std::string(dns ? "ARP reply: Amazon DNS server "
                                                 : "ARP reply: VPC router ") +
                                     answered.str() + " is at " + info.mac.str()
                               : std::string());
}

void VpcRouter::send_arp_reply(Context& ctx, uint16_t in_port, const Packet& request,
                               Ipv4Addr answered, const std::string& what) {
  const MacAddr mac = port_info_[in_port].mac;
  Packet reply;
  reply.id = ctx.new_packet_id();
  reply.flow = request.flow;
  reply.eth = EthernetHeader{mac, request.arp.sender_mac, EtherType::Arp};
  reply.arp = ArpHeader{ArpOp::Reply, mac, answered, request.arp.sender_mac, request.arp.sender_ip};
  int32_t prev = -1;
  if (ctx.tracing()) prev = ctx.originate(reply, what);
  ctx.emit(in_port, reply);
  if (ctx.tracing()) ctx.set_hop(prev);
}

bool VpcRouter::nacl_allows(Context& ctx, const SubnetPort& s, const Packet& pkt, bool inbound) {
  const StatelessAcl& acl = acls_[s.acl];
  StatelessAcl::Verdict v = acl.check(pkt, inbound);
  if (!ctx.tracing()) return v.allowed;
  std::string rule = v.rule ? std::to_string(v.rule->number) : std::string(v.allowed ? "" : "*");
  std::string detail = acl.explain(v, inbound) + " (subnet " + s.name + ")";
  if (v.allowed) {
    ctx.step(StepKind::Filter, std::move(detail), "NACL " + acl.name(), rule);
  } else {
    ctx.drop(inbound ? DropReason::NaclIngressDenied : DropReason::NaclEgressDenied,
             std::move(detail), "NACL " + acl.name(), rule);
  }
  return v.allowed;
}

const RouteEntry* VpcRouter::route(Context& ctx, const SubnetPort& s, const Packet& pkt) {
  const RouteTable& table = tables_[s.table];
  const RouteEntry* r = table.lookup(pkt.ip.dst);
  if (!ctx.tracing()) return r;
  std::string object = "route table " + table.name();
  if (!r) {
    ctx.drop(DropReason::NoRoute,
             "no route to " + pkt.ip.dst.str() + " in route table " + table.name() +
                 " (used by subnet " + s.name + ")",
             object);
    return nullptr;
  }
  std::string rule = r->dst.str() + " -> " + targets_[r->target].name;
  std::string detail = pkt.ip.dst.str() + " matches " + rule + " in route table " + table.name();
  auto all = table.matches(pkt.ip.dst);
  if (all.size() > 1) {
    detail += " (longest of " + std::to_string(all.size()) + " matching prefixes:";
    for (const RouteEntry* m : all) detail += " " + m->dst.str();
    detail += ")";
  }
  ctx.step(StepKind::Route, std::move(detail), std::move(object), std::move(rule));
  return r;
}

void VpcRouter::deliver_local(Context& ctx, Packet& pkt, bool nacl) {
  int32_t index = subnet_of(pkt.ip.dst);
  if (index < 0) {
    if (ctx.tracing()) {
      ctx.drop(DropReason::AddressNotInUse,
               pkt.ip.dst.str() + " is in VPC " + cidr_.str() + " but in none of its subnets",
               "VPC router " + name());
    }
    return;
  }
  const SubnetPort& s = subnets_[size_t(index)];
  uint32_t host = pkt.ip.dst.v - s.cidr.addr.v;
  if (host <= 3 || pkt.ip.dst == s.cidr.broadcast()) {
    if (ctx.tracing()) {
      ctx.drop(DropReason::ReservedAddress,
               pkt.ip.dst.str() + " is one of the 5 addresses AWS reserves in subnet " + s.name,
               "VPC router " + name());
    }
    return;
  }
  send_to_subnet(ctx, s.port, pkt.ip.dst, pkt, nacl);
}

void VpcRouter::send_to_subnet(Context& ctx, uint16_t port, Ipv4Addr next_hop, Packet& pkt,
                               bool nacl) {
  const PortInfo& info = port_info_[port];
  const SubnetPort& s = subnets_[size_t(info.subnet)];
  if (nacl && !nacl_allows(ctx, s, pkt, /*inbound=*/true)) return;
  auto it = neighbours_.find(next_hop.v);
  if (it == neighbours_.end()) {
    if (ctx.tracing()) {
      ctx.drop(DropReason::AddressNotInUse,
               "no network interface has " + next_hop.str() + " in subnet " + s.name,
               "VPC router " + name());
    }
    return;
  }
  pkt.eth.src = info.mac;
  pkt.eth.dst = it->second;
  if (ctx.tracing()) {
    ctx.step(StepKind::Egress, "to subnet " + s.name + ": next hop " + next_hop.str() + " at " +
                                   it->second.str() + " (VPC mapping, no ARP, no TTL decrement)");
  }
  ctx.emit(port, pkt);
}

void VpcRouter::send_to_gateway(Context& ctx, uint16_t port, Packet& pkt) {
  const PortInfo& info = port_info_[port];
  pkt.eth.src = info.mac;
  pkt.eth.dst = info.peer_mac;
  if (ctx.tracing()) ctx.step(StepKind::Egress, "to " + ports()[port].name + " (no TTL decrement)");
  ctx.emit(port, pkt);
}

// ---- flow steering (network load balancers) -------------------------------------

namespace {

std::tuple<uint32_t, uint32_t, uint32_t> steer_key(Ipv4Addr src, uint16_t sport, Ipv4Addr dst,
                                                   uint16_t dport) {
  return {src.v, dst.v, uint32_t(sport) << 16 | dport};
}

}  // namespace

void VpcRouter::steer_flow(Ipv4Addr src, uint16_t sport, Ipv4Addr dst, uint16_t dport, Ipv4Addr via,
                           std::string owner) {
  steered_[steer_key(src, sport, dst, dport)] = Steer{via, std::move(owner)};
}

void VpcRouter::unsteer_flow(Ipv4Addr src, uint16_t sport, Ipv4Addr dst, uint16_t dport) {
  steered_.erase(steer_key(src, sport, dst, dport));
}

bool VpcRouter::steer(Context& ctx, Packet& pkt) {
  if (!pkt.is_tcp()) return false;
  auto it = steered_.find(steer_key(pkt.ip.src, pkt.tcp.src_port, pkt.ip.dst, pkt.tcp.dst_port));
  if (it == steered_.end()) return false;
  int32_t index = subnet_of(it->second.via);
  if (index < 0) return false;
  if (ctx.tracing()) {
    ctx.step(StepKind::Route,
             pkt.ip.src.str() + ":" + std::to_string(pkt.tcp.src_port) + " > " + pkt.ip.dst.str() +
                 ":" + std::to_string(pkt.tcp.dst_port) + " answers a flow that " +
                 it->second.owner +
                 " forwarded with the client's address preserved: steered back to it at " +
                 it->second.via.str() + " instead of routing by destination",
             "VPC router " + name(), "flow of " + it->second.owner);
  }
  send_to_subnet(ctx, subnets_[size_t(index)].port, it->second.via, pkt);
  return true;
}

}  // namespace vpcsim::sim
