#include "sim/fabric/network.hpp"

#include "sim/core/check.hpp"

namespace vpcsim::sim {

LinkId Network::connect(PortRef a, PortRef b, Duration latency, uint64_t bandwidth_bps,
                        bool down) {
  LinkId id{uint32_t(links_.size())};
  Port& pa = device(a.device).ports().at(a.port);
  Port& pb = device(b.device).ports().at(b.port);
  VPCSIM_CHECK(pa.link == kNoLink && pb.link == kNoLink, "port already cabled");
  pa.link = id.v;
  pb.link = id.v;
  links_.push_back(Link{a, b, latency, bandwidth_bps, down, {}});
  return id;
}

std::optional<DeviceId> Network::find(const std::string& name) const {
  auto it = by_name_.find(name);
  if (it == by_name_.end()) return std::nullopt;
  return it->second;
}

std::string Network::port_label(PortRef p) const {
  const Device& d = device(p.device);
  return d.name() + ":" + d.ports().at(p.port).name;
}

}  // namespace vpcsim::sim
