#pragma once
// LoadBalancerNode: one node of an AWS load balancer (one per subnet it is in),
// a Service on an IpNode that holds the node's network interface, so that its
// security groups, routes and the IGW's 1:1 NAT apply as to any ENI.
//
// Application load balancer (docs/load-balancers.md): terminates the client's
// TCP connection (answers the SYN itself), reads the HTTP request, evaluates
// the listener's rules in priority order (host and path patterns) and then its
// default action: a fixed response, a redirect (301 with Location), or a
// forward: the next target of the group, round-robin (per node, as each AWS
// load balancer node routes on its own), reached over a NEW connection from the
// node's own address, so the target's security group must allow the load
// balancer's. The target's answer is relayed to the client; a refusal becomes
// 502 Bad Gateway, no answer within 10 s 504 Gateway Time-out, an empty group
// 503. Everything decided is a step of the journey, on the probe's flow.
// Not modelled: health checks, stickiness, weights, TLS, keep-alive, several
// requests per connection, idle timeouts, cross-zone settings. Network load
// balancers: sim/aws/load_balancer_nlb.hpp.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "sim/aws/load_balancer_config.hpp"
#include "sim/core/time.hpp"
#include "sim/services/http_message.hpp"
#include "sim/services/service.hpp"

namespace vpcsim::sim {

class LoadBalancerNode final : public Service {
 public:
  // How long a node waits for a target's SYN-ACK (AWS: 10 s, then 504).
  static constexpr Duration kTargetConnectTimeout{10'000'000'000};

  explicit LoadBalancerNode(LoadBalancerConfig config);

  [[nodiscard]] std::string_view name() const override { return "load balancer"; }
  bool deliver(Context& ctx, IpNode& node, uint16_t in_port, const Packet& pkt) override;
  void reset_state() override;

  [[nodiscard]] const LoadBalancerConfig& config() const { return config_; }
  // The earliest time a connection to a target gives up, if one is waiting.
  // Services have no timers of their own: a probe that finds its run idle
  // calls `expire` at that time (nothing else can happen before it).
  [[nodiscard]] std::optional<SimTime> next_deadline() const;
  // Answers 504 for every connection to a target whose deadline has passed.
  void expire(Context& ctx, IpNode& node);

 private:
  // The client's connection, which this node terminated.
  struct Front {
    Ipv4Addr client, local;
    uint16_t client_port = 0, port = 0;
    uint32_t flow = 0;
    uint32_t client_seq = 0;  // next sequence number expected from the client
  };
  // A connection this node opened to a target, for one client request.
  struct Back {
    Front front;
    LbTarget target;
    std::string group;
    uint32_t request = 0;  // the forwarded request (AppPayloadStore index)
    uint32_t request_bytes = 0;
    SimTime deadline;
    bool established = false;
  };

  void accept(Context& ctx, IpNode& node, const Packet& pkt, const LbListener& listener);
  void handle_request(Context& ctx, IpNode& node, const Packet& pkt, const LbListener& listener,
                      const HttpMessage& request);
  void forward(Context& ctx, IpNode& node, const Front& front, const LbListener& listener,
               const HttpMessage& request, const LbTargetGroup& group);
  void handle_target(Context& ctx, IpNode& node, const Packet& pkt, Back& back);
  // Sends an answer of its own (redirect, fixed response, 5XX) on `front`.
  void respond(Context& ctx, IpNode& node, const Front& front, HttpMessage response);
  void relay(Context& ctx, IpNode& node, const Front& front, uint32_t app, uint32_t bytes);
  [[nodiscard]] std::string who() const;

  LoadBalancerConfig config_;
  std::vector<size_t> next_target_;  // round-robin position per target group
  std::map<std::tuple<uint32_t, uint16_t, uint16_t>, Front> fronts_;  // client ip, port, listener
  std::map<uint16_t, Back> backs_;                                    // by this node's source port
};

}  // namespace vpcsim::sim
