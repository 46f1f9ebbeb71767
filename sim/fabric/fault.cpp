#include "sim/fabric/fault.hpp"

#include <algorithm>

#include "sim/fabric/network.hpp"

namespace vpcsim::sim {
namespace {

// "a, b, c", or "none".
std::string listing(const std::vector<std::string>& names) {
  if (names.empty()) return "none";
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

std::vector<std::string> cabled_ports(const Device& dev) {
  std::vector<std::string> out;
  for (const Port& p : dev.ports()) {
    if (p.link != kNoLink) out.push_back(dev.name() + ":" + p.name);
  }
  return out;
}

}  // namespace

std::optional<uint32_t> find_device(const Network& net, std::string_view name, std::string& error) {
  if (auto id = net.find(std::string(name))) return id->v;
  error = "unknown node '" + std::string(name) + "'";
  return std::nullopt;
}

std::optional<uint32_t> find_link(const Network& net, std::string_view end, std::string& error) {
  size_t colon = end.rfind(':');
  // VPC devices have names with ':' ("prod:router"): try the whole name first.
  std::string node(end), port;
  if (!net.find(node) && colon != std::string_view::npos) {
    node = std::string(end.substr(0, colon));
    port = std::string(end.substr(colon + 1));
  }
  auto id = net.find(node);
  if (!id) {
    error = "unknown node '" + node + "' in link end '" + std::string(end) + "'";
    return std::nullopt;
  }
  const Device& dev = net.device(*id);
  std::vector<std::string> cabled = cabled_ports(dev);
  if (port.empty()) {
    std::optional<uint32_t> only;
    for (const Port& p : dev.ports()) {
      if (p.link == kNoLink) continue;
      if (only) {
        error = node + " has " + std::to_string(cabled.size()) +
                " links: name one end as node:port (" + listing(cabled) + ")";
        return std::nullopt;
      }
      only = p.link;
    }
    if (!only) error = node + " has no link";
    return only;
  }
  for (const Port& p : dev.ports()) {
    if (p.name == port) {
      if (p.link != kNoLink) return p.link;
      error = "port " + node + ":" + port + " has no link";
      return std::nullopt;
    }
  }
  error = node + " has no port '" + port + "' (cabled ports: " + listing(cabled) + ")";
  return std::nullopt;
}

void sort_faults(std::vector<TimedFault>& faults) {
  std::stable_sort(faults.begin(), faults.end(),
                   [](const TimedFault& x, const TimedFault& y) { return x.at < y.at; });
}

}  // namespace vpcsim::sim
