#pragma once
// Small DHCP LANs for the tests: a router serving a switch segment, clients and
// a static host, loaded from XML as the command line loads a file.
#include <optional>
#include <string>

#include "sim/aws/vpc_router.hpp"
#include "sim/core/simulation.hpp"
#include "sim/devices/ip_node.hpp"
#include "topology/diagnostics.hpp"
#include "topology/lower.hpp"
#include "topology/spec.hpp"
#include "topology/validate.hpp"
#include "topology/xml_loader.hpp"

namespace vpcsim::testing {

// `clients` host elements and a server whose pool is `pool`, all on sw1.
inline std::string dhcp_lan(const std::string& clients, const std::string& pool,
                            const std::string& extra = "") {
  return R"(<topology name="t"><network name="n">)" + clients +
         R"(<switch name="sw1"/>
    <router name="r1">
      <interface name="eth0" ip="192.168.0.1/24"/>
      <interface name="eth1" ip="10.0.0.1/24"/>
      <dhcp-server interface="eth0" pool=")" +
         pool + R"(" gateway="192.168.0.1"/>
    </router>
    <link a="r1:eth0" b="sw1"/>)" +
         extra + "</network></topology>";
}

struct Loaded {
  std::optional<topo::TopologySpec> spec;
  topo::Diagnostics diags;
};

inline Loaded load(const std::string& xml) {
  Loaded out;
  out.spec = topo::load_topology_string(xml, "t.xml", out.diags);
  if (out.spec && !out.diags.has_errors()) out.diags.append(topo::validate(*out.spec));
  return out;
}

// A loaded spec, lowered and ready to run, with its devices by name.
struct World {
  topo::LoweredTopology lowered;
  sim::Simulation sim;
  explicit World(const topo::TopologySpec& spec)
      : lowered(topo::lower(spec)), sim(std::move(lowered.network)) {}
  sim::IpNode& node(const std::string& name) {
    return dynamic_cast<sim::IpNode&>(sim.network().device(*sim.network().find(name)));
  }
  const sim::VpcRouter& router(const std::string& vpc) {
    return dynamic_cast<const sim::VpcRouter&>(
        sim.network().device(*sim.network().find(vpc + ":router")));
  }
};

}  // namespace vpcsim::testing
