#pragma once
// Networks for the teaching tests, loaded from XML through the real loader,
// validator and lowering (so names, ports and MACs are those users see).
//
//   kOffice: pc1 (192.168.0.10) and pc2 (192.168.0.11) on switch sw1 with
//            router r1 (192.168.0.1 | 10.0.0.1); srv (10.0.0.10, tcp/22) behind
//            r1; r1 also routes 10.0.0.0/8 to 192.168.0.254 (a shorter prefix
//            that loses to the connected /24).
//   kHome:   pc (192.168.1.10, tcp/8080) on home router gw (192.168.1.1 |
//            203.0.113.1), which masquerades and forwards tcp/80 to pc:8080;
//            web (203.0.113.99, tcp/443) on the WAN side.
//   small-service (scenarios/): the VPC with bastion, NAT instance, app, db.
#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "sim/core/simulation.hpp"
#include "topology/lower.hpp"
#include "topology/validate.hpp"
#include "topology/xml_loader.hpp"

namespace vpcsim::cli::testing {

inline constexpr std::string_view kOffice = R"(<topology name="office">
  <network name="office">
    <host name="pc1"><interface name="eth0" ip="192.168.0.10/24" gateway="192.168.0.1"/></host>
    <host name="pc2"><interface name="eth0" ip="192.168.0.11/24" gateway="192.168.0.1"/></host>
    <switch name="sw1"/>
    <router name="r1">
      <interface name="eth0" ip="192.168.0.1/24"/>
      <interface name="eth1" ip="10.0.0.1/24"/>
      <route destination="10.0.0.0/8" via="192.168.0.254"/>
    </router>
    <host name="srv">
      <interface name="eth0" ip="10.0.0.10/24" gateway="10.0.0.1"/>
      <listen protocol="tcp" port="22"/>
    </host>
    <link a="pc1:eth0" b="sw1"/>
    <link a="pc2:eth0" b="sw1"/>
    <link a="r1:eth0" b="sw1"/>
    <link a="r1:eth1" b="srv:eth0" latency="0.5ms"/>
  </network>
</topology>
)";

inline constexpr std::string_view kHome = R"(<topology name="home">
  <network name="home">
    <host name="pc">
      <interface name="eth0" ip="192.168.1.10/24" gateway="192.168.1.1"/>
      <listen protocol="tcp" port="8080"/>
    </host>
    <router name="gw">
      <interface name="lan" ip="192.168.1.1/24"/>
      <interface name="wan" ip="203.0.113.1/24"/>
      <masquerade interface="wan"/>
      <port-forward protocol="tcp" port="80" to-ip="192.168.1.10" to-port="8080"/>
    </router>
    <host name="web">
      <interface name="eth0" ip="203.0.113.99/24" gateway="203.0.113.1"/>
      <listen protocol="tcp" port="443"/>
    </host>
    <link a="pc:eth0" b="gw:lan"/>
    <link a="gw:wan" b="web:eth0"/>
  </network>
</topology>
)";

// A topology ready to probe: the spec (for diagrams), the lowered endpoints
// (for names) and a simulation of the lowered network.
struct Loaded {
  topo::TopologySpec spec;
  std::unique_ptr<topo::LoweredTopology> lowered;
  std::unique_ptr<sim::Simulation> sim;

  [[nodiscard]] sim::DeviceId id(const std::string& name) const { return *sim->network().find(name); }
  [[nodiscard]] sim::Ipv4Addr ip(const std::string& text) const { return *sim::Ipv4Addr::parse(text); }
};

inline Loaded load_spec(std::optional<topo::TopologySpec> spec, topo::Diagnostics& diags) {
  if (!spec) throw std::runtime_error("test topology did not load:\n" + diags.render());
  diags.append(topo::validate(*spec));
  EXPECT_FALSE(diags.has_errors()) << diags.render();
  Loaded out;
  out.spec = std::move(*spec);
  out.lowered = std::make_unique<topo::LoweredTopology>(topo::lower(out.spec));
  out.sim = std::make_unique<sim::Simulation>(std::move(out.lowered->network));
  return out;
}

inline Loaded load(std::string_view xml) {
  topo::Diagnostics diags;
  auto spec = topo::load_topology_string(xml, "test.xml", diags);
  return load_spec(std::move(spec), diags);
}

inline Loaded load_scenario_topology(const std::string& name) {
  topo::Diagnostics diags;
  auto spec = topo::load_topology_file(
      std::string(VPCSIM_REPO_ROOT) + "/scenarios/" + name + "/topology.xml", diags);
  return load_spec(std::move(spec), diags);
}

}  // namespace vpcsim::cli::testing
