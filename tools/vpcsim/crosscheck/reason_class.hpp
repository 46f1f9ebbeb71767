#pragma once
// ReasonClass: what a probe's outcome looks like from the source's point of
// view, the level at which the simulator and the Linux kernel can be compared.
// The kernel cannot say "security group" or "NACL": it shows a reply, silence,
// a TCP reset, an ICMP error of some kind, or a local error before anything was
// sent. The simulator's reason codes (DESIGN.md section 4) are finer; each maps
// to the classes a kernel can show for it (`classes_for_reason`).
// Not compared: which ICMP code a TCP connect saw beyond its errno (the socket
// reports EHOSTUNREACH for host unreachable, prohibited and time exceeded alike).
#include <cstdint>
#include <string_view>
#include <vector>

namespace vpcsim::crosscheck {

enum class ReasonClass : uint8_t {
  None,             // the probe succeeded: a reply, an open port, the destination reached
  Silent,           // nothing came back (dropped without an ICMP error)
  Refused,          // TCP reset from the destination (closed port)
  PortUnreachable,  // ICMP port unreachable
  NetUnreachable,   // ICMP net unreachable (!N), or ENETUNREACH on a socket
  HostUnreachable,  // ICMP host unreachable (!H), or EHOSTUNREACH on a socket
  Prohibited,       // ICMP administratively prohibited / packet filtered (!X)
  TtlExceeded,      // ICMP time exceeded; a traceroute that ran out of hops
  LocalError,       // the source itself refused to send (no route: "Network is unreachable")
  OtherIcmp,        // any other ICMP error
};

// "silent", "net-unreachable", ... as printed and in JSON.
[[nodiscard]] std::string_view class_name(ReasonClass c);

// The class of an iputils ping error line's message ("Destination Net
// Unreachable", "Packet filtered", "Time to live exceeded", ...).
[[nodiscard]] ReasonClass class_of_ping_message(std::string_view message);
// The class of a traceroute marker ("!N", "!H", "!X", "!P", "!<code>").
[[nodiscard]] ReasonClass class_of_traceroute_marker(std::string_view marker);
// The class of the strerror() text a failed TCP connect reports ("Connection
// refused", "No route to host", "Network is unreachable", "Connection timed out").
[[nodiscard]] ReasonClass class_of_connect_error(std::string_view strerror_text);

// The classes a kernel can show for a simulator reason code (its public code,
// e.g. "security-group"). Several for codes that depend on where the drop
// happened: `no-route` is an ICMP net unreachable from a router, a local error
// at the source, or silence in the AWS internet core. Empty for an unknown code.
[[nodiscard]] std::vector<ReasonClass> classes_for_reason(std::string_view reason_code);

// Whether a probe that failed with `reason_code` may show `observed`. Success
// (None) goes with any code (a ping with one lost request still has a reason);
// an unknown code allows anything. False means the simulator's output
// contradicts its own explanation.
[[nodiscard]] bool reason_allows(std::string_view reason_code, ReasonClass observed);

}  // namespace vpcsim::crosscheck
