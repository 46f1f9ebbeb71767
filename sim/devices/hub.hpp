#pragma once
// Hub: a repeater. Every frame goes out of every other port, in ascending
// order; there is no table, so every station sees every frame (one collision
// domain). Not modelled: collisions and CSMA/CD backoff.
#include "sim/devices/device.hpp"

namespace vpcsim::sim {

class Hub final : public Device {
 public:
  Hub(DeviceId id, std::string name) : Device(id, std::move(name)) {}
  [[nodiscard]] DeviceKind kind() const override { return DeviceKind::Hub; }
  void receive(Context& ctx, uint16_t in_port, Packet& pkt) override;
};

}  // namespace vpcsim::sim
