#include "sim/devices/device.hpp"

#include "sim/core/check.hpp"

namespace vpcsim::sim {

std::string_view kind_name(DeviceKind k) {
  switch (k) {
    case DeviceKind::Host: return "host";
    case DeviceKind::Router: return "router";
    case DeviceKind::Switch: return "switch";
    case DeviceKind::Hub: return "hub";
    case DeviceKind::InternetCore: return "internet";
    case DeviceKind::InternetGateway: return "internet-gateway";
    case DeviceKind::NatGateway: return "nat-gateway";
    case DeviceKind::VpcRouter: return "vpc-router";
  }
  return "device";
}

uint16_t Device::add_port(std::string port_name) {
  VPCSIM_CHECK(ports_.size() < UINT16_MAX, "too many ports on one device");
  ports_.push_back(Port{std::move(port_name), kNoLink});
  return uint16_t(ports_.size() - 1);
}

}  // namespace vpcsim::sim
