#pragma once
// AddressPool: hands out addresses a plan does not know yet, deterministically:
// the lowest free address of a range, in the order they are asked for. Addresses
// already known (written in the input) are marked used first, so a chosen one
// never collides with them. For a subnet, the five addresses AWS reserves
// (network, .1 router, .2 DNS, .3 reserved, broadcast) are never handed out.
#include <optional>
#include <set>

#include "sim/net/ipv4_addr.hpp"
#include "sim/net/prefix.hpp"

namespace vpcsim::importer {

class AddressPool {
 public:
  // A VPC subnet: skips AWS's reserved addresses.
  [[nodiscard]] static AddressPool for_subnet(sim::Prefix subnet);
  // A public range: skips only its network and broadcast addresses.
  [[nodiscard]] static AddressPool for_public(sim::Prefix range);

  void mark_used(sim::Ipv4Addr ip) { used_.insert(ip.v); }
  // The lowest free address, now marked used; nullopt when the range is full.
  [[nodiscard]] std::optional<sim::Ipv4Addr> take();

 private:
  AddressPool(uint32_t first, uint32_t last) : first_(first), last_(last) {}
  uint32_t first_, last_;  // inclusive
  std::set<uint32_t> used_;
};

}  // namespace vpcsim::importer
