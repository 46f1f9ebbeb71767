#pragma once
// Prefix: an IPv4 network in CIDR form. `parse` rejects host bits set
// ("10.0.0.1/24" is an error as a network); `parse_interface` accepts them and
// keeps the address, as an interface address "192.168.0.10/24" needs.
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sim/net/ipv4_addr.hpp"

namespace vpcsim::sim {

struct Prefix {
  Ipv4Addr addr;    // network address (host bits zero)
  uint8_t len = 0;  // 0..32
  auto operator<=>(const Prefix&) const = default;

  [[nodiscard]] static constexpr uint32_t mask_of(uint8_t len) {
    return len == 0 ? 0u : ~uint32_t{0} << (32 - len);
  }
  [[nodiscard]] uint32_t mask() const { return mask_of(len); }
  [[nodiscard]] bool contains(Ipv4Addr a) const { return (a.v & mask()) == addr.v; }
  [[nodiscard]] bool contains(const Prefix& p) const { return p.len >= len && contains(p.addr); }
  [[nodiscard]] bool overlaps(const Prefix& p) const { return contains(p) || p.contains(*this); }
  [[nodiscard]] Ipv4Addr broadcast() const { return {addr.v | ~mask()}; }
  [[nodiscard]] uint64_t size() const { return uint64_t{1} << (32 - len); }
  [[nodiscard]] static Prefix of(Ipv4Addr a, uint8_t len) { return {{a.v & mask_of(len)}, len}; }
  // "a.b.c.d/len" with host bits zero; a bare address is a /32.
  [[nodiscard]] static std::optional<Prefix> parse(std::string_view text);
  [[nodiscard]] std::string str() const;
};

// An interface address: the address itself plus the prefix length of its subnet.
struct InterfaceAddr {
  Ipv4Addr ip;
  uint8_t len = 32;
  auto operator<=>(const InterfaceAddr&) const = default;
  [[nodiscard]] Prefix subnet() const { return Prefix::of(ip, len); }
  [[nodiscard]] static std::optional<InterfaceAddr> parse(std::string_view text);
  [[nodiscard]] std::string str() const;
};

}  // namespace vpcsim::sim
