#pragma once
// DhcpServer: a DHCP server on one interface of an IpNode (ISC dhcpd, dnsmasq,
// a home router's). Answers DISCOVER with an OFFER of the lowest free address
// of its pool (one the client already holds or was offered first), REQUEST for
// that address with ACK, anything else with NAK. Answers are broadcast on the
// interface the request came in by (the clients set the broadcast flag).
// Leases are kept for the life of the simulation (a lease is an hour or more;
// a run is seconds) and outlive reset_state, like the clients' addresses.
// No relay: requests from behind a router never arrive (docs/dhcp.md).
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "sim/net/prefix.hpp"
#include "sim/services/dhcp_message.hpp"
#include "sim/services/service.hpp"

namespace vpcsim::sim {

struct DhcpPool {
  uint16_t iface = 0;  // the interface served; its address is the server identifier
  Ipv4Addr first, last;
  std::optional<Ipv4Addr> router;  // option 3
  std::optional<Ipv4Addr> dns;     // option 6
  uint32_t lease_seconds = 3600;   // option 51
  std::string source;              // "file:line:col" of the <dhcp-server>
};

class DhcpServer final : public Service {
 public:
  explicit DhcpServer(DhcpPool pool) : pool_(std::move(pool)) {}

  [[nodiscard]] std::string_view name() const override { return "DHCP server"; }
  bool deliver(Context& ctx, IpNode& node, uint16_t in_port, const Packet& pkt) override;

  [[nodiscard]] const DhcpPool& pool() const { return pool_; }
  // Bound leases by client MAC (ACKed), for `vpcsim show` and tests.
  [[nodiscard]] const std::map<MacAddr, Ipv4Addr>& leases() const { return leases_; }

 private:
  [[nodiscard]] std::optional<Ipv4Addr> pick(MacAddr client) const;
  void answer(Context& ctx, IpNode& node, const Packet& request, DhcpMessage reply,
              const std::string& why);

  DhcpPool pool_;
  std::map<MacAddr, Ipv4Addr> leases_;
  std::map<MacAddr, Ipv4Addr> offers_;
};

}  // namespace vpcsim::sim
