#pragma once
// DropReason: why a packet's journey ended short of its destination. Each value
// means exactly one thing (add a value rather than reuse one). `reason_code` maps
// it to the public reason codes of DESIGN.md section 4 (several internal reasons
// may share one public code, e.g. both directions of a security group); `name`
// is the precise, unique identifier shown in --explain and JSON.
#include <cstdint>
#include <string_view>

namespace vpcsim::sim {

enum class DropReason : uint8_t {
  NoRoute,             // no route matches the destination
  Blackhole,           // a blackhole route matched: silent drop
  Prohibited,          // a prohibit route matched: ICMP administratively prohibited
  UnreachableRoute,    // an unreachable route matched: ICMP host unreachable
  TtlExceeded,         // TTL would reach 0 at a router
  ArpTimeout,          // the next hop never answered ARP (3 tries)
  PortClosed,          // no listener: TCP RST or ICMP port unreachable
  NotAddressedToUs,    // frame's destination MAC is another station's
  NotForThisHost,      // IP not ours and this node does not forward
  SamePortReflection,  // switch: destination is learned on the ingress port
  LinkDown,            // the link is administratively down
  NotConnected,        // the port has no link
  EventBudget,         // the run hit its event budget (storm or loop)
  SgIngressDenied,     // security group: no inbound rule allows it
  SgEgressDenied,      // security group: no outbound rule allows it
  NaclIngressDenied,   // NACL inbound: a deny rule or the implicit deny
  NaclEgressDenied,    // NACL outbound: a deny rule or the implicit deny
  NoPublicIp,          // IGW: the private source has no public address
  NatNoMapping,        // NAT: inbound packet matches no translation
  SourceDestCheck,     // instance with source/dest check got traffic not its own
  NotTransitive,       // VPC peering: traffic would transit a peer VPC
  InternetUnroutable,  // internet core: private or unowned destination
  IcmpErrorIgnored,    // an ICMP error nobody is waiting for
  UnexpectedTcp,       // a TCP segment that matches no connection attempt
  ReservedAddress,     // VPC: one of a subnet's 5 reserved addresses (network, .1-.3, broadcast)
  AddressNotInUse,     // VPC: no network interface has this address in its subnet
  DeviceDown,          // the sending or receiving device is down (down="true" or a fault)
  BroadcastStorm,      // the run spent its event budget on a frame circling an L2 loop
  // ---- DNS (docs/dns.md) ----
  DnsNxdomain,    // the name does not exist (NXDOMAIN)
  DnsNodata,      // the name exists but has no record of the type asked (NODATA)
  DnsCnameLoop,   // a CNAME chain comes back to a name it already went through
  DnsNoResolver,  // the asking node has no DNS resolver configured
  DnsTimeout,     // no DNS answer came back and no drop explains why
  // ---- DHCP (docs/dhcp.md) ----
  DhcpNoOffer,        // a DHCP client's DISCOVERs got no OFFER (no server answered)
  DhcpPoolExhausted,  // a DHCP server had no free address in its pool for a client
  DhcpNoLease,        // a DHCP client sends before it holds a lease: it has no address
  // ---- load balancers (docs/load-balancers.md) ----
  LbNoListener,        // load balancer: nothing listens on the port the client connected to
  LbEmptyTargetGroup,  // load balancer: the target group a request goes to has no targets
};

[[nodiscard]] std::string_view name(DropReason r);
// Public reason code (DESIGN.md section 4), e.g. "security-group", "no-route".
[[nodiscard]] std::string_view reason_code(DropReason r);

}  // namespace vpcsim::sim
