// vpcsim show FILE NODE --arp|--mac-table|--routes|--nat|--leases|--zones|--listeners
// [--after "PROBE"]...: a device's tables, printed as the Linux tools print them,
// on a fresh network or after the probes given (run in order, as in a scenario,
// so ARP caches, MAC tables and NAT connections are those the probes leave
// behind); a DNS server's zones and a load balancer's listeners come from the
// topology (show_services.hpp).
#include <iostream>

#include "sim/services/dhcp_boot.hpp"
#include "tools/vpcsim/cli_common.hpp"
#include "tools/vpcsim/commands/commands.hpp"
#include "tools/vpcsim/commands/show_services.hpp"
#include "tools/vpcsim/format/dhcp_text.hpp"
#include "tools/vpcsim/format/tables_text.hpp"
#include "tools/vpcsim/probe_line.hpp"

namespace vpcsim::cli {
namespace {

std::string device_names(const sim::Network& net) {
  std::vector<std::string> names;
  for (size_t d = 0; d < net.device_count(); ++d) {
    names.push_back(net.device(sim::DeviceId{uint32_t(d)}).name());
  }
  return topo::known_names_note("devices", names);
}

// What each table flag asks for, and which devices have it.
struct TableKind {
  const char* flag;
  std::string (*render)(const sim::Simulation&, sim::DeviceId);
  const char* holders;
};
constexpr TableKind kTables[] = {
    {"arp", arp_table_text, "hosts, routers, instances and NAT gateways"},
    {"mac-table", mac_table_text, "switches (and VPC subnets, e.g. prod/app)"},
    {"routes", routes_text, "hosts, routers, instances, NAT gateways and VPC routers (VPC:router)"},
    {"nat", nat_table_text, "hosts, routers, instances, NAT gateways and internet gateways"},
    {"leases", dhcp_leases_text, "DHCP servers and clients (docs/dhcp.md)"},
};

}  // namespace

int run_show(const Args& args) {
  po::options_description visible("options");
  visible.add_options()("help,h", "show this help")("arp", "the ARP cache, like ip neigh")(
      "mac-table", "a switch's MAC table, like bridge fdb")(
      "routes", "the routes, like ip route; for a VPC router its route tables, AWS style")(
      "nat", "NAT connections, like conntrack -L; for an internet gateway its 1:1 mappings")(
      "leases", "DHCP leases: a server's as dhcpd.leases, a client's as dhclient.leases")(
      "zones",
      "a DNS server's zones as zone-file lines, as it answers from them (VPC:dns, "
      "internet:dns, a node with <dns-server/>)")(
      "listeners",
      "a load balancer's listeners, rules in evaluation order and target groups "
      "(NODE: the load balancer's name or one of its nodes, LB/SUBNET)")(
      "after", po::value<std::vector<std::string>>()->composing()->value_name("PROBE"),
      "first run PROBE (repeatable, in order): \"ping FROM TO [-c N]\" (1 request unless -c), "
      "\"traceroute FROM TO [-I|-T]\", \"telnet FROM TO PORT\", \"ssh FROM TO [-J BASTION]\", "
      "\"curl FROM URL [-H 'Host: NAME'] [-L]\"; TO may be a DNS name, looked up first as FROM "
      "would");
  po::options_description hidden;
  hidden.add_options()("file", po::value<std::string>()->required(), "topology file")(
      "node", po::value<std::string>()->required(), "device");
  po::positional_options_description positional;
  positional.add("file", 1).add("node", 1);
  po::variables_map vm;
  if (!parse_command_line(
          args, visible, positional, hidden, vm,
          "vpcsim show FILE NODE --arp|--mac-table|--routes|--nat|--leases|--zones|--listeners "
          "[--after PROBE]...",
          "  vpcsim show scenarios/lan-switch/topology.xml sw1 --mac-table --after \"ping h1 h3\"\n"
          "  vpcsim show scenarios/lan-switch/topology.xml h1 --arp --after \"ping h1 h2\"\n"
          "  vpcsim show scenarios/lan-three-routers/topology.xml r1 --routes\n"
          "  vpcsim show scenarios/small-service/topology.xml prod:router --routes\n"
          "  vpcsim show scenarios/small-service/topology.xml nat --nat --after \"ping app "
          "client\"\n"
          "  vpcsim show scenarios/small-service/topology.xml igw --nat\n"
          "  vpcsim show scenarios/lan-dhcp/topology.xml r1 --leases\n"
          "  vpcsim show scenarios/dns-split-horizon/topology.xml prod:dns --zones\n"
          "  vpcsim show scenarios/alb-wildcard/topology.xml web-alb --listeners\n"
          "  vpcsim show scenarios/alb-wildcard/topology.xml client --arp "
          "--after \"curl client https://api.example.net/\"\n")) {
    return kOk;
  }
  bool any = false;
  for (const TableKind& t : kTables) any = any || vm.count(t.flag);
  const bool device_tables = any;
  any = any || vm.count("zones") || vm.count("listeners");
  if (!any) {
    throw UsageError(
        "say which table: --arp, --mac-table, --routes, --nat, --leases, --zones or --listeners");
  }
  std::vector<ProbeLine> probes;
  if (vm.count("after")) {
    for (const std::string& text : vm["after"].as<std::vector<std::string>>()) {
      probes.push_back(parse_probe_line(text, "--after"));
    }
  }

  LoadedTopology topology = load_topology(vm["file"].as<std::string>(), std::cerr);
  std::string node = vm["node"].as<std::string>();
  // Read from the topology, before its network moves into the simulation.
  std::optional<std::string> zones, listeners;
  if (vm.count("zones")) zones = zones_text(topology.spec, *topology.lowered, node);
  if (vm.count("listeners")) listeners = listeners_text(topology.spec, *topology.lowered, node);
  sim::Simulation sim(std::move(topology.lowered->network));
  sim::run_dhcp_exchanges(sim);  // the network as booted: hosts with ip="dhcp" hold their lease
  std::optional<sim::DeviceId> device = sim.network().find(node);
  // A load balancer's name is no device (its nodes are LB/SUBNET), yet has listeners.
  if (!device && (device_tables || !listeners)) {
    if (std::string nodes = load_balancer_nodes(topology.spec, node); !nodes.empty()) {
      throw UsageError(node + " is a load balancer: its tables are on its nodes, " + nodes);
    }
    throw UsageError("unknown device '" + node + "' (" + device_names(sim.network()) + ")");
  }
  if (vm.count("zones") && !zones) {
    throw UsageError(node +
                     " has no table for --zones; that table is on DNS servers: VPC:dns, "
                     "internet:dns and nodes with <dns-server/>");
  }
  if (vm.count("listeners") && !listeners) {
    throw UsageError(node +
                     " has no table for --listeners; that table is on load balancers "
                     "(their name, or LB/SUBNET)");
  }
  // Every table asked for must exist before anything runs: a wrong flag is bad usage.
  for (const TableKind& t : kTables) {
    if (vm.count(t.flag) && device && t.render(sim, *device).empty()) {
      throw UsageError(node + " (" +
                       std::string(sim::kind_name(sim.network().device(*device).kind())) +
                       ") has no table for --" + t.flag + "; that table is on " + t.holders);
    }
  }
  for (const ProbeLine& p : probes) {
    ProbeLineOutcome outcome = run_probe_line(sim, topology.spec, *topology.lowered, p);
    std::cout << "after " << outcome.caption << "\n";
  }
  if (!probes.empty()) std::cout << "\n";
  bool first = true;
  for (const TableKind& t : kTables) {
    if (!vm.count(t.flag)) continue;
    std::cout << (first ? "" : "\n") << t.render(sim, *device);
    first = false;
  }
  for (const std::optional<std::string>* text : {&zones, &listeners}) {
    if (!*text) continue;
    std::cout << (first ? "" : "\n") << **text;
    first = false;
  }
  return kOk;
}

}  // namespace vpcsim::cli
