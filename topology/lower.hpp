#pragma once
// Lowering: a validated TopologySpec becomes a sim::Network of generic devices.
// Classic nodes map one to one (host/router -> IpNode, switch -> L2Switch,
// hub -> Hub, link -> Link). Switch and hub ports are named p1, p2, ... in the
// order links attach to them. MACs not given are derived from "node:interface".
// The result also keeps what the command line needs to aim probes: each node's
// device id and addresses, and name resolution as seen from a source node.
// Precondition: `validate(spec)` reported no errors (lowering does not re-check).
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sim/fabric/network.hpp"
#include "sim/net/ipv4_addr.hpp"
#include "topology/spec.hpp"

namespace vpcsim::topo {

// A node probes can start from or aim at.
struct Endpoint {
  std::string name;
  sim::DeviceId device;
  std::string kind;  // "host", "router", "instance", "internet-host", "nat-gateway"
  std::vector<sim::InterfaceAddr> addresses;  // in interface order
  std::vector<ListenSpec> listens;
  std::string vpc;                       // the VPC of an instance or NAT gateway, else empty
  std::optional<sim::Ipv4Addr> public_ip;  // elastic/public IP; an internet host's own address
};

class LoweredTopology {
 public:
  sim::Network network;
  std::vector<Endpoint> endpoints;  // document order
  std::set<std::pair<std::string, std::string>> peered;  // (vpc, vpc), both orders

  [[nodiscard]] const Endpoint* endpoint(std::string_view name) const;
  [[nodiscard]] const Endpoint* endpoint_owning(sim::Ipv4Addr ip) const;
  // A probe target as `from` would name it (split horizon): a dotted-quad
  // literal; an instance's private IP from its own or a peered VPC, its public IP
  // from anywhere else (its private IP when it has none: see `no_public_ip`); a
  // classic node's address on a subnet it shares with `from`, else its first.
  [[nodiscard]] std::optional<sim::Ipv4Addr> resolve(const Endpoint& from,
                                                     std::string_view target) const;
  // Why `target`, named from `from`, stands only for a private address `from`
  // cannot reach (an instance without a public IP seen from outside its VPC);
  // nullopt when the name resolves normally.
  [[nodiscard]] std::optional<std::string> no_public_ip(const Endpoint& from,
                                                        std::string_view target) const;

 private:
  friend LoweredTopology lower(const TopologySpec& spec);
  std::map<std::string, size_t, std::less<>> by_name_;
};

[[nodiscard]] LoweredTopology lower(const TopologySpec& spec);

}  // namespace vpcsim::topo
