#pragma once
// MacAddr: a 48-bit Ethernet address as a regular value type. Derived addresses
// (`from_name`) are locally administered unicast (02:xx:...) and depend only on
// the name, so runs are reproducible without the user writing any MAC.
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vpcsim::sim {

struct MacAddr {
  uint64_t v = 0;  // low 48 bits used
  auto operator<=>(const MacAddr&) const = default;

  static constexpr MacAddr broadcast() { return {0xffff'ffff'ffffULL}; }
  [[nodiscard]] bool is_broadcast() const { return v == 0xffff'ffff'ffffULL; }
  [[nodiscard]] bool is_multicast() const { return (v >> 40) & 1; }
  [[nodiscard]] static std::optional<MacAddr> parse(std::string_view text);
  // Locally administered unicast address from a stable hash (FNV-1a) of `name`.
  [[nodiscard]] static MacAddr from_name(std::string_view name);
  [[nodiscard]] std::string str() const;
};

}  // namespace vpcsim::sim
