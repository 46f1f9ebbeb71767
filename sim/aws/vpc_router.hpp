#pragma once
// VpcRouter: the implicit router of one VPC, as AWS describes it. One port per
// subnet (its address is the subnet's .1), plus a port to the internet gateway
// and one per peering connection. Pipeline per frame:
//   ARP for a subnet's .1? -> answer
//   broadcast DHCP request from a subnet? -> AWS's DHCP service answers (no NACL)
//   from a subnet:  NACL outbound of that subnet -> route table of that subnet
//   from the IGW:   local route only (the translated destination is in the VPC)
//   from a peering: local route only; anything else would transit: not-transitive
//   -> output: subnet (NACL inbound of the destination subnet, neighbour from the
//      VPC's mapping service), IGW, or peering.
// Transparent, as in AWS: no TTL decrement, never a traceroute hop, no ICMP
// errors. It does not ARP for instances: the VPC knows every ENI's MAC, so the
// neighbour table is filled at lowering time.
// Not modelled: gateway route tables (edge associations), prefix lists, transit
// gateways, VPC endpoints, middlebox routing.
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "sim/devices/device.hpp"
#include "sim/filters/stateless_acl.hpp"
#include "sim/net/prefix.hpp"
#include "sim/services/dhcp_vpc_service.hpp"
#include "sim/tables/route_table.hpp"

namespace vpcsim::sim {

// Where a VPC route sends matching packets (RouteEntry::target indexes these).
struct VpcRouteTarget {
  enum class Kind : uint8_t { Local, Gateway, Peering, Eni, Blackhole };
  Kind kind = Kind::Local;
  std::string name;   // "local", the IGW's, the peering's, the NAT gateway's or instance's
  uint16_t port = 0;  // Gateway, Peering: the port; Eni: the subnet port of `ip`
  Ipv4Addr ip;        // Eni: the next hop's private address
};

class VpcRouter final : public Device {
 public:
  VpcRouter(DeviceId id, std::string name, Prefix cidr)
      : Device(id, std::move(name)), cidr_(cidr) {}

  [[nodiscard]] DeviceKind kind() const override { return DeviceKind::VpcRouter; }
  void receive(Context& ctx, uint16_t in_port, Packet& pkt) override;

  // ---- configuration (before the run) ----
  uint16_t add_table(RouteTable table);  // returns its index; entries' `target` from add_target
  uint32_t add_target(VpcRouteTarget t);
  uint16_t add_acl(StatelessAcl acl);
  // A subnet port: router address .1 with `mac`, using table `table` and NACL `acl`.
  uint16_t add_subnet(std::string subnet_name, Prefix cidr, MacAddr mac, uint16_t table,
                      uint16_t acl);
  // The IGW's or a peering's port; frames leave it towards `peer_mac`.
  uint16_t add_gateway_port(std::string port_name, MacAddr mac, MacAddr peer_mac);
  // The port towards the Amazon DNS server (Route 53 Resolver) at `ip`, the
  // VPC's base+2. Traffic to and from it skips the NACLs, as in AWS (docs/dns.md).
  uint16_t add_dns_port(Ipv4Addr ip, MacAddr mac, MacAddr peer_mac);
  // The VPC mapping service: the MAC of an ENI's private address.
  void add_neighbour(Ipv4Addr ip, MacAddr mac) { neighbours_[ip.v] = mac; }
  // AWS's DHCP service, for instances with ip="dhcp" (sim/services/dhcp_vpc_service.hpp);
  // a VPC without them has none and pays nothing per frame.
  void set_dhcp(std::unique_ptr<DhcpVpcService> dhcp) { dhcp_ = std::move(dhcp); }
  [[nodiscard]] const DhcpVpcService* dhcp() const { return dhcp_.get(); }

  // ---- flow steering (a network load balancer's return path, run time) ----
  // Packets of the TCP flow `src:sport > dst:dport` that come from a subnet go
  // to the ENI at `via` (in one of this VPC's subnets) instead of being routed
  // by destination: AWS's fabric steers a target's replies to a client whose
  // address an NLB preserved back through that NLB (docs/load-balancers.md).
  void steer_flow(Ipv4Addr src, uint16_t sport, Ipv4Addr dst, uint16_t dport, Ipv4Addr via,
                  std::string owner);
  void unsteer_flow(Ipv4Addr src, uint16_t sport, Ipv4Addr dst, uint16_t dport);
  void reset_state() override { steered_.clear(); }

  // A subnet's port and the route table and NACL it uses.
  struct SubnetPort {
    std::string name;
    Prefix cidr;
    uint16_t table = 0;
    uint16_t acl = 0;
    uint16_t port = 0;
  };

  [[nodiscard]] const Prefix& cidr() const { return cidr_; }
  [[nodiscard]] const std::vector<RouteTable>& tables() const { return tables_; }
  // For inspection (`vpcsim show --routes`): subnets in port order, and what a
  // route's `target` index names.
  [[nodiscard]] const std::vector<SubnetPort>& subnets() const { return subnets_; }
  [[nodiscard]] const VpcRouteTarget& target(uint32_t index) const { return targets_.at(index); }

 private:
  struct PortInfo {
    MacAddr mac, peer_mac;  // peer_mac: gateway/peering ports only
    int32_t subnet = -1;    // index into subnets_, or -1
  };

  void answer_arp(Context& ctx, uint16_t in_port, const Packet& pkt);
  // Answers `request` with `answered` at in_port's MAC; `what` is the journey's line
  // (built by the caller only when tracing).
  void send_arp_reply(Context& ctx, uint16_t in_port, const Packet& request, Ipv4Addr answered,
                      const std::string& what);
  [[nodiscard]] bool nacl_allows(Context& ctx, const SubnetPort& s, const Packet& pkt,
                                 bool inbound);
  [[nodiscard]] const RouteEntry* route(Context& ctx, const SubnetPort& s, const Packet& pkt);
  void deliver_local(Context& ctx, Packet& pkt, bool nacl = true);
  void send_to_subnet(Context& ctx, uint16_t port, Ipv4Addr next_hop, Packet& pkt,
                      bool nacl = true);
  void send_to_gateway(Context& ctx, uint16_t port, Packet& pkt);
  [[nodiscard]] Ipv4Addr router_ip(const SubnetPort& s) const { return {s.cidr.addr.v + 1}; }
  [[nodiscard]] int32_t subnet_of(Ipv4Addr ip) const;
  // Sends a packet of a steered flow to its NLB node; false when not steered.
  [[nodiscard]] bool steer(Context& ctx, Packet& pkt);

  Prefix cidr_;
  std::vector<RouteTable> tables_;
  std::vector<VpcRouteTarget> targets_;
  std::vector<StatelessAcl> acls_;
  std::vector<SubnetPort> subnets_;
  std::vector<PortInfo> port_info_;
  std::unordered_map<uint32_t, MacAddr> neighbours_;
  int32_t dns_port_ = -1;                 // -1: no DNS server attached
  std::unique_ptr<DhcpVpcService> dhcp_;  // null: no instance uses DHCP
  // Steered flows by (src, dst, sport << 16 | dport): empty unless an NLB forwarded
  // something, so a VPC without one pays a single empty() test per packet.
  struct Steer {
    Ipv4Addr via;
    std::string owner;  // "NLB web-nlb", for the journey
  };
  std::map<std::tuple<uint32_t, uint32_t, uint32_t>, Steer> steered_;
  Ipv4Addr dns_ip_;
};

}  // namespace vpcsim::sim
