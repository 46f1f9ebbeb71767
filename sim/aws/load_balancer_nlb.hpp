#pragma once
// NlbNode: one node of an AWS network load balancer (one per subnet it is in),
// a Service on the IpNode that holds the node's network interface.
//
// A network load balancer does NOT terminate TCP (docs/load-balancers.md): each
// new flow (a client's SYN to a listener's port) picks a target of the
// listener's group, round-robin over new flows (each node keeps its own
// position, as each AWS node routes on its own; AWS hashes the 5-tuple, which
// a plan cannot predict), and every segment of the flow is forwarded to that
// target with its destination rewritten and the CLIENT's source address kept
// ("client IP preservation", AWS's default for instance targets). So the
// target's security group must allow the client, not the load balancer.
//
// Return path: the target answers the client's address. The node registers
// each flow with the VPC router (VpcRouter::steer_flow), which sends the
// target's packets of that flow back to the node instead of routing them by
// destination; the node rewrites their source back to its own address and
// listener port and sends them to the client. The node's security groups (an
// NLB given none has none) filter what clients send it (IpNode's inbound
// check); steered replies are part of a flow the node accepted and are not
// filtered again.
// Not modelled: health checks (every target is healthy: a target that is down
// or does not listen makes the client time out or be refused), UDP and TLS
// listeners, cross-zone settings, idle timeouts, stickiness, IP targets.
#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "sim/aws/load_balancer_config.hpp"
#include "sim/services/service.hpp"

namespace vpcsim::sim {

class VpcRouter;

class NlbNode final : public Service {
 public:
  // `router`: the VPC router that steers the targets' replies back (not owned).
  NlbNode(LoadBalancerConfig config, VpcRouter* router);

  [[nodiscard]] std::string_view name() const override { return "network load balancer"; }
  // Takes the TCP segments of clients (to one of the node's listeners) and the
  // targets' replies the VPC steered here (for a client's address).
  bool deliver(Context& ctx, IpNode& node, uint16_t in_port, const Packet& pkt) override;
  void reset_state() override;

  [[nodiscard]] const LoadBalancerConfig& config() const { return config_; }

  // One forwarded flow, as the node remembers it.
  struct Flow {
    Ipv4Addr client, local;              // local: the node's address the client connected to
    uint16_t client_port = 0, port = 0;  // port: the listener's
    LbTarget target;
    std::string group;
  };
  // The flow of the client at `client`:`client_port` on listener `port`, if any.
  [[nodiscard]] const Flow* flow(Ipv4Addr client, uint16_t client_port, uint16_t port) const;
  [[nodiscard]] size_t flow_count() const { return flows_.size(); }

 private:
  using FlowKey = std::tuple<uint32_t, uint16_t, uint16_t>;  // client ip, port, listener port
  bool from_client(Context& ctx, IpNode& node, const Packet& pkt);
  bool from_target(Context& ctx, IpNode& node, const Packet& pkt);
  // Picks a target for a new flow and registers it (and its return path);
  // nullptr (the drop recorded) when the group has no target.
  const Flow* open_flow(Context& ctx, const Packet& pkt, const LbListener& listener);
  void close_flow(FlowKey key);
  [[nodiscard]] std::string who() const { return "NLB " + config_.name; }

  LoadBalancerConfig config_;
  VpcRouter* router_;
  std::vector<size_t> next_target_;  // round-robin position per target group
  std::map<FlowKey, Flow> flows_;
  // Replies by (target ip, target port, client ip, client port) -> flow.
  std::map<std::tuple<uint32_t, uint16_t, uint32_t, uint16_t>, FlowKey> replies_;
};

}  // namespace vpcsim::sim
