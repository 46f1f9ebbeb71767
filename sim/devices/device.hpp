#pragma once
// Device: the one entry point through which frames reach a device. Each concrete
// device writes its forwarding as a short, fixed pipeline of named stages inside
// `receive`; it never calls another device. It sends frames out of its own ports
// through the Context, which turns them into link events.
//
// Ports are numbered densely from 0 in the order links were attached (switches,
// hubs) or interfaces were declared (hosts, routers).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/ids.hpp"
#include "sim/core/time.hpp"
#include "sim/net/packet.hpp"

namespace vpcsim::sim {

class Context;

enum class DeviceKind : uint8_t {
  Host,
  Router,
  Switch,
  Hub,
  InternetCore,
  InternetGateway,
  NatGateway,
  VpcRouter,
};
[[nodiscard]] std::string_view kind_name(DeviceKind k);

struct Port {
  std::string name;
  uint32_t link = kNoLink;  // LinkId of the attached link, kNoLink when unconnected
};

class Device {
 public:
  Device(DeviceId id, std::string name) : id_(id), name_(std::move(name)) {}
  virtual ~Device() = default;
  Device(const Device&) = delete;
  Device& operator=(const Device&) = delete;

  [[nodiscard]] virtual DeviceKind kind() const = 0;
  // Handles one frame that arrived on `in_port`. Appends Steps to the current hop.
  virtual void receive(Context& ctx, uint16_t in_port, Packet& pkt) = 0;
  // A timer this device scheduled with Context::schedule_timer fired.
  virtual void on_timer(Context& /*ctx*/, uint32_t /*token*/) {}
  // Forgets what running taught the device (learned MACs, ARP entries and
  // resolutions in progress, tracked connections, NAT entries, counters) and keeps
  // its configuration: it behaves as freshly built again. Lets one network serve
  // many independent probes (vpcsim reach) without rebuilding it.
  virtual void reset_state() {}
  // Every queued event was discarded (a run that spent its event budget): work
  // waiting for a timer (an ARP resolution in progress) is abandoned, so that it
  // does not block later runs.
  virtual void abandon_pending() {}
  // The link on `port` lost carrier (it went down, or the device at its other
  // end did). A bridge forgets what it learned there, as real switches flush a
  // port's entries on link down. Returns a sentence for the journey, or "".
  virtual std::string on_port_down(uint16_t /*port*/, SimTime /*now*/) { return {}; }

  // A down device (down="true", or failed by a fault) neither sends, receives
  // nor forwards: Simulation drops frames from or to it (reason device-down).
  [[nodiscard]] bool is_down() const { return down_; }
  void set_down(bool down) { down_ = down; }

  [[nodiscard]] DeviceId id() const { return id_; }
  [[nodiscard]] const std::string& name() const { return name_; }
  [[nodiscard]] const std::vector<Port>& ports() const { return ports_; }
  [[nodiscard]] std::vector<Port>& ports() { return ports_; }
  uint16_t add_port(std::string port_name);

 private:
  DeviceId id_;
  std::string name_;
  std::vector<Port> ports_;
  bool down_ = false;
};

}  // namespace vpcsim::sim
