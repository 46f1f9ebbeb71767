#pragma once
// TestNet: a fluent builder for small networks in unit tests, so a test wires a
// topology in a line or two instead of by hand:
//   TestNet t;
//   t.host("h1", "10.0.0.1/24", "10.0.0.254").host("h2", "10.0.0.2/24").sw("s1")
//    .link("h1", "s1").link("h2", "s1");
//   sim::Simulation sim = t.build();
#include <map>
#include <string>

#include "sim/core/simulation.hpp"
#include "sim/devices/hub.hpp"
#include "sim/devices/ip_node.hpp"
#include "sim/devices/l2_switch.hpp"

namespace vpcsim::testing {

class TestNet {
 public:
  // A host with one interface eth0 (and optional default gateway).
  TestNet& host(const std::string& name, const std::string& cidr, const std::string& gw = "") {
    auto& n = net_.add<sim::IpNode>(name, sim::IpNode::Role::Host);
    n.add_interface("eth0", *sim::InterfaceAddr::parse(cidr), sim::MacAddr::from_name(name + ":eth0"));
    if (!gw.empty()) route(name, "0.0.0.0/0", gw);
    return *this;
  }
  // A router with interfaces eth0, eth1, ... in the order given.
  TestNet& router(const std::string& name, std::initializer_list<const char*> cidrs) {
    auto& n = net_.add<sim::IpNode>(name, sim::IpNode::Role::Router);
    int i = 0;
    for (const char* c : cidrs) {
      std::string ifname = "eth" + std::to_string(i++);
      n.add_interface(ifname, *sim::InterfaceAddr::parse(c), sim::MacAddr::from_name(name + ":" + ifname));
    }
    return *this;
  }
  // A static route via a gateway on a connected subnet (or a special action).
  TestNet& route(const std::string& node, const std::string& dst, const std::string& via,
                 sim::RouteAction action = sim::RouteAction::Forward) {
    auto& n = ip(node);
    sim::RouteEntry e{*sim::Prefix::parse(dst), action, {}, 0, 0, 0, "static", ""};
    if (action == sim::RouteAction::Forward) {
      e.gateway = *sim::Ipv4Addr::parse(via);
      for (uint16_t i = 0; i < n.interfaces().size(); ++i) {
        if (n.interfaces()[i].addr.subnet().contains(e.gateway)) e.iface = i;
      }
    }
    n.add_route(e);
    return *this;
  }
  TestNet& listen(const std::string& node, sim::IpProto proto, uint16_t port) {
    ip(node).add_listener(proto, port);
    return *this;
  }
  TestNet& sw(const std::string& name, sim::Duration aging = sim::Duration{300'000'000'000}) {
    net_.add<sim::L2Switch>(name, aging);
    return *this;
  }
  TestNet& hub(const std::string& name) {
    net_.add<sim::Hub>(name);
    return *this;
  }
  // Links "node" or "node:ifindex"; switch/hub ports are created on demand.
  TestNet& link(const std::string& a, const std::string& b, sim::Duration latency = sim::Duration{100'000}) {
    net_.connect(port(a), port(b), latency);
    return *this;
  }
  sim::Simulation build() { return sim::Simulation(std::move(net_)); }

  static sim::IpNode& ip(sim::Simulation& s, const std::string& name) {
    return dynamic_cast<sim::IpNode&>(s.network().device(*s.network().find(name)));
  }
  static sim::DeviceId id(sim::Simulation& s, const std::string& name) { return *s.network().find(name); }

 private:
  sim::IpNode& ip(const std::string& name) {
    return dynamic_cast<sim::IpNode&>(net_.device(*net_.find(name)));
  }
  sim::PortRef port(const std::string& spec) {
    auto colon = spec.find(':');
    std::string name = spec.substr(0, colon);
    sim::DeviceId id = *net_.find(name);
    sim::Device& d = net_.device(id);
    if (d.kind() == sim::DeviceKind::Switch || d.kind() == sim::DeviceKind::Hub) {
      return {id, d.add_port("p" + std::to_string(d.ports().size() + 1))};
    }
    uint16_t idx = colon == std::string::npos ? 0 : uint16_t(std::stoi(spec.substr(colon + 1)));
    return {id, idx};
  }
  sim::Network net_;
};

}  // namespace vpcsim::testing
