#pragma once
// Dense integer ids, assigned in document order. Devices refer to each other only
// through ids, never pointers, so nothing an output shows depends on addresses.
#include <compare>
#include <cstdint>

namespace vpcsim::sim {

struct DeviceId {
  uint32_t v = 0;
  auto operator<=>(const DeviceId&) const = default;
};
struct LinkId {
  uint32_t v = 0;
  auto operator<=>(const LinkId&) const = default;
};
// One port of one device. Port numbers are dense per device, starting at 0.
struct PortRef {
  DeviceId device;
  uint16_t port = 0;
  auto operator<=>(const PortRef&) const = default;
};

inline constexpr uint32_t kNoLink = UINT32_MAX;

}  // namespace vpcsim::sim
