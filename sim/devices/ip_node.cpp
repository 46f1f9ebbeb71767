#include "sim/devices/ip_node.hpp"

#include <algorithm>

#include "sim/core/check.hpp"
#include "sim/core/simulation.hpp"
#include "sim/services/dhcp_client.hpp"

namespace vpcsim::sim {
namespace {

// Timer tokens with this bit are a DHCP client's (the low bits: its index);
// the others are ARP resolution slots.
constexpr uint32_t kDhcpTimer = 0x8000'0000u;
constexpr Ipv4Addr kLimitedBroadcast{0xffffffffu};

std::string proto_port(IpProto proto, uint16_t port) {
  return std::string(proto == IpProto::Tcp ? "tcp/" : "udp/") + std::to_string(port);
}

std::string icmp_error_name(uint8_t type, uint8_t code) {
  if (type == icmp::kTimeExceeded) return "time exceeded";
  switch (code) {
    case icmp::kNetUnreachable:
      return "net unreachable";
    case icmp::kHostUnreachable:
      return "host unreachable";
    case icmp::kPortUnreachable:
      return "port unreachable";
    case icmp::kAdminProhibited:
      return "administratively prohibited";
    default:
      return "destination unreachable code " + std::to_string(code);
  }
}

QuotedDatagram quote_of(const Packet& p) {
  QuotedDatagram q;
  q.ip = p.ip;
  q.total_length = uint16_t(p.wire_bytes() - 14);  // without the Ethernet header
  if (p.is_tcp()) {
    q.src_port = p.tcp.src_port;
    q.dst_port = p.tcp.dst_port;
  } else if (p.is_udp()) {
    q.src_port = p.udp.src_port;
    q.dst_port = p.udp.dst_port;
  } else {
    q.icmp = p.icmp;
  }
  return q;
}

}  // namespace

IpNode::IpNode(DeviceId id, std::string name, Role role)
    : Device(id, std::move(name)), role_(role), forwarding_(role != Role::Host) {}

void IpNode::set_security_groups(uint16_t iface, StatefulFilter filter) {
  extras().filters.push_back(std::move(filter));
  interfaces_[iface].security_groups = int32_t(extras_->filters.size() - 1);
}

void IpNode::add_masquerade(Masquerade m, PortPolicy policy) {
  if (!nat_) nat_ = std::make_unique<NatTable>(policy);
  extras().masquerades.push_back(m);
}

void IpNode::add_port_forward(PortForward f) {
  if (!nat_) nat_ = std::make_unique<NatTable>(PortPolicy::KeepWhenFree);
  extras().port_forwards.push_back(f);
}

IpNode::Extras& IpNode::extras() {
  if (!extras_) extras_ = std::make_unique<Extras>();
  return *extras_;
}

void IpNode::add_service(std::unique_ptr<Service> service) {
  extras().services.push_back(std::move(service));
}

const std::vector<StatefulFilter>& IpNode::security_groups() const {
  static const std::vector<StatefulFilter> kNone;
  return extras_ ? extras_->filters : kNone;
}

void IpNode::add_listener(IpProto proto, uint16_t port) {
  const std::pair<IpProto, uint16_t> key{proto, port};
  auto& listeners = extras().listeners;
  auto it = std::lower_bound(listeners.begin(), listeners.end(), key);
  if (it == listeners.end() || *it != key) listeners.insert(it, key);
}

bool IpNode::listens(IpProto proto, uint16_t port) const {
  return extras_ && std::binary_search(extras_->listeners.begin(), extras_->listeners.end(),
                                       std::make_pair(proto, port));
}

uint16_t IpNode::add_interface(std::string if_name, InterfaceAddr addr, MacAddr mac) {
  uint16_t port = add_port(if_name);
  VPCSIM_CHECK(port == interfaces_.size(), "interfaces and ports out of step");
  interfaces_.push_back(IpInterface{std::move(if_name), mac, addr});
  if (addr.len < 32) {
    add_route(RouteEntry{addr.subnet(), RouteAction::Forward, {}, port, 0, 0, "connected", {}});
  }
  return port;
}

bool IpNode::owns(Ipv4Addr ip) const {
  if (ip.is_unspecified()) return false;  // an interface without an address (DHCP, unbound)
  for (const IpInterface& i : interfaces_) {
    if (i.addr.ip == ip) return true;
  }
  return false;
}

std::optional<Ipv4Addr> IpNode::source_for(Ipv4Addr dst) const {
  if (owns(dst)) return dst;
  const RouteEntry* r = routes_.lookup(dst);
  if (!r || r->action != RouteAction::Forward) return std::nullopt;
  return interfaces_[r->iface].addr.ip;
}

uint16_t IpNode::next_ephemeral_port() {
  uint16_t port = next_ephemeral_;
  next_ephemeral_ = next_ephemeral_ == 60999 ? 32768 : uint16_t(next_ephemeral_ + 1);
  return port;
}

std::vector<std::string> IpNode::iface_names() const {
  std::vector<std::string> names;
  for (const IpInterface& i : interfaces_) names.push_back(i.name);
  return names;
}

// ---- receive pipeline ---------------------------------------------------------

void IpNode::receive(Context& ctx, uint16_t in_port, Packet& pkt) {
  if (pkt.is_arp()) {
    handle_arp(ctx, in_port, pkt);
    return;
  }
  if (!check_l2_destination(ctx, in_port, pkt)) return;
  // Limited broadcast (DHCP) before the filters: AWS's security groups and
  // NACLs do not filter DHCP (docs/dhcp.md), and nothing forwards it.
  if (pkt.ip.dst == kLimitedBroadcast) {
    receive_broadcast(ctx, in_port, pkt);
    return;
  }
  if (extras_ && extras_->transit && !owns(pkt.ip.dst) &&
      extras_->transit->deliver(ctx, *this, in_port, pkt)) {
    return;  // a reply an NLB takes back (set_transit_service)
  }
  if (!ingress_checks(ctx, in_port, pkt)) return;
  NatStage nat = nat_ ? nat_prerouting(ctx, pkt) : NatStage::None;
  if (owns(pkt.ip.dst)) {
    if (nat == NatStage::Started) nat_step(ctx, nat_->commit(pkt), "port forward");
    deliver_local(ctx, in_port, pkt);
    return;
  }
  forward(ctx, in_port, pkt, nat);
}

// ---- filters on the interface (AWS ENI) ----------------------------------------

namespace {

void filter_step(Context& ctx, const StatefulFilter& sg, const StatefulFilter::Verdict& v,
                 const Packet& pkt, bool inbound, const std::string& node) {
  std::string groups = v.group;
  if (groups.empty()) {
    for (const std::string& g : sg.group_names()) groups += (groups.empty() ? "" : ", ") + g;
  }
  std::string rule = v.rule ? v.rule->label : "";
  std::string detail = sg.explain(v, pkt, inbound, node);
  if (v.allowed) {
    ctx.step(StepKind::Filter, std::move(detail), "security group " + groups, std::move(rule));
  } else {
    ctx.drop(inbound ? DropReason::SgIngressDenied : DropReason::SgEgressDenied, std::move(detail),
             "security group " + groups, std::move(rule));
  }
}

}  // namespace

bool IpNode::ingress_checks(Context& ctx, uint16_t in_port, const Packet& pkt) {
  const IpInterface& iface = interfaces_[in_port];
  if (iface.source_dest_check && !owns(pkt.ip.dst) && pkt.ip.dst != Ipv4Addr{0xffffffff}) {
    if (ctx.tracing()) {
      ctx.drop(DropReason::SourceDestCheck,
               pkt.ip.dst.str() + " is not an address of " + name() +
                   ", whose source/destination check is on: only traffic to its own addresses "
                   "gets in (a NAT instance needs source-dest-check=\"false\")",
               "ENI " + name() + ":" + iface.name);
    }
    return false;
  }
  if (iface.security_groups < 0) return true;
  StatefulFilter& sg = extras_->filters[size_t(iface.security_groups)];
  StatefulFilter::Verdict v = sg.check(pkt, /*inbound=*/true);
  if (ctx.tracing()) filter_step(ctx, sg, v, pkt, true, name());
  return v.allowed;
}

bool IpNode::egress_checks(Context& ctx, uint16_t out_iface, const Packet& pkt) {
  const IpInterface& iface = interfaces_[out_iface];
  if (iface.source_dest_check && !owns(pkt.ip.src)) {
    if (ctx.tracing()) {
      ctx.drop(DropReason::SourceDestCheck,
               "source " + pkt.ip.src.str() + " is not an address of " + name() +
                   ", whose source/destination check is on: it may not send for others",
               "ENI " + name() + ":" + iface.name);
    }
    return false;
  }
  if (iface.security_groups < 0) return true;
  StatefulFilter& sg = extras_->filters[size_t(iface.security_groups)];
  StatefulFilter::Verdict v = sg.check(pkt, /*inbound=*/false);
  if (ctx.tracing()) filter_step(ctx, sg, v, pkt, false, name());
  return v.allowed;
}

// ---- NAT (Linux netfilter order: DNAT and known connections before routing,
// masquerade after) ------------------------------------------------------------------

void IpNode::nat_step(Context& ctx, const std::optional<NatRewrite>& rewrite, const char* what) {
  if (!rewrite || !ctx.tracing()) return;
  ctx.step(StepKind::Nat, "translated " + rewrite->str() + " at " + name() + " (" + what + ")",
           "NAT table of " + name(), rewrite->before.str());
}

IpNode::NatStage IpNode::nat_prerouting(Context& ctx, Packet& pkt) {
  if (auto rewrite = nat_->apply_existing(pkt)) {
    nat_step(ctx, rewrite, "known connection");
    return NatStage::Existing;
  }
  if (!owns(pkt.ip.dst) || !(pkt.is_tcp() || pkt.is_udp())) return NatStage::None;
  for (const PortForward& f : extras_->port_forwards) {
    if (f.proto != pkt.ip.proto || f.port != pkt.dst_port()) continue;
    nat_->begin(pkt);
    nat_->dnat(pkt, f.to_ip.value_or(pkt.ip.dst), f.to_port ? f.to_port : f.port);
    return NatStage::Started;
  }
  return NatStage::None;
}

void IpNode::nat_postrouting(Context& ctx, Packet& pkt, uint16_t out_iface, NatStage stage) {
  if (stage == NatStage::Existing) return;
  bool started = stage == NatStage::Started;
  for (const Masquerade& m : extras_->masquerades) {
    if (m.iface != out_iface || (m.source && !m.source->contains(pkt.ip.src))) continue;
    if (!FlowTuple::of(pkt)) break;  // only connections (TCP, UDP, echo) are masqueraded
    if (!started) nat_->begin(pkt);
    started = true;
    nat_->snat(pkt, interfaces_[out_iface].addr.ip);
    break;
  }
  if (started) nat_step(ctx, nat_->commit(pkt), "new connection");
}

bool IpNode::check_l2_destination(Context& ctx, uint16_t in_port, const Packet& pkt) {
  const IpInterface& iface = interfaces_[in_port];
  if (pkt.eth.dst == iface.mac || pkt.eth.dst.is_broadcast()) return true;
  if (ctx.tracing()) {
    ctx.drop(DropReason::NotAddressedToUs, "frame for " + pkt.eth.dst.str() + ", not " +
                                               iface.name + "'s " + iface.mac.str() +
                                               ": ignored by the NIC");
  }
  return false;
}

void IpNode::handle_arp(Context& ctx, uint16_t in_port, const Packet& pkt) {
  const IpInterface& iface = interfaces_[in_port];
  const ArpHeader& arp = pkt.arp;
  if (arp.target_ip != iface.addr.ip) {
    if (ctx.tracing()) {
      ctx.step(StepKind::Arp,
               "ARP " + std::string(arp.op == ArpOp::Request ? "who-has " : "reply for ") +
                   arp.target_ip.str() + ": not " + iface.name + "'s address, ignored");
    }
    return;
  }
  // The sender is talking to us: remember it (Linux creates the entry on a
  // request addressed to it, so the reply needs no ARP of its own).
  auto completed = arp_.update(in_port, arp.sender_ip, arp.sender_mac, ctx.now());
  if (ctx.tracing()) {
    ctx.step(StepKind::Arp,
             "ARP " + std::string(arp.op == ArpOp::Request ? "request" : "reply") + ": " +
                 arp.sender_ip.str() + " is at " + arp.sender_mac.str() + ", cached on " +
                 iface.name,
             "ARP cache of " + name());
  }
  if (arp.op == ArpOp::Request) {
    Packet reply;
    reply.id = ctx.new_packet_id();
    reply.flow = pkt.flow;
    reply.eth = EthernetHeader{iface.mac, arp.sender_mac, EtherType::Arp};
    reply.arp = ArpHeader{ArpOp::Reply, iface.mac, iface.addr.ip, arp.sender_mac, arp.sender_ip};
    int32_t prev = -1;
    if (ctx.tracing()) {
      prev =
          ctx.originate(reply, "ARP reply: " + iface.addr.ip.str() + " is at " + iface.mac.str());
    }
    ctx.emit(in_port, reply);
    if (ctx.tracing()) ctx.set_hop(prev);
  }
  if (completed) release_pending(ctx, *completed, arp.sender_mac);
}

void IpNode::deliver_local(Context& ctx, uint16_t in_port, Packet& pkt) {
  if (role_ == Role::NatGateway) {
    if (ctx.tracing()) {
      auto tuple = FlowTuple::of(pkt);
      ctx.drop(DropReason::NatNoMapping,
               "unsolicited " + (tuple ? tuple->str() : pkt.summary()) +
                   ": no connection from inside maps to it at NAT gateway " + name(),
               "NAT table of " + name());
    }
    return;
  }
  if (pkt.is_icmp() && pkt.icmp.type == icmp::kEchoRequest) {
    if (ctx.tracing())
      ctx.step(StepKind::Local, "echo request for " + pkt.ip.dst.str() + ": reply");
    Packet reply;
    reply.id = ctx.new_packet_id();
    reply.flow = pkt.flow;
    reply.ip = Ipv4Header{pkt.ip.dst, pkt.ip.src, default_ttl_, IpProto::Icmp, next_ident_++};
    reply.icmp = IcmpHeader{icmp::kEchoReply, 0, pkt.icmp.id, pkt.icmp.seq};
    reply.payload_bytes = pkt.payload_bytes;
    send(ctx, reply);
    return;
  }
  if (extras_ && (pkt.is_tcp() || pkt.is_udp())) {
    for (const std::unique_ptr<Service>& service : extras_->services) {
      if (service->deliver(ctx, *this, in_port, pkt)) return;
    }
  }
  if (pkt.is_tcp()) {
    answer_tcp(ctx, pkt);
    return;
  }
  if (pkt.is_udp()) {
    if (listens(IpProto::Udp, pkt.udp.dst_port)) {
      if (ctx.tracing()) {
        ctx.step(StepKind::Local,
                 "delivered to the " + proto_port(IpProto::Udp, pkt.udp.dst_port) + " listener");
      }
      ctx.deliver_to_app(pkt);
      return;
    }
    if (ctx.tracing()) {
      ctx.drop(DropReason::PortClosed, "nothing listens on " +
                                           proto_port(IpProto::Udp, pkt.udp.dst_port) +
                                           ": ICMP port unreachable");
    }
    send_icmp_error(ctx, pkt, icmp::kDestUnreachable, icmp::kPortUnreachable, in_port);
    return;
  }
  // Echo replies and ICMP errors: for the application (the probe) that waits.
  if (ctx.tracing()) ctx.step(StepKind::Local, "delivered to the local application");
  ctx.deliver_to_app(pkt);
}

void IpNode::answer_tcp(Context& ctx, const Packet& pkt) {
  const TcpHeader& t = pkt.tcp;
  bool syn_only = (t.flags & tcp_flag::kSyn) && !(t.flags & tcp_flag::kAck);
  if (!syn_only) {
    // SYN-ACK, RST, or the handshake's last ACK: the connecting application's.
    if (ctx.tracing()) ctx.step(StepKind::Local, "TCP segment delivered to the local application");
    ctx.deliver_to_app(pkt);
    return;
  }
  Packet answer;
  answer.id = ctx.new_packet_id();
  answer.flow = pkt.flow;
  answer.ip = Ipv4Header{pkt.ip.dst, pkt.ip.src, default_ttl_, IpProto::Tcp, next_ident_++};
  answer.tcp.src_port = t.dst_port;
  answer.tcp.dst_port = t.src_port;
  answer.tcp.ack = t.seq + 1;
  if (listens(IpProto::Tcp, t.dst_port)) {
    if (ctx.tracing()) {
      ctx.step(StepKind::Local,
               "SYN to listening " + proto_port(IpProto::Tcp, t.dst_port) + ": answer SYN-ACK");
    }
    ctx.deliver_to_app(pkt);  // the listener sees the connection attempt (served-by, seen-source)
    answer.tcp.flags = tcp_flag::kSyn | tcp_flag::kAck;
    answer.tcp.seq = 0x10000000u + t.dst_port;  // deterministic ISN
  } else {
    if (ctx.tracing()) {
      ctx.drop(DropReason::PortClosed,
               "nothing listens on " + proto_port(IpProto::Tcp, t.dst_port) + ": answer RST");
    }
    answer.tcp.flags = tcp_flag::kRst | tcp_flag::kAck;
  }
  send(ctx, answer);
}

void IpNode::forward(Context& ctx, uint16_t in_port, Packet& pkt, NatStage nat) {
  if (!forwarding_) {
    if (ctx.tracing()) {
      ctx.drop(DropReason::NotForThisHost, pkt.ip.dst.str() + " is not an address of " + name() +
                                               ", which does not forward packets");
    }
    return;
  }
  const RouteEntry* route = lookup_route(ctx, pkt);
  if (!route) {
    send_icmp_error(ctx, pkt, icmp::kDestUnreachable, icmp::kNetUnreachable, in_port);
    return;
  }
  if (!apply_route_action(ctx, *route, pkt, in_port)) return;
  if (!decrement_ttl(ctx, in_port, pkt)) return;
  if (nat_) nat_postrouting(ctx, pkt, route->iface, nat);
  if (!egress_checks(ctx, route->iface, pkt)) return;
  output(ctx, pkt, *route);
}

const RouteEntry* IpNode::lookup_route(Context& ctx, const Packet& pkt) {
  const RouteEntry* route = routes_.lookup(pkt.ip.dst);
  if (!ctx.tracing()) return route;
  std::string table = "routing table of " + name();
  if (!route) {
    ctx.drop(DropReason::NoRoute, "no route to " + pkt.ip.dst.str(), table);
    return nullptr;
  }
  auto all = routes_.matches(pkt.ip.dst);
  std::string detail = pkt.ip.dst.str() + " matches " + route->str(iface_names());
  if (all.size() > 1) {
    detail += " (longest of " + std::to_string(all.size()) + " matching prefixes:";
    for (const RouteEntry* r : all) detail += " " + r->dst.str();
    detail += ")";
  }
  ctx.step(StepKind::Route, detail, table,
           route->origin + (route->source.empty() ? "" : " at " + route->source));
  return route;
}

bool IpNode::apply_route_action(Context& ctx, const RouteEntry& route, const Packet& pkt,
                                int32_t in_port) {
  switch (route.action) {
    case RouteAction::Forward:
      return true;
    case RouteAction::Blackhole:
      if (ctx.tracing()) ctx.drop(DropReason::Blackhole, "blackhole route: dropped silently");
      return false;
    case RouteAction::Unreachable:
      if (ctx.tracing())
        ctx.drop(DropReason::UnreachableRoute, "unreachable route: ICMP host unreachable");
      send_icmp_error(ctx, pkt, icmp::kDestUnreachable, icmp::kHostUnreachable, in_port);
      return false;
    case RouteAction::Prohibit:
      if (ctx.tracing())
        ctx.drop(DropReason::Prohibited, "prohibit route: ICMP administratively prohibited");
      send_icmp_error(ctx, pkt, icmp::kDestUnreachable, icmp::kAdminProhibited, in_port);
      return false;
  }
  return false;
}

bool IpNode::decrement_ttl(Context& ctx, uint16_t in_port, Packet& pkt) {
  if (pkt.ip.ttl <= 1) {
    if (ctx.tracing()) {
      ctx.drop(DropReason::TtlExceeded,
               "TTL " + std::to_string(pkt.ip.ttl) + " would reach 0: ICMP time exceeded");
    }
    send_icmp_error(ctx, pkt, icmp::kTimeExceeded, 0, in_port);
    return false;
  }
  if (ctx.tracing()) {
    ctx.step(StepKind::Ttl,
             "TTL " + std::to_string(pkt.ip.ttl) + " -> " + std::to_string(pkt.ip.ttl - 1));
  }
  --pkt.ip.ttl;
  return true;
}

// ---- output: neighbour resolution and L2 rewrite --------------------------------

std::optional<IpNode::SendError> IpNode::send(Context& ctx, Packet pkt) {
  pkt.eth.type = EtherType::Ipv4;
  if (is_down()) {
    // A powered-off node runs no application: nothing leaves it.
    std::string why = name() + " is down: it sends nothing";
    if (ctx.tracing()) {
      int32_t prev = ctx.originate(pkt, "created by " + name() + ": " + pkt.summary());
      ctx.drop(DropReason::DeviceDown, why);
      ctx.set_hop(prev);
    }
    return SendError{DropReason::DeviceDown, why};
  }
  if (owns(pkt.ip.dst)) {
    // To one of our own addresses: the loopback path; it never reaches a NIC.
    if (pkt.ip.src.is_unspecified()) pkt.ip.src = pkt.ip.dst;
    int32_t prev = -1;
    if (ctx.tracing()) {
      prev = ctx.originate(pkt, "created by " + name() + ": " + pkt.summary());
      ctx.step(StepKind::Local, pkt.ip.dst.str() + " is this node's own address: looped back");
    }
    deliver_local(ctx, 0, pkt);
    if (ctx.tracing()) ctx.set_hop(prev);
    return std::nullopt;
  }
  const RouteEntry* route = routes_.lookup(pkt.ip.dst);
  if (route && route->action == RouteAction::Forward && pkt.ip.src.is_unspecified()) {
    pkt.ip.src = interfaces_[route->iface].addr.ip;
  }
  int32_t prev = -1;
  if (ctx.tracing()) prev = ctx.originate(pkt, "created by " + name() + ": " + pkt.summary());
  // Replies of port-forwarded connections leave with the address the client used.
  if (nat_) nat_step(ctx, nat_->apply_existing(pkt), "known connection");
  // Records the decision (or the missing route, unless a missing lease explains it).
  if (ctx.tracing() && (route || !no_lease_error(pkt.ip.dst))) (void)lookup_route(ctx, pkt);
  std::optional<SendError> error;
  if (!route && (error = no_lease_error(pkt.ip.dst))) {
    if (ctx.tracing()) ctx.drop(error->reason, error->detail, "DHCP client of " + name());
  } else if (!route) {
    // A local stack refuses at once: "connect: Network is unreachable".
    error = SendError{DropReason::NoRoute, "no route to " + pkt.ip.dst.str()};
  } else if (apply_route_action(ctx, *route, pkt, -1) && egress_checks(ctx, route->iface, pkt)) {
    output(ctx, pkt, *route);
  }
  if (ctx.tracing()) ctx.set_hop(prev);
  return error;
}

void IpNode::output(Context& ctx, Packet& pkt, const RouteEntry& route) {
  const IpInterface& iface = interfaces_[route.iface];
  Ipv4Addr next_hop = route.gateway.is_unspecified() ? pkt.ip.dst : route.gateway;
  pkt.eth.src = iface.mac;
  auto mac = arp_.lookup(route.iface, next_hop, ctx.now());
  if (mac) {
    pkt.eth.dst = *mac;
    if (ctx.tracing()) {
      ctx.step(StepKind::Arp,
               "next hop " + next_hop.str() + " is at " + mac->str() + " (ARP cache): frame " +
                   iface.mac.str() + " -> " + mac->str(),
               "ARP cache of " + name());
    }
    ctx.emit(route.iface, pkt);
    return;
  }
  auto [slot, started] = arp_.enqueue(route.iface, next_hop, pkt);
  if (ctx.tracing()) {
    ctx.step(StepKind::Arp,
             "next hop " + next_hop.str() + " not in the ARP cache: packet queued" +
                 (started ? ", ARP request sent" : ", ARP already in progress"),
             "ARP cache of " + name());
  }
  if (started) {
    arp_.pending(slot).tries = 1;
    send_arp_request(ctx, route.iface, next_hop, 1, pkt.flow);
    ctx.schedule_timer(ArpCache::kRetry, slot);
  }
}

void IpNode::send_arp_request(Context& ctx, uint16_t iface_index, Ipv4Addr target, int try_number,
                              uint32_t flow) {
  const IpInterface& iface = interfaces_[iface_index];
  Packet req;
  req.id = ctx.new_packet_id();
  req.flow = flow;
  req.eth = EthernetHeader{iface.mac, MacAddr::broadcast(), EtherType::Arp};
  req.arp = ArpHeader{ArpOp::Request, iface.mac, iface.addr.ip, MacAddr{}, target};
  int32_t prev = -1;
  if (ctx.tracing()) {
    prev = ctx.originate(req, "ARP request who-has " + target.str() + " tell " +
                                  iface.addr.ip.str() + " (try " + std::to_string(try_number) +
                                  " of " + std::to_string(ArpCache::kMaxTries) + ")");
  }
  ctx.emit(iface_index, req);
  if (ctx.tracing()) ctx.set_hop(prev);
}

void IpNode::on_timer(Context& ctx, uint32_t slot) {
  if (slot & kDhcpTimer) {
    extras_->dhcp_clients[slot & ~kDhcpTimer]->on_timer(ctx, *this, slot);
    return;
  }
  ArpCache::Pending& p = arp_.pending(slot);
  if (!p.active) return;  // resolved meanwhile
  if (p.tries >= ArpCache::kMaxTries) {
    fail_pending(ctx, slot);
    return;
  }
  ++p.tries;
  uint32_t flow = p.queue.empty() ? 0 : p.queue.front().flow;
  send_arp_request(ctx, p.iface, p.ip, p.tries, flow);
  ctx.schedule_timer(ArpCache::kRetry, slot);
}

void IpNode::release_pending(Context& ctx, uint32_t slot, MacAddr mac) {
  uint16_t port = arp_.pending(slot).iface;  // the interface the resolution was for
  std::vector<Packet> queued = arp_.finish(slot);
  for (Packet& pkt : queued) {
    pkt.eth.dst = mac;
    int32_t prev = -1;
    if (ctx.tracing()) {
      prev = ctx.originate(pkt, "released from the ARP queue: next hop is at " + mac.str());
    }
    ctx.emit(port, pkt);
    if (ctx.tracing()) ctx.set_hop(prev);
  }
}

void IpNode::fail_pending(Context& ctx, uint32_t slot) {
  Ipv4Addr target = arp_.pending(slot).ip;
  std::vector<Packet> queued = arp_.finish(slot);
  for (const Packet& pkt : queued) {
    int32_t prev = -1;
    if (ctx.tracing()) {
      prev = ctx.originate(pkt, "waiting in the ARP queue of " + name());
      ctx.drop(DropReason::ArpTimeout,
               "no ARP reply from " + target.str() + " after " +
                   std::to_string(ArpCache::kMaxTries) + " tries",
               "ARP cache of " + name());
    }
    if (is_local_origin(pkt)) {
      report_local_error(ctx, pkt, icmp::kDestUnreachable, icmp::kHostUnreachable);
    } else {
      send_icmp_error(ctx, pkt, icmp::kDestUnreachable, icmp::kHostUnreachable, -1);
    }
    if (ctx.tracing()) ctx.set_hop(prev);
  }
}

// ---- ICMP errors ----------------------------------------------------------------

void IpNode::send_icmp_error(Context& ctx, const Packet& offending, uint8_t type, uint8_t code,
                             int32_t in_port) {
  // RFC 1122: never answer an ICMP error with an error, nor a broadcast.
  if (offending.is_icmp_error() || offending.ip.dst == Ipv4Addr{0xffffffff}) return;
  if (is_local_origin(offending)) {
    report_local_error(ctx, offending, type, code);
    return;
  }
  // Linux's default (icmp_errors_use_inbound_ifaddr = 0): the source is the
  // address of the interface the error leaves by, i.e. the one facing the sender.
  std::optional<Ipv4Addr> src = source_for(offending.ip.src);
  if (!src && in_port >= 0) src = interfaces_[size_t(in_port)].addr.ip;
  if (!src) return;  // no way back to the sender; the drop is already recorded
  Packet err;
  err.id = ctx.new_packet_id();
  err.flow = offending.flow;
  err.ip = Ipv4Header{*src, offending.ip.src, default_ttl_, IpProto::Icmp, next_ident_++};
  err.icmp = IcmpHeader{type, code, 0, 0};
  err.has_quote = true;
  err.quote = quote_of(offending);
  if (ctx.tracing()) {
    ctx.step(StepKind::Icmp, "ICMP " + icmp_error_name(type, code) + " sent to " +
                                 offending.ip.src.str() + " from " + src->str());
  }
  send(ctx, err);
}

void IpNode::report_local_error(Context& ctx, const Packet& offending, uint8_t type, uint8_t code) {
  Packet err;
  err.id = ctx.new_packet_id();
  err.flow = offending.flow;
  err.eth.type = EtherType::Ipv4;
  err.ip = Ipv4Header{offending.ip.src, offending.ip.src, 64, IpProto::Icmp, 0};
  err.icmp = IcmpHeader{type, code, 0, 0};
  err.has_quote = true;
  err.quote = quote_of(offending);
  if (ctx.tracing()) {
    ctx.step(StepKind::Icmp, "reported to the local application: " + icmp_error_name(type, code));
  }
  ctx.deliver_to_app(err);
}

void IpNode::reset_state() {
  arp_.clear();
  if (extras_) {
    for (StatefulFilter& f : extras_->filters) f.clear_tracking();
    for (std::unique_ptr<Service>& s : extras_->services) s->reset_state();
  }
  if (nat_) nat_->clear();
  next_ident_ = 0;
  next_ephemeral_ = 32768;
}

}  // namespace vpcsim::sim

// ---- DHCP -----------------------------------------------------------------------

namespace vpcsim::sim {

void IpNode::add_dhcp_client(uint16_t iface, InterfaceAddr planned) {
  interfaces_[iface].addr = InterfaceAddr{Ipv4Addr{}, 32};
  // The routes lowering gave the planned address (connected, default gateway)
  // wait for the ACK; static routes the file wrote stay.
  RouteTable kept;
  for (const RouteEntry& e : routes_.entries()) {
    // ("default gateway (VPC router)" on an instance: DHCP option 3 gives it back.)
    if (e.iface == iface && (e.origin == "connected" || e.origin.starts_with("default gateway"))) {
      continue;
    }
    kept.add(e);
  }
  routes_ = std::move(kept);
  auto client = std::make_unique<DhcpClient>(iface, planned);
  extras().dhcp_clients.push_back(client.get());
  extras_->services.push_back(std::move(client));
}

void IpNode::add_dhcp_server(DhcpPool pool) {
  add_service(std::make_unique<DhcpServer>(std::move(pool)));
}

const DhcpClient* IpNode::dhcp_client(uint16_t iface) const {
  if (!extras_) return nullptr;
  for (const DhcpClient* c : extras_->dhcp_clients) {
    if (c->iface() == iface) return c;
  }
  return nullptr;
}

void IpNode::start_dhcp(Context& ctx, uint32_t flow) {
  if (!extras_ || is_down()) return;
  for (size_t i = 0; i < extras_->dhcp_clients.size(); ++i) {
    extras_->dhcp_clients[i]->start(ctx, *this, flow, kDhcpTimer | uint32_t(i));
  }
}

void IpNode::bind_address(uint16_t iface, InterfaceAddr addr, std::optional<Ipv4Addr> gateway,
                          std::string source) {
  interfaces_[iface].addr = addr;
  if (addr.len < 32) {
    add_route(RouteEntry{addr.subnet(), RouteAction::Forward, {}, iface, 0, 0, "connected", {}});
  }
  if (gateway) {
    add_route(RouteEntry{Prefix{}, RouteAction::Forward, *gateway, iface, uint32_t(iface), 0,
                         "dhcp", std::move(source)});
  }
}

void IpNode::send_raw(Context& ctx, uint16_t iface, Packet pkt, std::string detail) {
  if (is_down()) return;
  pkt.eth = EthernetHeader{interfaces_[iface].mac, MacAddr::broadcast(), EtherType::Ipv4};
  int32_t prev = -1;
  if (ctx.tracing()) prev = ctx.originate(pkt, std::move(detail));
  ctx.emit(iface, pkt);
  if (ctx.tracing()) ctx.set_hop(prev);
}

void IpNode::receive_broadcast(Context& ctx, uint16_t in_port, const Packet& pkt) {
  if (extras_ && pkt.is_udp() && role_ != Role::NatGateway) {
    for (const std::unique_ptr<Service>& service : extras_->services) {
      if (service->deliver(ctx, *this, in_port, pkt)) return;
    }
  }
  // Linux: no listener, no ICMP error (never for a broadcast), and echo
  // requests to a broadcast are ignored (icmp_echo_ignore_broadcasts=1).
  if (ctx.tracing()) {
    ctx.step(StepKind::Local,
             "broadcast " + pkt.summary() + ": nothing on " + name() + " takes it, ignored");
  }
}

std::optional<IpNode::SendError> IpNode::no_lease_error(Ipv4Addr dst) const {
  if (!extras_) return std::nullopt;
  for (const DhcpClient* c : extras_->dhcp_clients) {
    if (c->state() == DhcpClient::State::Bound) continue;
    std::string why =
        c->state() == DhcpClient::State::Failed ? c->failure() : "its DHCP exchange has not run";
    return SendError{DropReason::DhcpNoLease, name() + ":" + interfaces_[c->iface()].name +
                                                  " has no address to send to " + dst.str() +
                                                  " from: " + why};
  }
  return std::nullopt;
}

}  // namespace vpcsim::sim
