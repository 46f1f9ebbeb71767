#pragma once
// Service: an application server running on an IpNode: the VPC's DNS resolver,
// a DHCP server, an HTTP server or a load balancer's listener. The node's stack
// offers a service every packet addressed to the node (after its security
// groups and NAT) before its own handling (listeners, port unreachable);
// a service that takes the packet answers through IpNode::send, so the answer
// crosses the same filters, routes and NAT as any other packet.
#include <cstdint>
#include <string_view>

#include "sim/net/packet.hpp"

namespace vpcsim::sim {

class Context;
class IpNode;

class Service {
 public:
  virtual ~Service() = default;
  Service() = default;
  Service(const Service&) = delete;
  Service& operator=(const Service&) = delete;

  // "DNS resolver", "DHCP server": how the journey names it.
  [[nodiscard]] virtual std::string_view name() const = 0;
  // A packet for one of `node`'s addresses; true when this service took it.
  virtual bool deliver(Context& ctx, IpNode& node, uint16_t in_port, const Packet& pkt) = 0;
  // Forgets run-time state (leases handed out, round-robin positions) between
  // independent probes (the same moment IpNode::reset_state runs).
  virtual void reset_state() {}
};

}  // namespace vpcsim::sim
