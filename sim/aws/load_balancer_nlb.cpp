#include "sim/aws/load_balancer_nlb.hpp"

#include <algorithm>

#include "sim/aws/vpc_router.hpp"
#include "sim/core/simulation.hpp"
#include "sim/devices/ip_node.hpp"

namespace vpcsim::sim {
namespace {

std::string endpoint(Ipv4Addr ip, uint16_t port) { return ip.str() + ":" + std::to_string(port); }

std::string target_text(const LbTarget& t) { return t.name + " (" + endpoint(t.ip, t.port) + ")"; }

}  // namespace

NlbNode::NlbNode(LoadBalancerConfig config, VpcRouter* router)
    : config_(std::move(config)), router_(router), next_target_(config_.groups.size(), 0) {}

void NlbNode::reset_state() {
  std::fill(next_target_.begin(), next_target_.end(), 0);
  // The router forgets its steered flows in its own reset_state.
  flows_.clear();
  replies_.clear();
}

const NlbNode::Flow* NlbNode::flow(Ipv4Addr client, uint16_t client_port, uint16_t port) const {
  auto it = flows_.find({client.v, client_port, port});
  return it == flows_.end() ? nullptr : &it->second;
}

bool NlbNode::deliver(Context& ctx, IpNode& node, uint16_t /*in_port*/, const Packet& pkt) {
  if (pkt.is_udp() && node.owns(pkt.ip.dst)) {
    // Only TCP listeners are modelled: a datagram finds no listener (and no ICMP
    // error comes back, as from any port an NLB does not listen on).
    if (ctx.tracing()) {
      ctx.drop(DropReason::LbNoListener,
               who() + " has no UDP listener on port " + std::to_string(pkt.udp.dst_port) +
                   ": the datagram is dropped",
               "load balancer " + config_.name);
    }
    return true;
  }
  if (!pkt.is_tcp()) return false;
  return node.owns(pkt.ip.dst) ? from_client(ctx, node, pkt) : from_target(ctx, node, pkt);
}

bool NlbNode::from_client(Context& ctx, IpNode& node, const Packet& pkt) {
  const TcpHeader& t = pkt.tcp;
  const LbListener* listener = config_.listener(t.dst_port);
  if (!listener) {
    if (ctx.tracing()) {
      ctx.drop(DropReason::LbNoListener, who() + config_.no_listener(t.dst_port),
               "load balancer " + config_.name);
    }
    return true;
  }
  const FlowKey key{pkt.ip.src.v, t.src_port, t.dst_port};
  const Flow* f = nullptr;
  if (auto it = flows_.find(key); it != flows_.end()) {
    f = &it->second;
    if (ctx.tracing()) {
      ctx.step(StepKind::Local,
               who() + ": segment of the flow from " + endpoint(f->client, f->client_port) +
                   ": forwarded to " + target_text(f->target) + ", the flow's target",
               "target group " + f->group, f->target.name);
    }
  } else if ((t.flags & tcp_flag::kSyn) && !(t.flags & tcp_flag::kAck)) {
    f = open_flow(ctx, pkt, *listener);
    if (!f) return true;
  } else {
    if (ctx.tracing()) {
      ctx.drop(DropReason::UnexpectedTcp,
               who() + ": segment of no flow this node forwards (no SYN opened one): dropped",
               "load balancer " + config_.name);
    }
    return true;
  }
  Packet out = pkt;
  out.id = ctx.new_packet_id();
  out.ip.dst = f->target.ip;
  out.tcp.dst_port = f->target.port;
  const bool reset = t.flags & tcp_flag::kRst;
  (void)node.send(ctx, out);
  if (reset) close_flow(key);  // the client ended it; the target learns from the RST
  return true;
}

const NlbNode::Flow* NlbNode::open_flow(Context& ctx, const Packet& pkt,
                                        const LbListener& listener) {
  const uint32_t g = listener.default_action.group;
  static const LbTargetGroup kNone{"(none)", {}};  // validate() reports a missing group
  const LbTargetGroup& group = g < config_.groups.size() ? config_.groups[g] : kNone;
  if (group.targets.empty()) {
    if (ctx.tracing()) {
      ctx.drop(DropReason::LbEmptyTargetGroup,
               who() + ": target group " + group.name +
                   " has no targets: the connection is dropped (the client times out)",
               "target group " + group.name);
    }
    return nullptr;
  }
  size_t& next = next_target_[g];
  const size_t i = next % group.targets.size();
  next = i + 1;
  Flow f{pkt.ip.src, pkt.ip.dst, pkt.tcp.src_port, pkt.tcp.dst_port, group.targets[i], group.name};
  if (ctx.tracing()) {
    ctx.step(StepKind::Local,
             who() + ": new flow " + endpoint(f.client, f.client_port) + " > " +
                 endpoint(f.local, f.port) + " on listener " + listener.protocol + ":" +
                 std::to_string(listener.port) + ": round-robin picks target " +
                 std::to_string(i + 1) + " of " + std::to_string(group.targets.size()) + " in " +
                 group.name + ": " + target_text(f.target) +
                 "; forwarded with the client's source address kept (client IP preservation)",
             "target group " + group.name, "listener at " + listener.source);
  }
  if (router_) {
    router_->steer_flow(f.target.ip, f.target.port, f.client, f.client_port, f.local, who());
  }
  const FlowKey key{f.client.v, f.client_port, f.port};
  replies_[{f.target.ip.v, f.target.port, f.client.v, f.client_port}] = key;
  return &(flows_[key] = std::move(f));
}

bool NlbNode::from_target(Context& ctx, IpNode& node, const Packet& pkt) {
  auto r = replies_.find({pkt.ip.src.v, pkt.tcp.src_port, pkt.ip.dst.v, pkt.tcp.dst_port});
  if (r == replies_.end()) return false;  // not ours: the node's stack drops it
  const FlowKey key = r->second;
  auto it = flows_.find(key);
  if (it == flows_.end()) return false;  // kept in step by open_flow/close_flow
  const Flow& f = it->second;
  if (ctx.tracing()) {
    ctx.step(StepKind::Nat,
             who() + ": reply of " + target_text(f.target) + " in the flow of " +
                 endpoint(f.client, f.client_port) + ": source rewritten to " +
                 endpoint(f.local, f.port) + ", the address the client connected to",
             "load balancer " + config_.name, "flow of " + endpoint(f.client, f.client_port));
  }
  Packet out = pkt;
  out.id = ctx.new_packet_id();
  out.ip.src = f.local;
  out.tcp.src_port = f.port;
  const bool reset = pkt.tcp.flags & tcp_flag::kRst;
  (void)node.send(ctx, out);
  if (reset) close_flow(key);  // the target refused or ended it
  return true;
}

void NlbNode::close_flow(FlowKey key) {
  auto it = flows_.find(key);
  if (it == flows_.end()) return;
  const Flow& f = it->second;
  if (router_) router_->unsteer_flow(f.target.ip, f.target.port, f.client, f.client_port);
  replies_.erase({f.target.ip.v, f.target.port, f.client.v, f.client_port});
  flows_.erase(it);
}

}  // namespace vpcsim::sim
