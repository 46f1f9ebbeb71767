#include "tools/vpcsim/import/address_pool.hpp"

namespace vpcsim::importer {

AddressPool AddressPool::for_subnet(sim::Prefix subnet) {
  // .0 network, .1 router, .2 DNS, .3 reserved ... broadcast: first usable is +4.
  return AddressPool(subnet.addr.v + 4, subnet.broadcast().v - 1);
}

AddressPool AddressPool::for_public(sim::Prefix range) {
  return AddressPool(range.addr.v + 1, range.broadcast().v - 1);
}

std::optional<sim::Ipv4Addr> AddressPool::take() {
  for (uint64_t v = first_; v <= last_; ++v) {
    if (used_.insert(static_cast<uint32_t>(v)).second)
      return sim::Ipv4Addr{static_cast<uint32_t>(v)};
  }
  return std::nullopt;
}

}  // namespace vpcsim::importer
