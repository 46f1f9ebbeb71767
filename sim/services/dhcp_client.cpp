#include "sim/services/dhcp_client.hpp"

#include <variant>

#include "sim/core/check.hpp"
#include "sim/core/simulation.hpp"
#include "sim/devices/ip_node.hpp"

namespace vpcsim::sim {
namespace {

constexpr int kDiscoverTries = 3;
// RFC 2131 section 4.1: 4 s before the first retransmission, doubling.
Duration retry_after(int tries) { return Duration{int64_t(4'000'000'000) << (tries - 1)}; }

// A transaction id that depends only on the client's MAC (FNV-1a), so runs repeat.
uint32_t xid_for(MacAddr mac) {
  uint32_t h = 2166136261u;
  for (int i = 0; i < 6; ++i) h = (h ^ uint8_t(mac.v >> (8 * i))) * 16777619u;
  return h;
}

uint8_t len_of(Ipv4Addr mask) {
  uint8_t len = 0;
  while (len < 32 && (mask.v & (0x8000'0000u >> len))) ++len;
  return len;
}

}  // namespace

DhcpMessage DhcpClient::message(const IpNode& node, uint8_t type) const {
  DhcpMessage m;
  m.type = type;
  m.xid = xid_;
  m.client_mac = node.interfaces()[iface_].mac;
  return m;
}

void DhcpClient::send(Context& ctx, IpNode& node, const DhcpMessage& m, const std::string& why) {
  Packet p;
  p.id = ctx.new_packet_id();
  p.flow = flow_;
  p.ip = Ipv4Header{Ipv4Addr{}, Ipv4Addr{0xffffffffu}, 64, IpProto::Udp, 0};
  p.udp = UdpHeader{dhcp::kClientPort, dhcp::kServerPort};
  p.app = ctx.put_app(m);
  p.payload_bytes = uint32_t(wire_bytes(m).size());
  node.send_raw(ctx, iface_, p, summary(m) + " (" + why + ")");
}

void DhcpClient::start(Context& ctx, IpNode& node, uint32_t flow, uint32_t timer_token) {
  if (state_ != State::Init) return;
  flow_ = flow;
  xid_ = xid_for(node.interfaces()[iface_].mac);
  state_ = State::Selecting;
  tries_ = 1;
  send(ctx, node, message(node, dhcp::kDiscover),
       node.name() + ":" + node.interfaces()[iface_].name +
           " has no address: looking for a "
           "DHCP server, try 1 of 3");
  ctx.schedule_timer(retry_after(tries_), timer_token);
}

void DhcpClient::on_timer(Context& ctx, IpNode& node, uint32_t timer_token) {
  if (state_ == State::Bound || state_ == State::Failed) return;
  const std::string where = node.name() + ":" + node.interfaces()[iface_].name;
  if (state_ == State::Selecting && tries_ < kDiscoverTries) {
    ++tries_;
    send(ctx, node, message(node, dhcp::kDiscover),
         "no OFFER yet: try " + std::to_string(tries_) + " of " + std::to_string(kDiscoverTries));
    ctx.schedule_timer(retry_after(tries_), timer_token);
    return;
  }
  failure_ = state_ == State::Selecting
                 ? "no DHCP server answered " + where + "'s " + std::to_string(kDiscoverTries) +
                       " DISCOVERs (is a server on its segment, and up?)"
                 : "the DHCP server " + (server_ ? server_->str() : std::string("?")) +
                       " did not acknowledge " + where + "'s REQUEST";
  state_ = State::Failed;
  if (ctx.tracing()) {
    Packet none;
    none.flow = flow_;
    none.eth.type = EtherType::Ipv4;
    none.ip = Ipv4Header{Ipv4Addr{}, Ipv4Addr{0xffffffffu}, 64, IpProto::Udp, 0};
    none.udp = UdpHeader{dhcp::kClientPort, dhcp::kServerPort};
    int32_t prev = ctx.originate(none, "DHCP client of " + where + " gives up");
    ctx.drop(DropReason::DhcpNoOffer, failure_, "DHCP client of " + where);
    ctx.set_hop(prev);
  }
}

bool DhcpClient::deliver(Context& ctx, IpNode& node, uint16_t in_port, const Packet& pkt) {
  if (!pkt.is_udp() || pkt.udp.dst_port != dhcp::kClientPort || in_port != iface_) return false;
  const AppPayload* payload = ctx.app(pkt);
  const DhcpMessage* m = payload ? std::get_if<DhcpMessage>(payload) : nullptr;
  if (!m || m->op() != 2) return false;
  const std::string where = node.name() + ":" + node.interfaces()[iface_].name;
  if (m->xid != xid_ || m->client_mac != node.interfaces()[iface_].mac) {
    // Broadcast answers reach every client on the segment; only one asked.
    if (ctx.tracing()) {
      ctx.step(StepKind::Local, summary(*m) + " is for " + m->client_mac.str() + ", not " + where +
                                    ": ignored by its DHCP client");
    }
    return true;
  }
  if (m->type == dhcp::kOffer && state_ == State::Selecting) {
    server_ = m->server_id;
    offered_ = m->your_ip;
    state_ = State::Requesting;
    if (ctx.tracing()) {
      ctx.step(StepKind::Local,
               "OFFER of " + m->your_ip.str() + " from DHCP server " +
                   (server_ ? server_->str() : std::string("?")) + ": request it",
               "DHCP client of " + where);
    }
    DhcpMessage req = message(node, dhcp::kRequest);
    req.requested_ip = m->your_ip;
    req.server_id = m->server_id;
    send(ctx, node, req, "taking the offer of " + m->your_ip.str());
    return true;
  }
  if (m->type == dhcp::kAck && state_ == State::Requesting && m->your_ip == offered_) {
    InterfaceAddr addr{m->your_ip, m->subnet_mask ? len_of(*m->subnet_mask) : uint8_t(32)};
    if (addr != planned_) {
      const std::string bug = "DHCP bound " + where + " to " + addr.str() +
                              " but the lease plan said " + planned_.str();
      VPCSIM_CHECK(addr == planned_, bug.c_str());
    }
    state_ = State::Bound;
    lease_ = *m;
    node.bind_address(iface_, addr, m->router, "DHCP server " + server_->str());
    if (ctx.tracing()) {
      std::string detail = "ACK: " + where + " is now " + addr.str();
      if (m->router) detail += ", default via " + m->router->str();
      if (m->lease_seconds) detail += ", lease " + std::to_string(*m->lease_seconds) + " s";
      ctx.step(StepKind::Local, std::move(detail), "DHCP client of " + where);
    }
    return true;
  }
  if (m->type == dhcp::kNak && state_ == State::Requesting) {
    state_ = State::Failed;
    failure_ = "the DHCP server " + (server_ ? server_->str() : std::string("?")) +
               " refused (NAK) " + where + "'s REQUEST for " + offered_.str();
    if (ctx.tracing()) ctx.drop(DropReason::DhcpNoOffer, failure_, "DHCP client of " + where);
    return true;
  }
  if (ctx.tracing()) {
    ctx.step(StepKind::Local, summary(*m) + ": not expected in state of " + where + ", ignored");
  }
  return true;
}

}  // namespace vpcsim::sim
