#pragma once
// AwsModel: the AWS network objects both importers read, before they become
// topology XML. The AWS describe reader and the Terraform plan reader each fill
// one; TopologyWriter turns it into a <topology>. Cross-references are *keys*:
// AWS ids ("sg-0abc...") for describe output, resource instance addresses
// ("aws_security_group.web", "module.a.aws_subnet.this[\"one\"]") for plans, and
// the synthetic keys of default_key() for a VPC's implicit default objects.
// Readers resolve what they can (elastic IPs to the instance or NAT gateway
// holding them, rule references to groups); names, unknown addresses and NAT
// instances are the writer's business. Nothing here is IPv6: readers warn about
// IPv6 values and leave them out.
#include <optional>
#include <string>
#include <vector>

#include "sim/net/ipv4_addr.hpp"
#include "sim/net/prefix.hpp"
#include "topology/spec.hpp"

namespace vpcsim::importer {

// Where an object or value was read: for comments in the XML and for warnings.
struct Origin {
  std::string file;  // as given on the command line
  std::string path;  // JSON path of the object
  std::string id;    // AWS id or Terraform address, shown to the user
};

struct ModelObject {
  std::string key;        // what cross-references use
  std::string name_hint;  // Name tag, group name or resource name; may be empty
  Origin origin;
  std::vector<std::string> notes;  // written as comments next to the element
};

struct Vpc : ModelObject {
  sim::Prefix cidr;
};

struct Subnet : ModelObject {
  std::string vpc;
  sim::Prefix cidr;
  bool map_public_ip_on_launch = false;
};

enum class TargetKind {
  InternetGateway,
  NatGateway,
  Instance,
  NetworkInterface,
  Peering,
  Blackhole
};

struct Route {
  Origin origin;
  sim::Prefix destination;
  TargetKind kind = TargetKind::Blackhole;
  std::string target;  // key of the gateway, instance, ENI or peering; empty for Blackhole
  std::string note;    // why it is what it is (e.g. "target not imported: blackhole")
};

struct RouteTable : ModelObject {
  std::string vpc;
  bool main = false;
  std::vector<Route> routes;  // the local route is implicit and never listed
};

// A subnet's explicit association with a route table or a network ACL.
struct Association {
  Origin origin;
  std::string subnet;
  std::string target;
};

struct InternetGateway : ModelObject {
  std::string vpc;
};

// A public address of an instance or NAT gateway. `ip` is empty when AWS assigns
// it at apply time (a Terraform plan): the writer then picks one.
struct PublicAddress {
  std::optional<sim::Ipv4Addr> ip;
  bool elastic = false;  // an elastic IP (else an auto-assigned public IP)
  std::string origin;    // the elastic IP's id or address, for the comment
};

struct NatGateway : ModelObject {
  std::string subnet;
  std::optional<sim::Ipv4Addr> private_ip;  // empty: unknown until apply
  std::optional<PublicAddress> public_address;
};

struct SgRule {
  Origin origin;
  bool inbound = true;
  topo::Protocol protocol = topo::Protocol::All;
  topo::PortRange ports;            // 0-65535 for all/icmp
  std::optional<sim::Prefix> cidr;  // a CIDR peer, or
  std::string group;                // the key of a peer group
  std::string note;
};

struct SecurityGroup : ModelObject {
  std::string vpc;
  bool is_default = false;  // the VPC's default group: always named "default"
  std::vector<SgRule> rules;
};

struct NaclRule {
  Origin origin;
  uint32_t number = 0;
  bool inbound = true;
  bool allow = true;
  topo::Protocol protocol = topo::Protocol::All;
  topo::PortRange ports;
  sim::Prefix cidr;
};

struct Nacl : ModelObject {
  std::string vpc;
  bool is_default = false;
  std::vector<NaclRule> rules;
};

struct Instance : ModelObject {
  std::string subnet;
  std::optional<sim::Ipv4Addr> private_ip;  // empty: unknown until apply
  std::optional<PublicAddress> public_address;
  std::vector<std::string> groups;  // keys; empty: the VPC's default group
  bool source_dest_check = true;
  std::vector<std::string> interfaces;  // ENI keys (routes may target an ENI)
  // From the vpcsim:listen tag; nullopt when the instance has none (the writer
  // then applies --listen).
  std::optional<std::vector<topo::ListenSpec>> listens;
};

struct Peering : ModelObject {
  std::string requester_vpc, accepter_vpc;
  // "DNS resolution from the remote VPC" on both sides (docs/dns.md: one attribute in vpcsim)
  bool dns_resolution = false;
};

struct AwsModel {
  std::string source;  // what was imported, for the header comment
  std::vector<Vpc> vpcs;
  std::vector<Subnet> subnets;
  std::vector<RouteTable> route_tables;
  std::vector<Association> route_table_associations;
  std::vector<InternetGateway> internet_gateways;
  std::vector<NatGateway> nat_gateways;
  std::vector<SecurityGroup> security_groups;
  std::vector<Nacl> nacls;
  std::vector<Association> nacl_associations;
  std::vector<Instance> instances;
  std::vector<Peering> peerings;
};

// Keys of a VPC's implicit objects, for a reader that knows the VPC but not the
// object's own id (a plan names them as aws_vpc.x.default_security_group_id).
enum class VpcDefault { SecurityGroup, NetworkAcl, MainRouteTable };
[[nodiscard]] std::string default_key(const std::string& vpc_key, VpcDefault what);

// AWS sets "DNS resolution from the remote VPC" per side; vpcsim has one attribute for both
// (docs/dns.md). Both sides on: dns-resolution="true"; one side only: off, with a note.
void set_dns_resolution(Peering& peering, bool requester_side, bool accepter_side);

}  // namespace vpcsim::importer
