#include "tools/vpcsim/crosscheck/reason_class.hpp"

#include <algorithm>
#include <map>

namespace vpcsim::crosscheck {

std::string_view class_name(ReasonClass c) {
  switch (c) {
    case ReasonClass::None:
      return "none";
    case ReasonClass::Silent:
      return "silent";
    case ReasonClass::Refused:
      return "refused";
    case ReasonClass::PortUnreachable:
      return "port-unreachable";
    case ReasonClass::NetUnreachable:
      return "net-unreachable";
    case ReasonClass::HostUnreachable:
      return "host-unreachable";
    case ReasonClass::Prohibited:
      return "prohibited";
    case ReasonClass::TtlExceeded:
      return "ttl-exceeded";
    case ReasonClass::LocalError:
      return "local-error";
    case ReasonClass::OtherIcmp:
      return "other-icmp";
  }
  return "other-icmp";
}

ReasonClass class_of_ping_message(std::string_view message) {
  // iputils pr_icmph() texts, grouped as the ICMP codes they print.
  static const std::map<std::string_view, ReasonClass> kMessages = {
      {"Destination Net Unreachable", ReasonClass::NetUnreachable},
      {"Destination Net Unknown", ReasonClass::NetUnreachable},
      {"Destination Net Unreachable for Type of Service", ReasonClass::NetUnreachable},
      {"Destination Host Unreachable", ReasonClass::HostUnreachable},
      {"Destination Host Unknown", ReasonClass::HostUnreachable},
      {"Destination Host Unreachable for Type of Service", ReasonClass::HostUnreachable},
      {"Destination Port Unreachable", ReasonClass::PortUnreachable},
      {"Packet filtered", ReasonClass::Prohibited},
      {"Destination Net Prohibited", ReasonClass::Prohibited},
      {"Destination Host Prohibited", ReasonClass::Prohibited},
      {"Time to live exceeded", ReasonClass::TtlExceeded},
  };
  auto it = kMessages.find(message);
  return it == kMessages.end() ? ReasonClass::OtherIcmp : it->second;
}

ReasonClass class_of_traceroute_marker(std::string_view marker) {
  if (marker.empty()) return ReasonClass::None;
  if (marker == "!N") return ReasonClass::NetUnreachable;
  if (marker == "!H") return ReasonClass::HostUnreachable;
  if (marker == "!X") return ReasonClass::Prohibited;
  if (marker == "!P") return ReasonClass::OtherIcmp;  // protocol unreachable
  return ReasonClass::OtherIcmp;                      // !S, !F-N, !<code>, ...
}

ReasonClass class_of_connect_error(std::string_view text) {
  if (text.empty()) return ReasonClass::None;
  if (text == "Connection refused") return ReasonClass::Refused;
  if (text == "Connection timed out") return ReasonClass::Silent;
  // EPERM from the source's own firewall: silent in AWS (see connect_verdict).
  if (text == "Operation not permitted") return ReasonClass::Silent;
  if (text == "Network is unreachable") return ReasonClass::NetUnreachable;
  // EHOSTUNREACH: host unreachable, prohibited (code 13) and time exceeded alike.
  if (text == "No route to host") return ReasonClass::HostUnreachable;
  // EACCES: what a socket reports for net/host prohibited (codes 9, 10) on
  // some kernels, and for a local firewall REJECT with admin-prohibited.
  if (text == "Permission denied") return ReasonClass::Prohibited;
  return ReasonClass::OtherIcmp;
}

std::vector<ReasonClass> classes_for_reason(std::string_view code) {
  using C = ReasonClass;
  // AWS drops without telling anyone: no ICMP error for a security group, a
  // NACL, a missing public IP, a blackhole route, NAT without a mapping, a
  // peering that would be transitive or a source/dest check.
  static const std::map<std::string_view, std::vector<C>> kClasses = {
      {"security-group", {C::Silent}},
      {"nacl", {C::Silent}},
      {"no-public-ip", {C::Silent}},
      {"blackhole", {C::Silent}},
      {"nat-no-mapping", {C::Silent}},
      {"not-transitive", {C::Silent}},
      {"source-dest-check", {C::Silent}},
      {"reserved-address", {C::Silent}},
      {"address-not-in-use", {C::Silent}},
      {"not-addressed-to-us", {C::Silent}},
      {"not-for-this-host", {C::Silent}},
      {"same-port-reflection", {C::Silent}},
      {"icmp-error-ignored", {C::Silent}},
      {"unexpected-tcp", {C::Silent}},
      // A router without a route answers !N; the source without one refuses to
      // send; the VPC router and the internet core drop silently.
      {"no-route", {C::NetUnreachable, C::LocalError, C::Silent}},
      {"prohibited", {C::Prohibited}},
      // An unreachable route or a neighbour that never answers ARP: ICMP host
      // unreachable, from a router or from the source itself.
      {"host-unreachable", {C::HostUnreachable}},
      // Ping shows time exceeded; a TCP connect sees EHOSTUNREACH.
      {"ttl-exceeded", {C::TtlExceeded, C::HostUnreachable}},
      {"port-closed", {C::Refused, C::PortUnreachable}},
      // A down link or device: silence, ARP failing (host unreachable), or no
      // route at all at the source when its own interface is down.
      {"link-down", {C::Silent, C::HostUnreachable, C::LocalError}},
      {"device-down", {C::Silent, C::HostUnreachable, C::LocalError}},
      {"not-connected", {C::Silent, C::HostUnreachable}},
      // Loops: frames circling an L2 loop, or an event budget spent on a routing loop.
      {"event-budget", {C::Silent, C::TtlExceeded}},
      {"broadcast-storm", {C::Silent, C::HostUnreachable}},
  };
  auto it = kClasses.find(code);
  return it == kClasses.end() ? std::vector<C>{} : it->second;
}

bool reason_allows(std::string_view reason_code, ReasonClass observed) {
  if (observed == ReasonClass::None) return true;
  std::vector<ReasonClass> allowed = classes_for_reason(reason_code);
  return allowed.empty() || std::find(allowed.begin(), allowed.end(), observed) != allowed.end();
}

}  // namespace vpcsim::crosscheck
