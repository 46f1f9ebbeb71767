#include "sim/trace/drop_reason.hpp"

namespace vpcsim::sim {

std::string_view name(DropReason r) {
  switch (r) {
    case DropReason::NoRoute:
      return "no-route";
    case DropReason::Blackhole:
      return "blackhole";
    case DropReason::Prohibited:
      return "prohibited";
    case DropReason::UnreachableRoute:
      return "unreachable-route";
    case DropReason::TtlExceeded:
      return "ttl-exceeded";
    case DropReason::ArpTimeout:
      return "arp-timeout";
    case DropReason::PortClosed:
      return "port-closed";
    case DropReason::NotAddressedToUs:
      return "not-addressed-to-us";
    case DropReason::NotForThisHost:
      return "not-for-this-host";
    case DropReason::SamePortReflection:
      return "same-port-reflection";
    case DropReason::LinkDown:
      return "link-down";
    case DropReason::NotConnected:
      return "not-connected";
    case DropReason::EventBudget:
      return "event-budget";
    case DropReason::SgIngressDenied:
      return "sg-ingress-denied";
    case DropReason::SgEgressDenied:
      return "sg-egress-denied";
    case DropReason::NaclIngressDenied:
      return "nacl-ingress-denied";
    case DropReason::NaclEgressDenied:
      return "nacl-egress-denied";
    case DropReason::NoPublicIp:
      return "no-public-ip";
    case DropReason::NatNoMapping:
      return "nat-no-mapping";
    case DropReason::SourceDestCheck:
      return "source-dest-check";
    case DropReason::NotTransitive:
      return "not-transitive";
    case DropReason::InternetUnroutable:
      return "internet-unroutable";
    case DropReason::IcmpErrorIgnored:
      return "icmp-error-ignored";
    case DropReason::UnexpectedTcp:
      return "unexpected-tcp";
    case DropReason::ReservedAddress:
      return "reserved-address";
    case DropReason::AddressNotInUse:
      return "address-not-in-use";
    case DropReason::DeviceDown:
      return "device-down";
    case DropReason::BroadcastStorm:
      return "broadcast-storm";
      // ---- DNS ----
    case DropReason::DnsNxdomain:
      return "nxdomain";
    case DropReason::DnsNodata:
      return "nodata";
    case DropReason::DnsCnameLoop:
      return "cname-loop";
    case DropReason::DnsNoResolver:
      return "no-resolver";
    case DropReason::DnsTimeout:
      return "dns-timeout";
      // ---- DHCP ----
    case DropReason::DhcpNoOffer:
      return "dhcp-no-offer";
    case DropReason::DhcpPoolExhausted:
      return "dhcp-pool-exhausted";
    case DropReason::DhcpNoLease:
      return "dhcp-no-lease";
      // ---- load balancers ----
    case DropReason::LbNoListener:
      return "lb-no-listener";
    case DropReason::LbEmptyTargetGroup:
      return "lb-empty-target-group";
  }
  return "unknown";
}

std::string_view reason_code(DropReason r) {
  switch (r) {
    case DropReason::UnreachableRoute:
      return "host-unreachable";
    case DropReason::ArpTimeout:
      return "host-unreachable";
    case DropReason::SgIngressDenied:
    case DropReason::SgEgressDenied:
      return "security-group";
    case DropReason::NaclIngressDenied:
    case DropReason::NaclEgressDenied:
      return "nacl";
    case DropReason::InternetUnroutable:
      return "no-route";
    default:
      return name(r);
  }
}

}  // namespace vpcsim::sim
