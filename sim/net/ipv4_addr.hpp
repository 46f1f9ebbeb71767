#pragma once
// Ipv4Addr: a 32-bit IPv4 address as a regular value type (host byte order).
// Parsing is strict dotted-quad (no leading '+', no octal, no shortened forms),
// because topology files are written by people and a typo must be an error,
// not a different address.
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vpcsim::sim {

struct Ipv4Addr {
  uint32_t v = 0;
  auto operator<=>(const Ipv4Addr&) const = default;

  [[nodiscard]] static std::optional<Ipv4Addr> parse(std::string_view text);
  [[nodiscard]] std::string str() const;
  [[nodiscard]] uint8_t octet(int i) const { return uint8_t(v >> (24 - 8 * i)); }
  // RFC 1918 private ranges: 10/8, 172.16/12, 192.168/16.
  [[nodiscard]] bool is_private() const;
  [[nodiscard]] bool is_unspecified() const { return v == 0; }
};

}  // namespace vpcsim::sim
