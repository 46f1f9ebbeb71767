#include "sim/services/dhcp_vpc_service.hpp"

#include <algorithm>
#include <variant>

#include "sim/core/check.hpp"
#include "sim/core/simulation.hpp"

namespace vpcsim::sim {
namespace {

constexpr Ipv4Addr kLimitedBroadcast{0xffffffffu};
constexpr uint32_t kAwsLeaseSeconds = 3600;  // what EC2 instances' dhclient.leases show

Ipv4Addr mask_of(uint8_t len) { return Ipv4Addr{len == 0 ? 0u : ~uint32_t(0) << (32 - len)}; }

// "ip-10-8-1-5": the host name AWS's DHCP gives (option 12), as in ip-10-8-1-5.ec2.internal.
std::string host_name_of(Ipv4Addr ip) {
  std::string s = "ip-" + ip.str();
  std::replace(s.begin(), s.end(), '.', '-');
  return s;
}

}  // namespace

void DhcpVpcService::add_subnet(uint16_t port, std::string name, Prefix cidr) {
  subnets_[port] = Subnet{std::move(name), cidr, {}};
}

void DhcpVpcService::add_client(uint16_t port, MacAddr mac, Ipv4Addr ip, std::string owner,
                                std::string source) {
  auto it = subnets_.find(port);
  VPCSIM_CHECK(it != subnets_.end(), "DHCP client on a VPC router port with no subnet");
  it->second.clients[mac] = Client{ip, std::move(owner), std::move(source), false};
}

std::vector<DhcpVpcService::Lease> DhcpVpcService::leases() const {
  std::vector<Lease> out;
  for (const auto& [port, s] : subnets_) {
    size_t first = out.size();
    for (const auto& [mac, c] : s.clients) {
      if (c.bound) out.push_back(Lease{s.name, c.ip, mac, c.owner});
    }
    std::sort(out.begin() + ptrdiff_t(first), out.end(),
              [](const Lease& a, const Lease& b) { return a.ip < b.ip; });
  }
  return out;
}

void DhcpVpcService::answer(Context& ctx, uint16_t port, MacAddr port_mac, const Subnet& s,
                            const Packet& request, DhcpMessage reply, const std::string& why) {
  const Ipv4Addr self{s.cidr.addr.v + 1};
  reply.server_id = self;
  if (reply.type != dhcp::kNak) {
    reply.lease_seconds = kAwsLeaseSeconds;
    reply.subnet_mask = mask_of(s.cidr.len);
    reply.router = self;
    reply.dns = dns_;
    reply.host_name = host_name_of(reply.your_ip);
    reply.domain_name = domain_;
  }
  Packet p;
  p.id = ctx.new_packet_id();
  p.flow = request.flow;
  // To the client's MAC alone: the VPC delivers to the asking ENI, it floods nothing.
  p.eth = EthernetHeader{port_mac, reply.client_mac, EtherType::Ipv4};
  p.ip = Ipv4Header{self, kLimitedBroadcast, 64, IpProto::Udp, 0};
  p.udp = UdpHeader{dhcp::kServerPort, dhcp::kClientPort};
  p.payload_bytes = uint32_t(wire_bytes(reply).size());
  p.app = ctx.put_app(std::move(reply));
  int32_t prev = -1;
  if (ctx.tracing()) {
    const auto& m = std::get<DhcpMessage>(*ctx.app(p));
    prev = ctx.originate(p, summary(m) + " (" + why + ")");
  }
  ctx.emit(port, p);
  if (ctx.tracing()) ctx.set_hop(prev);
}

bool DhcpVpcService::receive(Context& ctx, uint16_t in_port, MacAddr port_mac, const Packet& pkt) {
  if (!pkt.is_udp() || pkt.ip.dst != kLimitedBroadcast || pkt.udp.dst_port != dhcp::kServerPort) {
    return false;
  }
  auto sit = subnets_.find(in_port);
  const AppPayload* payload = ctx.app(pkt);
  const DhcpMessage* m = payload ? std::get_if<DhcpMessage>(payload) : nullptr;
  if (sit == subnets_.end() || !m || m->op() != 1) return false;
  Subnet& s = sit->second;
  const std::string who = "DHCP service of VPC " + vpc_ + " (subnet " + s.name + ")";
  auto cit = s.clients.find(m->client_mac);
  // Every ip="dhcp" instance is registered when the VPC is lowered; nothing else
  // on a subnet runs a DHCP client.
  VPCSIM_CHECK(cit != s.clients.end(), "DHCP request from a MAC no VPC network interface has");
  Client& c = cit->second;
  const Ipv4Addr self{s.cidr.addr.v + 1};
  DhcpMessage reply;
  reply.xid = m->xid;
  reply.broadcast = m->broadcast;
  reply.client_mac = m->client_mac;
  if (m->type == dhcp::kDiscover) {
    if (ctx.tracing()) {
      ctx.step(StepKind::Local,
               "DISCOVER from " + m->client_mac.str() + ": offer " + c.ip.str() +
                   ", the private address of " + c.owner +
                   "'s network interface (AWS's DHCP hands out the address the ENI holds; "
                   "no security group or network ACL filters DHCP)",
               who, c.source);
    }
    reply.type = dhcp::kOffer;
    reply.your_ip = c.ip;
    answer(ctx, in_port, port_mac, s, pkt, reply, "answer to " + m->client_mac.str());
    return true;
  }
  if (m->type != dhcp::kRequest) {
    if (ctx.tracing()) {
      ctx.step(StepKind::Local, summary(*m) + ": not a DISCOVER or REQUEST, ignored", who);
    }
    return true;
  }
  if (m->requested_ip && *m->requested_ip == c.ip && (!m->server_id || *m->server_id == self)) {
    c.bound = true;
    if (ctx.tracing()) {
      ctx.step(StepKind::Local,
               "REQUEST for " + c.ip.str() + ": leased to " + m->client_mac.str() + " (" + c.owner +
                   ") for " + std::to_string(kAwsLeaseSeconds) + " s",
               who, c.source);
    }
    reply.type = dhcp::kAck;
    reply.your_ip = c.ip;
    answer(ctx, in_port, port_mac, s, pkt, reply, "lease confirmed");
    return true;
  }
  if (ctx.tracing()) {
    ctx.step(StepKind::Local,
             "REQUEST for an address that is not " + c.owner + "'s (" + c.ip.str() + "): NAK", who,
             c.source);
  }
  reply.type = dhcp::kNak;
  answer(ctx, in_port, port_mac, s, pkt, reply, "refused");
  return true;
}

}  // namespace vpcsim::sim
