#pragma once
// L2Switch: a learning bridge. Pipeline per frame: learn the source MAC on the
// ingress port, then forward known unicast out of one port, or flood broadcast,
// multicast and unknown unicast out of every other port in ascending order. A
// frame whose destination is learned on its ingress port is filtered
// (SamePortReflection). Ports are added as links attach.
// Not modelled: STP (loops are bounded by the event budget and reported), VLANs.
#include "sim/devices/device.hpp"
#include "sim/tables/mac_table.hpp"

namespace vpcsim::sim {

class L2Switch final : public Device {
 public:
  L2Switch(DeviceId id, std::string name, Duration aging = Duration{300'000'000'000})
      : Device(id, std::move(name)), table_(aging) {}

  [[nodiscard]] DeviceKind kind() const override { return DeviceKind::Switch; }
  void receive(Context& ctx, uint16_t in_port, Packet& pkt) override;
  void reset_state() override { table_.clear_learned(); }
  std::string on_port_down(uint16_t port, SimTime now) override;
  [[nodiscard]] const MacTable& mac_table() const { return table_; }

 private:
  void learn_source(Context& ctx, uint16_t in_port, const Packet& pkt);
  void flood(Context& ctx, uint16_t in_port, const Packet& pkt, const char* why);
  MacTable table_;
};

}  // namespace vpcsim::sim
