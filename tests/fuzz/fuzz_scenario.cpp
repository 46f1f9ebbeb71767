// fuzz_scenario: any bytes as a scenario file, against one fixed small topology
// (below: a LAN with two subnets and a VPC with a public and a private subnet,
// so every probe type and table kind has something to name). The scenario is
// loaded from memory (load_scenario_string), validated against the topology, and
// when both are clean it runs as `vpcsim check` runs it, on a freshly lowered
// network. A validated scenario must run without throwing: an exception out of
// the runner means the validator let something through.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "tools/vpcsim/scenario_runner.hpp"
#include "topology/lower.hpp"
#include "topology/scenario_loader.hpp"
#include "topology/validate.hpp"
#include "topology/xml_loader.hpp"

namespace {

// Names as the bundled scenarios use them (client, bastion, app, pc1, r1...), so
// seeds from scenarios/ get past name resolution more often.
constexpr std::string_view kTopology = R"(<topology name="fuzz">
  <internet>
    <host name="client" ip="198.51.100.10"><listen protocol="tcp" port="80"/></host>
  </internet>
  <vpc name="prod" cidr="10.0.0.0/16">
    <internet-gateway name="igw"/>
    <route-table name="public-rt"><route destination="0.0.0.0/0" target="igw"/></route-table>
    <route-table name="private-rt"><route destination="0.0.0.0/0" target="nat"/></route-table>
    <subnet name="public" cidr="10.0.1.0/24" route-table="public-rt"/>
    <subnet name="private" cidr="10.0.2.0/24" route-table="private-rt" nacl="app-acl"/>
    <nacl name="app-acl">
      <rule number="100" direction="inbound" action="allow" protocol="all" cidr="10.0.0.0/16"/>
      <rule number="200" direction="inbound" action="allow" protocol="tcp" ports="1024-65535" cidr="0.0.0.0/0"/>
      <rule number="300" direction="outbound" action="allow" protocol="all" cidr="0.0.0.0/0"/>
    </nacl>
    <security-group name="bastion-sg">
      <inbound protocol="tcp" ports="22" source="198.51.100.10/32"/>
      <inbound protocol="icmp" source="0.0.0.0/0"/>
    </security-group>
    <security-group name="app-sg">
      <inbound protocol="tcp" ports="22" source-group="bastion-sg"/>
      <inbound protocol="tcp" ports="8000-8080" source="10.0.0.0/16"/>
    </security-group>
    <nat-gateway name="nat" subnet="public" ip="10.0.1.20" elastic-ip="203.0.113.20"/>
    <instance name="bastion" subnet="public" ip="10.0.1.10" elastic-ip="203.0.113.10"
              security-groups="bastion-sg"><listen protocol="tcp" port="22"/></instance>
    <instance name="app" subnet="private" ip="10.0.2.10" security-groups="app-sg">
      <listen protocol="tcp" port="22"/><listen protocol="tcp" port="8080"/>
    </instance>
  </vpc>
  <network name="office">
    <host name="pc1" ip="192.168.1.10/24" gateway="192.168.1.1"/>
    <host name="pc2" ip="192.168.1.20/24" gateway="192.168.1.1"/>
    <host name="server" ip="192.168.2.10/24" gateway="192.168.2.1">
      <listen protocol="tcp" port="80"/><listen protocol="udp" port="53"/>
    </host>
    <switch name="sw1"/>
    <switch name="sw2"/>
    <hub name="hub1"/>
    <router name="r1">
      <interface name="eth0" ip="192.168.1.1/24"/>
      <interface name="eth1" ip="192.168.2.1/24"/>
      <route destination="10.9.0.0/16" type="unreachable"/>
      <route destination="10.8.0.0/16" type="prohibit"/>
      <port-forward protocol="tcp" port="8080" to-ip="192.168.2.10" to-port="80"/>
    </router>
    <link a="pc1" b="sw1"/>
    <link a="pc2" b="hub1"/>
    <link a="hub1" b="sw1"/>
    <link a="r1:eth0" b="sw1"/>
    <link a="r1:eth1" b="sw2"/>
    <link a="server" b="sw2" latency="1ms"/>
  </network>
</topology>
)";

void require(bool ok) {
  if (!ok) std::abort();
}

const vpcsim::topo::TopologySpec& topology() {
  static const vpcsim::topo::TopologySpec spec = [] {
    vpcsim::topo::Diagnostics diags;
    auto s = vpcsim::topo::load_topology_string(kTopology, "fuzz-topology.xml", diags);
    require(s && !diags.has_errors());
    diags.append(vpcsim::topo::validate(*s));
    require(!diags.has_errors());
    return *s;
  }();
  return spec;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace vpcsim;
  std::string_view xml(reinterpret_cast<const char*>(data), size);
  topo::Diagnostics diags;
  auto scenario = topo::load_scenario_string(xml, "fuzz-scenario.xml", diags);
  require(scenario || diags.has_errors());
  if (!scenario) return 0;
  diags.append(topo::validate_scenario(*scenario, topology()));
  diags.sort();
  (void)diags.render();
  if (diags.has_errors()) return 0;
  cli::LoadedTopology loaded;
  loaded.spec = topology();
  loaded.lowered = std::make_unique<topo::LoweredTopology>(topo::lower(loaded.spec));
  cli::ScenarioOutcome outcome = cli::run_scenario(*scenario, loaded);
  require(outcome.items.size() == scenario->items.size());
  return 0;
}
