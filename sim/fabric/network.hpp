#pragma once
// Network: owns every device (by unique_ptr, in id order) and every link.
// Devices are looked up by id or by name; names are unique (the topology
// validator guarantees it). Knows nothing about time: Simulation moves frames.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sim/core/ids.hpp"
#include "sim/devices/device.hpp"
#include "sim/fabric/link.hpp"

namespace vpcsim::sim {

class Network {
 public:
  template <typename D, typename... Args>
  D& add(std::string name, Args&&... args) {
    DeviceId id{uint32_t(devices_.size())};
    auto dev = std::make_unique<D>(id, name, std::forward<Args>(args)...);
    D& ref = *dev;
    devices_.push_back(std::move(dev));
    by_name_.emplace(std::string_view(ref.name()), id);
    return ref;
  }
  // Cables two existing ports together. Both ports must be free.
  LinkId connect(PortRef a, PortRef b, Duration latency, uint64_t bandwidth_bps = 0,
                 bool down = false);

  [[nodiscard]] size_t device_count() const { return devices_.size(); }
  [[nodiscard]] Device& device(DeviceId id) { return *devices_[id.v]; }
  [[nodiscard]] const Device& device(DeviceId id) const { return *devices_[id.v]; }
  [[nodiscard]] std::optional<DeviceId> find(const std::string& name) const;
  [[nodiscard]] std::vector<Link>& links() { return links_; }
  [[nodiscard]] const std::vector<Link>& links() const { return links_; }
  // "r1:eth0", or "sw1:port3" for an unnamed port.
  [[nodiscard]] std::string port_label(PortRef p) const;

  // Nodes with a DHCP client, in document order: their exchanges run before the
  // first probe, which empties the list (sim/services/dhcp_boot.hpp).
  std::vector<DeviceId> dhcp_clients;

 private:
  std::vector<std::unique_ptr<Device>> devices_;
  std::vector<Link> links_;
  // Keyed by views of the devices' own names (devices live on the heap and
  // never rename), so the index stores no second copy of every name.
  std::unordered_map<std::string_view, DeviceId> by_name_;
};

}  // namespace vpcsim::sim
