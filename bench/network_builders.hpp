#pragma once
// The networks of the performance issue's LAN and routed workloads, built
// through the same sim API the lowering uses (bench/workloads.cpp runs them).
#include <cstdint>
#include <string>

#include "sim/core/simulation.hpp"
#include "sim/devices/ip_node.hpp"
#include "sim/devices/l2_switch.hpp"

namespace vpcsim::bench {

inline constexpr uint64_t kGigabit = 1'000'000'000;
inline constexpr sim::Duration kCableLatency{1000};  // 1 us

// LAN workload: host i is 10.0.0.(i+1) in 10.0.0.0/16, spilling into the third octet.
inline sim::Ipv4Addr lan_host_ip(uint32_t i) { return sim::Ipv4Addr{(10u << 24) | (i + 1)}; }

// K hosts, each cabled (1 Gbps, 1 us) to its own port of one learning switch.
// The switch is device 0, host i is device i+1.
inline sim::Network lan(uint32_t hosts) {
  sim::Network net;
  auto& sw = net.add<sim::L2Switch>("sw");
  for (uint32_t i = 0; i < hosts; ++i) {
    std::string name = "h" + std::to_string(i);
    auto& h = net.add<sim::IpNode>(name, sim::IpNode::Role::Host);
    h.add_interface("eth0", sim::InterfaceAddr{lan_host_ip(i), 16}, sim::MacAddr::from_name(name));
    uint16_t p = sw.add_port("p" + std::to_string(i + 1));
    net.connect({h.id(), 0}, {sw.id(), p}, kCableLatency, kGigabit);
  }
  return net;
}

// Routed workload: left host - R routers in a chain - right host, static routes
// to both end subnets. Hop 0 is the left host, hop i+1 router r<i>, hop R+1 the
// right host (also their device ids); the link between hop k and hop k+1 is
// 10.(1+k).0.0/30, with hop k at .2 and hop k+1 at .1.
inline sim::Network router_chain(uint32_t routers) {
  sim::Network net;
  auto link_net = [](uint32_t k) { return (10u << 24) | ((1 + k) << 16); };  // k = 0..R
  auto add_route = [](sim::IpNode& n, uint32_t dst_net, uint8_t len, uint32_t via, uint16_t iface) {
    n.add_route(sim::RouteEntry{.dst = sim::Prefix::of(sim::Ipv4Addr{dst_net}, len),
                                .gateway = sim::Ipv4Addr{via}, .iface = iface, .origin = "static"});
  };
  auto& left = net.add<sim::IpNode>("left", sim::IpNode::Role::Host);
  left.add_interface("eth0", {sim::Ipv4Addr{link_net(0) | 2}, 30}, sim::MacAddr::from_name("left"));
  add_route(left, 0, 0, link_net(0) | 1, 0);
  std::vector<sim::IpNode*> chain;
  for (uint32_t r = 0; r < routers; ++r) {
    std::string name = "r" + std::to_string(r);
    auto& n = net.add<sim::IpNode>(name, sim::IpNode::Role::Router);
    n.add_interface("eth0", {sim::Ipv4Addr{link_net(r) | 1}, 30}, sim::MacAddr::from_name(name + ":0"));
    n.add_interface("eth1", {sim::Ipv4Addr{link_net(r + 1) | 2}, 30}, sim::MacAddr::from_name(name + ":1"));
    // The end hosts' subnets: the left one via eth0's peer, the right one via eth1's.
    if (r > 0) add_route(n, link_net(0), 30, link_net(r) | 2, 0);
    if (r + 1 < routers) add_route(n, link_net(routers), 30, link_net(r + 1) | 1, 1);
    chain.push_back(&n);
  }
  auto& right = net.add<sim::IpNode>("right", sim::IpNode::Role::Host);
  right.add_interface("eth0", {sim::Ipv4Addr{link_net(routers) | 1}, 30}, sim::MacAddr::from_name("right"));
  add_route(right, 0, 0, link_net(routers) | 2, 0);
  net.connect({left.id(), 0}, {chain[0]->id(), 0}, kCableLatency, kGigabit);
  for (uint32_t r = 0; r + 1 < routers; ++r) {
    net.connect({chain[r]->id(), 1}, {chain[r + 1]->id(), 0}, kCableLatency, kGigabit);
  }
  net.connect({chain.back()->id(), 1}, {right.id(), 0}, kCableLatency, kGigabit);
  return net;
}

}  // namespace vpcsim::bench
