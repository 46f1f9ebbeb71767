#pragma once
// TopologySpec: plain structs mirroring the topology XML (DESIGN.md section 3),
// each carrying the SourceLoc of its element so that validation and explanations
// can point back at the file. The loader fills these with syntax and type checks
// only; cross-references (names of route tables, groups, link ends) are still
// strings here and are resolved by `validate` and `lower`.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/time.hpp"
#include "sim/net/ipv4_addr.hpp"
#include "sim/net/mac_addr.hpp"
#include "sim/net/prefix.hpp"
#include "topology/boxed.hpp"
#include "topology/dhcp_spec.hpp"
#include "topology/dns_spec.hpp"
#include "topology/load_balancer_spec.hpp"
#include "topology/source_loc.hpp"

namespace vpcsim::topo {

enum class Protocol : uint8_t { All, Tcp, Udp, Icmp };

struct PortRange {
  uint16_t lo = 0, hi = 65535;
  bool operator==(const PortRange&) const = default;
  [[nodiscard]] bool contains(uint16_t p) const { return p >= lo && p <= hi; }
};

// ---- classic devices -------------------------------------------------------

struct ListenSpec {
  SourceLoc loc;
  Protocol protocol = Protocol::Tcp;  // tcp or udp
  uint16_t port = 0;
};

struct MasqueradeSpec {
  SourceLoc loc;
  std::string interface;              // empty: the node's only / default-route interface
  std::optional<sim::Prefix> source;  // empty: any source
};

struct PortForwardSpec {
  SourceLoc loc;
  Protocol protocol = Protocol::Tcp;  // tcp or udp
  uint16_t port = 0;
  std::optional<sim::Ipv4Addr> to_ip;  // empty: local REDIRECT
  uint16_t to_port = 0;                // 0: same as `port`
};

struct InterfaceSpec {
  SourceLoc loc;
  std::string name;
  sim::InterfaceAddr addr;
  std::optional<sim::Ipv4Addr> gateway;
  std::optional<sim::MacAddr> mac;  // empty: derived from "node:interface"
  Boxed<DhcpLeasePlan> dhcp;        // ip="dhcp": addr/gateway are the planned lease
};

enum class RouteType : uint8_t { Normal, Blackhole, Unreachable, Prohibit };

struct RouteSpec {
  SourceLoc loc;
  sim::Prefix destination;
  std::optional<sim::Ipv4Addr> via;
  std::string interface;  // set when the route names an interface instead of a gateway
  RouteType type = RouteType::Normal;
};

enum class NodeKind : uint8_t { Host, Router, Switch, Hub };

struct NodeSpec {
  SourceLoc loc;
  NodeKind kind = NodeKind::Host;
  std::string name;
  std::vector<InterfaceSpec> interfaces;  // hosts and routers
  std::vector<RouteSpec> routes;          // hosts and routers
  std::vector<ListenSpec> listens;
  std::vector<MasqueradeSpec> masquerades;
  std::vector<PortForwardSpec> port_forwards;
  std::optional<sim::Duration> mac_aging;           // switches; default 300 s
  bool down = false;                                // down="true": powered off (docs/faults.md)
  Boxed<std::vector<DhcpServerSpec>> dhcp_servers;  // hosts and routers (docs/dhcp.md)
  Boxed<DnsNodeSpec> dns;                           // <dns-server/>, resolver= (docs/dns.md)
};

struct LinkEndSpec {
  std::string node;
  std::string interface;  // empty for a switch or hub port (ports are numbered in link order)
  bool operator==(const LinkEndSpec&) const = default;
};

struct LinkSpec {
  SourceLoc loc;
  LinkEndSpec a, b;
  sim::Duration latency{100'000};         // 0.1 ms default
  std::optional<uint64_t> bandwidth_bps;  // empty: infinite
  bool down = false;
};

struct NetworkSpec {
  SourceLoc loc;
  std::string name;
  std::vector<NodeSpec> nodes;
  std::vector<LinkSpec> links;
};

// ---- AWS constructs --------------------------------------------------------

struct InternetHostSpec {
  SourceLoc loc;
  std::string name;
  sim::Ipv4Addr ip;  // public address
  std::vector<ListenSpec> listens;
  bool down = false;
  Boxed<DnsNodeSpec> dns;  // <dns-server/> (docs/dns.md)
};

struct InternetSpec {
  SourceLoc loc;
  std::vector<InternetHostSpec> hosts;
};

struct VpcRouteSpec {
  SourceLoc loc;
  sim::Prefix destination;
  std::string
      target;  // "local", "blackhole", or the name of an IGW, NAT gateway, instance, peering
};

struct RouteTableSpec {
  SourceLoc loc;
  std::string name;
  bool main = false;
  std::vector<VpcRouteSpec> routes;
};

struct SubnetSpec {
  SourceLoc loc;
  std::string name;
  sim::Prefix cidr;
  std::string route_table;  // empty: the VPC's main route table
  std::string nacl;         // empty: the VPC's default NACL (allow all)
};

struct NaclRuleSpec {
  SourceLoc loc;
  uint32_t number = 0;
  bool inbound = true;
  bool allow = true;
  Protocol protocol = Protocol::All;
  PortRange ports;  // ignored for all/icmp
  sim::Prefix cidr;
};

struct NaclSpec {
  SourceLoc loc;
  std::string name;
  std::vector<NaclRuleSpec> rules;
};

struct SgRuleSpec {
  SourceLoc loc;
  bool inbound = true;
  Protocol protocol = Protocol::All;
  PortRange ports;                  // ignored for all/icmp
  std::optional<sim::Prefix> cidr;  // source (inbound) / destination (outbound)
  std::string group;                // source-group / destination-group
};

struct SecurityGroupSpec {
  SourceLoc loc;
  std::string name;
  std::vector<SgRuleSpec> rules;
  bool default_outbound = true;  // AWS adds allow-all outbound when no <outbound> is listed
};

struct InternetGatewaySpec {
  SourceLoc loc;
  std::string name;
};

struct NatGatewaySpec {
  SourceLoc loc;
  std::string name;
  std::string subnet;
  sim::Ipv4Addr ip;
  sim::Ipv4Addr elastic_ip;
  bool down = false;
};

struct InstanceSpec {
  SourceLoc loc;
  std::string name;
  std::string subnet;
  sim::Ipv4Addr ip;
  std::optional<sim::Ipv4Addr> elastic_ip;   // elastic-ip= or public-ip=
  std::vector<std::string> security_groups;  // empty: the VPC's default group
  bool source_dest_check = true;
  std::optional<sim::MacAddr> mac;
  std::vector<ListenSpec> listens;
  std::vector<MasqueradeSpec> masquerades;
  std::vector<PortForwardSpec> port_forwards;
  bool down = false;
  Boxed<DnsNodeSpec> dns;     // <dns-server/> (docs/dns.md)
  Boxed<DhcpLeasePlan> dhcp;  // ip="dhcp": `ip` is the planned lease (docs/dhcp.md)
};

struct VpcSpec {
  SourceLoc loc;
  std::string name;
  sim::Prefix cidr;
  std::optional<InternetGatewaySpec> internet_gateway;
  std::vector<RouteTableSpec> route_tables;
  std::vector<SubnetSpec> subnets;
  std::vector<NaclSpec> nacls;
  std::vector<SecurityGroupSpec> security_groups;
  std::vector<NatGatewaySpec> nat_gateways;
  std::vector<InstanceSpec> instances;
  std::vector<LoadBalancerSpec> load_balancers;  // topology/load_balancer_spec.hpp
  std::vector<TargetGroupSpec> target_groups;
};

struct PeeringSpec {
  SourceLoc loc;
  std::string name;
  std::string a, b;  // VPC names
  // dns-resolution="true": AWS's "DNS resolution from the peer VPC", both ways
  // (docs/dns.md): EC2 public names resolve to private addresses across it.
  bool dns_resolution = false;
};

struct TopologySpec {
  SourceLoc loc;
  std::string file;
  std::string name;
  std::optional<InternetSpec> internet;
  std::vector<VpcSpec> vpcs;
  std::vector<PeeringSpec> peerings;
  std::vector<NetworkSpec> networks;
  std::vector<DnsZoneSpec> dns_zones;  // docs/dns.md
};

}  // namespace vpcsim::topo
