#include "sim/aws/load_balancer.hpp"

#include <algorithm>

#include "sim/core/simulation.hpp"
#include "sim/devices/ip_node.hpp"
#include "sim/services/http_server.hpp"

namespace vpcsim::sim {
namespace {

// Deterministic initial sequence numbers of the node's side of each connection.
constexpr uint32_t kFrontIsn = 0x20000000u, kBackIsn = 0x30000000u;

std::string host_without_port(const std::string& host) {
  size_t colon = host.find(':');
  return colon == std::string::npos ? host : host.substr(0, colon);
}

std::string path_without_query(const std::string& path) {
  size_t q = path.find('?');
  return q == std::string::npos ? path : path.substr(0, q);
}

std::string action_text(const LbAction& a, const LoadBalancerConfig& c) {
  switch (a.kind) {
    case LbAction::Kind::Forward:
      return "forward to target group " + c.groups[a.group].name;
    case LbAction::Kind::Redirect:
      return "redirect to " + a.redirect_protocol + ":" + std::to_string(a.redirect_port);
    case LbAction::Kind::FixedResponse:
      return "fixed response " + std::to_string(a.status);
  }
  return "";
}

const HttpMessage* http_of(Context& ctx, const Packet& pkt) {
  const AppPayload* p = ctx.app(pkt);
  return p ? std::get_if<HttpMessage>(p) : nullptr;
}

}  // namespace

LoadBalancerNode::LoadBalancerNode(LoadBalancerConfig config)
    : config_(std::move(config)), next_target_(config_.groups.size(), 0) {}

void LoadBalancerNode::reset_state() {
  std::fill(next_target_.begin(), next_target_.end(), 0);
  fronts_.clear();
  backs_.clear();
}

std::string LoadBalancerNode::who() const {
  return "ALB " + config_.name;  // NLBs are NlbNode's
}

bool LoadBalancerNode::deliver(Context& ctx, IpNode& node, uint16_t /*in_port*/,
                               const Packet& pkt) {
  if (!pkt.is_tcp()) return false;
  const TcpHeader& t = pkt.tcp;
  if (auto b = backs_.find(t.dst_port); b != backs_.end() && b->second.target.ip == pkt.ip.src &&
                                        b->second.target.port == t.src_port) {
    handle_target(ctx, node, pkt, b->second);
    return true;
  }
  const LbListener* listener = config_.listener(t.dst_port);
  if (!listener) {
    if (ctx.tracing()) {
      ctx.drop(DropReason::LbNoListener, who() + config_.no_listener(t.dst_port),
               "load balancer " + config_.name);
    }
    return true;
  }
  if ((t.flags & tcp_flag::kSyn) && !(t.flags & tcp_flag::kAck)) {
    accept(ctx, node, pkt, *listener);
    return true;
  }
  auto key = std::make_tuple(pkt.ip.src.v, t.src_port, t.dst_port);
  auto front = fronts_.find(key);
  if (t.flags & tcp_flag::kRst) {
    if (front != fronts_.end()) fronts_.erase(front);
    if (ctx.tracing()) ctx.step(StepKind::Local, who() + ": the client reset the connection");
    return true;
  }
  const HttpMessage* request = pkt.app ? http_of(ctx, pkt) : nullptr;
  if (front == fronts_.end()) {
    if (ctx.tracing()) {
      ctx.drop(DropReason::UnexpectedTcp,
               who() + ": segment of no connection this node accepted: dropped",
               "load balancer " + config_.name);
    }
    return true;
  }
  if (!request || request->response) {
    if (ctx.tracing()) {
      ctx.step(StepKind::Local, who() + ": handshake complete on listener " + listener->protocol +
                                    ":" + std::to_string(listener->port));
    }
    return true;
  }
  front->second.client_seq = t.seq + pkt.payload_bytes;
  handle_request(ctx, node, pkt, *listener, *request);
  return true;
}

void LoadBalancerNode::accept(Context& ctx, IpNode& node, const Packet& pkt,
                              const LbListener& listener) {
  const TcpHeader& t = pkt.tcp;
  Front f{pkt.ip.src, pkt.ip.dst, t.src_port, t.dst_port, pkt.flow, t.seq + 1};
  fronts_[std::make_tuple(pkt.ip.src.v, t.src_port, t.dst_port)] = f;
  if (ctx.tracing()) {
    ctx.step(StepKind::Local,
             who() + ": SYN to listener " + listener.protocol + ":" +
                 std::to_string(listener.port) +
                 ": answer SYN-ACK (the load balancer terminates the client's TCP connection)",
             "load balancer " + config_.name, "listener at " + listener.source);
  }
  Packet answer = tcp_segment(ctx.new_packet_id(), pkt.flow, pkt.ip.dst, t.dst_port, pkt.ip.src,
                              t.src_port, tcp_flag::kSyn | tcp_flag::kAck, kFrontIsn, t.seq + 1);
  (void)node.send(ctx, answer);
}

void LoadBalancerNode::handle_request(Context& ctx, IpNode& node, const Packet& pkt,
                                      const LbListener& listener, const HttpMessage& request) {
  const Front& front =
      fronts_.at(std::make_tuple(pkt.ip.src.v, pkt.tcp.src_port, pkt.tcp.dst_port));
  const std::string host = host_without_port(request.host);
  const std::string path = path_without_query(request.path);
  const LbAction* action = &listener.default_action;
  std::string decided = "no rule matches: the listener's default action";
  std::string rule_ref = "default action at " + listener.source;
  for (const LbRule& r : listener.rules) {
    if (!rule_matches(r, host, path)) continue;
    action = &r.action;
    decided = "rule " + std::to_string(r.priority) + " (" + rule_conditions(r) + ") matches";
    rule_ref = "rule " + std::to_string(r.priority) + " at " + r.source;
    break;
  }
  if (ctx.tracing()) {
    ctx.step(StepKind::Local,
             who() + ": " + request.start_line() + " Host " + request.host + " on listener " +
                 listener.protocol + ":" + std::to_string(listener.port) + ": " + decided + ": " +
                 action_text(*action, config_),
             "listener " + listener.protocol + ":" + std::to_string(listener.port) +
                 " of load balancer " + config_.name,
             rule_ref);
  }
  switch (action->kind) {
    case LbAction::Kind::FixedResponse:
      respond(ctx, node, front, http_response(action->status, "awselb/2.0", ""));
      return;
    case LbAction::Kind::Redirect: {
      // AWS's defaults keep the host, path and query: #{host}, /#{path}, #{query}.
      std::string proto = action->redirect_protocol == "HTTPS" ? "https" : "http";
      HttpMessage r = http_response(301, "awselb/2.0", "");
      r.headers.push_back({"Location", proto + "://" + host + ":" +
                                           std::to_string(action->redirect_port) + request.path});
      respond(ctx, node, front, std::move(r));
      return;
    }
    case LbAction::Kind::Forward:
      forward(ctx, node, front, listener, request, config_.groups[action->group]);
      return;
  }
}

void LoadBalancerNode::forward(Context& ctx, IpNode& node, const Front& front,
                               const LbListener& listener, const HttpMessage& request,
                               const LbTargetGroup& group) {
  size_t g = size_t(&group - config_.groups.data());
  if (group.targets.empty()) {
    if (ctx.tracing()) {
      ctx.drop(DropReason::LbEmptyTargetGroup,
               "target group " + group.name + " has no targets: answer 503",
               "target group " + group.name);
    }
    respond(ctx, node, front, http_response(503, "awselb/2.0", ""));
    return;
  }
  size_t i = next_target_[g] % group.targets.size();
  next_target_[g] = i + 1;
  const LbTarget& target = group.targets[i];
  uint16_t port = node.next_ephemeral_port();
  HttpMessage forwarded = request;
  // What an ALB adds, so that the target knows who asked.
  forwarded.headers.push_back({"X-Forwarded-For", front.client.str()});
  forwarded.headers.push_back(
      {"X-Forwarded-Proto", listener.protocol == "HTTPS" ? "https" : "http"});
  forwarded.headers.push_back({"X-Forwarded-Port", std::to_string(listener.port)});
  Back back;
  back.front = front;
  back.target = target;
  back.group = group.name;
  back.request_bytes = uint32_t(http_text(forwarded).size());
  back.request = ctx.put_app(std::move(forwarded));
  back.deadline = ctx.now() + kTargetConnectTimeout;
  Ipv4Addr src = node.source_for(target.ip).value_or(front.local);
  if (ctx.tracing()) {
    ctx.step(StepKind::Local,
             who() + ": round-robin picks target " + std::to_string(i + 1) + " of " +
                 std::to_string(group.targets.size()) + " in " + group.name + ": " + target.name +
                 " (" + target.ip.str() + ":" + std::to_string(target.port) +
                 "); open a new connection to it from " + src.str() + ":" + std::to_string(port),
             "target group " + group.name, target.name);
  }
  backs_[port] = std::move(back);
  Packet syn = tcp_segment(ctx.new_packet_id(), front.flow, src, port, target.ip, target.port,
                           tcp_flag::kSyn, kBackIsn, 0);
  if (auto error = node.send(ctx, syn)) {
    backs_.erase(port);
    respond(ctx, node, front, http_response(502, "awselb/2.0", ""));
  }
}

void LoadBalancerNode::handle_target(Context& ctx, IpNode& node, const Packet& pkt, Back& back) {
  const uint16_t port = pkt.tcp.dst_port;
  const std::string target =
      back.target.name + " (" + back.target.ip.str() + ":" + std::to_string(back.target.port) + ")";
  if (pkt.tcp.flags & tcp_flag::kRst) {
    if (ctx.tracing()) {
      ctx.step(StepKind::Local, who() + ": target " + target +
                                    " refused the connection (RST): answer 502 Bad Gateway");
    }
    Front front = back.front;
    backs_.erase(port);
    respond(ctx, node, front, http_response(502, "awselb/2.0", ""));
    return;
  }
  if ((pkt.tcp.flags & tcp_flag::kSyn) && !back.established) {
    back.established = true;
    if (ctx.tracing()) {
      ctx.step(StepKind::Local,
               who() + ": connected to target " + target +
                   ": send the request with X-Forwarded-For: " + back.front.client.str());
    }
    Packet ack = tcp_segment(ctx.new_packet_id(), back.front.flow, pkt.ip.dst, port, pkt.ip.src,
                             pkt.tcp.src_port, tcp_flag::kAck, kBackIsn + 1, pkt.tcp.seq + 1);
    (void)node.send(ctx, ack);
    Packet data = tcp_segment(ctx.new_packet_id(), back.front.flow, pkt.ip.dst, port, pkt.ip.src,
                              pkt.tcp.src_port, tcp_flag::kPsh | tcp_flag::kAck, kBackIsn + 1,
                              pkt.tcp.seq + 1, back.request, back.request_bytes);
    (void)node.send(ctx, data);
    return;
  }
  const HttpMessage* response = pkt.app ? http_of(ctx, pkt) : nullptr;
  if (!response || !response->response) {
    if (ctx.tracing()) ctx.step(StepKind::Local, who() + ": segment from target " + target);
    return;
  }
  if (ctx.tracing()) {
    ctx.step(StepKind::Local, who() + ": response " + response->start_line() + " from target " +
                                  target + ": relay it to the client " + back.front.client.str() +
                                  ":" + std::to_string(back.front.client_port));
  }
  Front front = back.front;
  uint32_t app = pkt.app, bytes = pkt.payload_bytes;
  backs_.erase(port);
  relay(ctx, node, front, app, bytes);
}

void LoadBalancerNode::respond(Context& ctx, IpNode& node, const Front& front,
                               HttpMessage response) {
  uint32_t bytes = uint32_t(http_text(response).size());
  relay(ctx, node, front, ctx.put_app(std::move(response)), bytes);
}

void LoadBalancerNode::relay(Context& ctx, IpNode& node, const Front& front, uint32_t app,
                             uint32_t bytes) {
  Packet p = tcp_segment(ctx.new_packet_id(), front.flow, front.local, front.port, front.client,
                         front.client_port, tcp_flag::kPsh | tcp_flag::kAck, kFrontIsn + 1,
                         front.client_seq, app, bytes);
  // One request per connection: the client's connection ends with the answer
  // (`front` may refer to the entry erased here; the packet is built already).
  fronts_.erase(std::make_tuple(p.ip.dst.v, p.tcp.dst_port, p.tcp.src_port));
  (void)node.send(ctx, p);
}

std::optional<SimTime> LoadBalancerNode::next_deadline() const {
  std::optional<SimTime> first;
  for (const auto& [port, b] : backs_) {
    if (!b.established && (!first || b.deadline < *first)) first = b.deadline;
  }
  return first;
}

void LoadBalancerNode::expire(Context& ctx, IpNode& node) {
  for (auto it = backs_.begin(); it != backs_.end();) {
    const Back& b = it->second;
    if (b.established || b.deadline > ctx.now()) {
      ++it;
      continue;
    }
    HttpMessage r = http_response(504, "awselb/2.0", "");
    uint32_t bytes = uint32_t(http_text(r).size());
    Packet p = tcp_segment(ctx.new_packet_id(), b.front.flow, b.front.local, b.front.port,
                           b.front.client, b.front.client_port, tcp_flag::kPsh | tcp_flag::kAck,
                           kFrontIsn + 1, b.front.client_seq, ctx.put_app(std::move(r)), bytes);
    if (ctx.tracing()) {
      // A hop of its own for the decision: no packet arrived to hang it on.
      int32_t prev = ctx.originate(p, who() + ": target " + b.target.name + " (" +
                                          b.target.ip.str() + ":" + std::to_string(b.target.port) +
                                          ") did not answer the connection within " +
                                          std::to_string(kTargetConnectTimeout.ns / 1'000'000'000) +
                                          " s: answer 504 Gateway Time-out");
      ctx.set_hop(prev);
    }
    fronts_.erase(std::make_tuple(b.front.client.v, b.front.client_port, b.front.port));
    it = backs_.erase(it);
    (void)node.send(ctx, p);
  }
}

}  // namespace vpcsim::sim
