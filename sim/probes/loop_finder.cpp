#include "sim/probes/loop_finder.hpp"

#include <algorithm>

namespace vpcsim::sim {
namespace {

// Longer rings than this are not followed (a storm closes its ring within one
// lap, so any real loop is found long before).
constexpr int kMaxRing = 512;

bool is_l2(DeviceKind k) { return k == DeviceKind::Switch || k == DeviceKind::Hub; }

bool forwards_ip(DeviceKind k) {
  return k == DeviceKind::Router || k == DeviceKind::NatGateway || k == DeviceKind::VpcRouter;
}

// The port at the other end of the link on `in`: where the frame left its sender.
std::optional<PortRef> sender_port(const Network& net, PortRef in) {
  uint32_t link = net.device(in.device).ports()[in.port].link;
  if (link == kNoLink) return std::nullopt;
  const Link& l = net.links()[link];
  return l.a == in ? l.b : l.a;
}

std::string join_arrows(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : " \u2192 ") + s;
  return out;
}

}  // namespace

std::string L2Loop::sentence() const {
  return "broadcast storm: the frame looped " + join_arrows(ports) +
         " and kept circling (switches and hubs cabled in a cycle, no spanning tree)";
}

std::string RoutingLoop::sentence() const {
  std::vector<std::string> ring = routers;
  ring.push_back(routers.front());
  return "routing loop: " + join_arrows(ring) + ", each forwarding " + destination.str() +
         (routers.size() == 2 ? " to the other" : " to the next") + " until TTL ran out";
}

std::optional<L2Loop> find_l2_loop(const Simulation& sim) {
  const std::vector<Hop>& hops = sim.journey().hops();
  const Network& net = sim.network();
  for (size_t h = 0; h < hops.size(); ++h) {
    const Hop& hop = hops[h];
    if (hop.in_port < 0 || !is_l2(net.device(hop.device).kind())) continue;
    // Walk back towards the frame's origin, looking for this very port.
    std::vector<int32_t> chain{int32_t(h)};
    for (int32_t p = hop.parent; p >= 0 && int(chain.size()) <= kMaxRing;
         p = hops[size_t(p)].parent) {
      const Hop& earlier = hops[size_t(p)];
      chain.push_back(p);
      if (earlier.device != hop.device || earlier.in_port != hop.in_port ||
          earlier.packet.id != hop.packet.id) {
        continue;
      }
      // chain: h, ..., p (newest first). The ring is p -> ... -> h.
      std::reverse(chain.begin(), chain.end());
      // (out, in) per link crossed.
      std::vector<std::pair<PortRef, PortRef>> crossed;
      for (size_t i = 1; i < chain.size(); ++i) {
        const Hop& in = hops[size_t(chain[i])];
        PortRef in_port{in.device, uint16_t(in.in_port)};
        if (auto out = sender_port(net, in_port)) crossed.emplace_back(*out, in_port);
      }
      if (crossed.empty()) continue;
      // Start the ring at the device written first, whichever copy closed it first.
      auto start = std::min_element(
          crossed.begin(), crossed.end(),
          [](const auto& x, const auto& y) { return x.first.device < y.first.device; });
      std::rotate(crossed.begin(), start, crossed.end());
      L2Loop loop;
      loop.first = crossed.front().first.device;
      for (const auto& [out, in] : crossed) {
        loop.ports.push_back(net.port_label(out));
        loop.ports.push_back(net.port_label(in));
      }
      return loop;
    }
  }
  return std::nullopt;
}

std::optional<RoutingLoop> find_routing_loop(const Simulation& sim, int32_t hop) {
  const std::vector<Hop>& hops = sim.journey().hops();
  const Network& net = sim.network();
  if (hop < 0 || size_t(hop) >= hops.size()) return std::nullopt;
  // The routers the packet met, newest first.
  std::vector<DeviceId> met;
  int steps = 0;
  for (int32_t p = hop; p >= 0 && steps < 4 * kMaxRing; p = hops[size_t(p)].parent, ++steps) {
    const Hop& h = hops[size_t(p)];
    if (h.in_port < 0 || !forwards_ip(net.device(h.device).kind())) continue;
    if (!met.empty() && met.back() == h.device) continue;  // one router, two hops (ARP queue)
    met.push_back(h.device);
  }
  std::reverse(met.begin(), met.end());  // oldest first
  for (size_t j = 1; j < met.size(); ++j) {
    for (size_t i = 0; i < j; ++i) {
      if (met[i] != met[j]) continue;
      // Start at the router written first: where the walk back began is an accident
      // (a packet queued for ARP starts a new hop with no parent).
      std::vector<DeviceId> ring(met.begin() + long(i), met.begin() + long(j));
      std::rotate(ring.begin(), std::min_element(ring.begin(), ring.end()), ring.end());
      RoutingLoop loop;
      loop.destination = hops[size_t(hop)].packet.ip.dst;
      for (DeviceId d : ring) loop.routers.push_back(net.device(d).name());
      return loop;
    }
  }
  return std::nullopt;
}

}  // namespace vpcsim::sim
