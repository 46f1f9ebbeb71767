#include "tools/vpcsim/emulate/fault_model.hpp"

#include <algorithm>

namespace vpcsim::emulate {

std::optional<size_t> FaultModel::link(std::string_view node, std::string_view port) const {
  auto it = link_by_end.find({std::string(node), std::string(port)});
  if (it == link_by_end.end()) return std::nullopt;
  return it->second;
}

Command link_set(const std::string& netns, const std::string& ifname, bool up, std::string why) {
  return Command{{"ip", "-n", netns, "link", "set", ifname, up ? "up" : "down"}, std::move(why)};
}

FaultState::FaultState(const FaultModel& model) : model_(&model) {
  for (size_t i = 0; i < model.links.size(); ++i) {
    if (model.links[i].down) down_links_.insert(i);
  }
  for (const auto& [device, down] : model.devices) {
    if (down) down_devices_.insert(device);
  }
}

std::vector<bool> FaultState::interface_states() const {
  std::vector<bool> up;
  for (const FaultModel::Interface& i : model_->interfaces) {
    bool on = std::none_of(i.links.begin(), i.links.end(),
                           [&](size_t l) { return down_links_.count(l) > 0; }) &&
              std::none_of(i.devices.begin(), i.devices.end(),
                           [&](const std::string& d) { return down_devices_.count(d) > 0; });
    up.push_back(on);
  }
  return up;
}

std::vector<Command> FaultState::changes(const std::vector<bool>& before,
                                         const std::set<std::string>& devices_before) {
  std::vector<bool> after = interface_states();
  std::vector<Command> downs, ups;
  for (size_t k = 0; k < after.size(); ++k) {
    if (before[k] == after[k]) continue;
    const FaultModel::Interface& i = model_->interfaces[k];
    (after[k] ? ups : downs)
        .push_back(link_set(i.netns, i.ifname, after[k],
                            after[k] ? "fault repaired: " + i.ifname + " up again"
                                     : "fault: " + i.ifname + " down"));
  }
  // Routes went with the interfaces of a device that was off: add them back.
  for (const auto& [device, commands] : model_->on_restore) {
    if (devices_before.count(device) && !down_devices_.count(device)) {
      ups.insert(ups.end(), commands.begin(), commands.end());
    }
  }
  downs.insert(downs.end(), ups.begin(), ups.end());
  return downs;
}

std::vector<Command> FaultState::set_link(size_t link, bool down) {
  std::vector<bool> before = interface_states();
  std::set<std::string> devices_before = down_devices_;
  if (down) {
    down_links_.insert(link);
  } else {
    down_links_.erase(link);
  }
  return changes(before, devices_before);
}

std::vector<Command> FaultState::set_device(const std::string& device, bool down) {
  std::vector<bool> before = interface_states();
  std::set<std::string> devices_before = down_devices_;
  if (down) {
    down_devices_.insert(device);
  } else {
    down_devices_.erase(device);
  }
  return changes(before, devices_before);
}

}  // namespace vpcsim::emulate
