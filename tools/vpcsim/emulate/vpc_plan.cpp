#include "tools/vpcsim/emulate/vpc_plan.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

namespace vpcsim::emulate {
namespace {

using topo::Protocol;
using topo::VpcSpec;

// Kernel route table ids in a VPC router: the route tables in document order
// from 100 (the implicit main one last), and one for traffic that enters from
// an IGW or a peering, which may only be delivered inside the VPC.
constexpr int kFirstTable = 100;
constexpr int kIngressTable = 99;
// The internet core's side of every internet host's link.
const char* const kCoreHostGateway = "169.254.0.1";

sim::Ipv4Addr router_ip(const sim::Prefix& subnet) { return {subnet.addr.v + 1}; }

std::string router_node(const VpcSpec& vpc) { return vpc.name + ":router"; }
const char* const kCoreNode = "internet:core";

// iptables arguments matching a protocol and (for tcp/udp) a destination port range.
std::vector<std::string> match_protocol(Protocol p, topo::PortRange ports) {
  switch (p) {
    case Protocol::All:
      return {};
    case Protocol::Icmp:
      return {"-p", "icmp"};
    case Protocol::Tcp:
    case Protocol::Udp:
      break;
  }
  std::vector<std::string> args{"-p", p == Protocol::Tcp ? "tcp" : "udp"};
  if (ports.lo != 0 || ports.hi != 65535) {
    args.insert(args.end(), {"--dport", ports.lo == ports.hi ? std::to_string(ports.lo)
                                                             : std::to_string(ports.lo) + ":" +
                                                                   std::to_string(ports.hi)});
  }
  return args;
}

std::vector<std::string> concat(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

class AwsPlanner {
 public:
  AwsPlanner(PlanBuilder& plan, const topo::TopologySpec& t) : plan_(plan), topo_(t) {}

  void run() {
    bool any_igw = std::any_of(topo_.vpcs.begin(), topo_.vpcs.end(),
                               [](const VpcSpec& v) { return v.internet_gateway.has_value(); });
    if (topo_.internet || any_igw) add_internet();
    for (const VpcSpec& vpc : topo_.vpcs) add_router(vpc);
    for (const topo::PeeringSpec& p : topo_.peerings) add_peering(p);
    for (const VpcSpec& vpc : topo_.vpcs) add_vpc(vpc);
  }

 private:
  struct VpcInfo {
    std::string router_ns;
    std::map<std::string, std::string> bridges;     // subnet -> bridge in router_ns
    std::map<std::string, std::string> gateway_if;  // IGW / peering name -> interface in router_ns
    std::map<std::string, sim::Ipv4Addr> gateway_next_hop;  // IGW / peering name -> far end
    unsigned ports = 0;
  };

  // ---- the internet ----

  void add_internet() {
    core_ns_ = plan_.add_namespace(kCoreNode, "the internet core", true);
    transparent(core_ns_, "the internet core");
    // Unowned and private (RFC 1918) destinations are dropped silently.
    plan_.ip(core_ns_, {"route", "add", "blackhole", "default"},
             "the internet drops what no host or IGW owns, private addresses included");
    if (!topo_.internet) return;
    for (const topo::InternetHostSpec& h : topo_.internet->hosts) {
      const std::string& ns = plan_.add_namespace(h.name, "internet host " + h.name, false);
      std::string core_if = plan_.interface_name(core_ns_, h.name, "h");
      plan_.veth(VethEnd{ns, plan_.interface_name(ns, "eth0", "eth"), derived_mac(h.name, "eth0")},
                 VethEnd{core_ns_, core_if, derived_mac(kCoreNode, h.name)},
                 "internet host " + h.name + " - internet core");
      plan_.ip(ns, {"addr", "add", h.ip.str() + "/32", "dev", "eth0"},
               "public address of " + h.name);
      plan_.ip(ns, {"link", "set", "eth0", "up"}, h.name + ":eth0 up");
      // Its link to the core runs between two IP interfaces and has no cable:
      // the host can be switched off, its link cannot fail on its own.
      FaultModel& faults = plan_.faults();
      faults.devices[h.name] = h.down;
      faults.interfaces.push_back({ns, "eth0", {}, {h.name}});
      faults.link_by_end[{h.name, "eth0"}] = faults.links.size();
      faults.links.push_back({h.name + ":eth0 - internet core", false, false});
      plan_.ip(core_ns_, {"addr", "add", std::string(kCoreHostGateway) + "/32", "dev", core_if},
               "the core's gateway address towards " + h.name);
      plan_.ip(core_ns_, {"link", "set", core_if, "up"}, "core port of " + h.name);
      plan_.ip(core_ns_, {"route", "add", h.ip.str() + "/32", "dev", core_if},
               h.ip.str() + " is internet host " + h.name);
      plan_.ip(ns, {"route", "add", std::string(kCoreHostGateway) + "/32", "dev", "eth0"},
               h.name + " reaches the core on its link");
      plan_.ip(ns, {"route", "add", "default", "via", kCoreHostGateway, "dev", "eth0"},
               "the internet is the core's job");
      for (const topo::ListenSpec& l : h.listens) plan_.listen(h.name, l);
    }
  }

  // A device of AWS's fabric: it forwards without decrementing the TTL (the
  // mangle table adds back the one forwarding takes: PREROUTING runs before the
  // kernel's TTL check) and never answers with an ICMP error of its own.
  void transparent(const std::string& ns, const std::string& what) {
    plan_.iptables(ns, {"-t", "mangle", "-A", "PREROUTING", "-j", "TTL", "--ttl-inc", "1"},
                   what + " is transparent: no TTL decrement");
    plan_.iptables(ns, {"-A", "OUTPUT", "-p", "icmp", "-j", "DROP"},
                   what + " is transparent: sends no ICMP errors");
  }

  // ---- VPC routers and peerings ----

  void add_router(const VpcSpec& vpc) {
    VpcInfo& info = vpcs_[vpc.name];
    info.router_ns = plan_.add_namespace(router_node(vpc), "the VPC router of " + vpc.name, true);
    const std::string& ns = info.router_ns;
    transparent(ns, "the VPC router of " + vpc.name);
    plan_.sysctl(ns, {"net.bridge.bridge-nf-call-iptables=0"},
                 "traffic inside a subnet is bridged: no NACL (as in AWS)");
    for (const topo::SubnetSpec& s : vpc.subnets) {
      std::string br = plan_.interface_name(ns, "br-" + s.name, "br");
      info.bridges[s.name] = br;
      plan_.ip(ns,
               {"link", "add", br, "address", mac_text(derived_mac(router_node(vpc), s.name)),
                "type", "bridge"},
               "subnet " + s.name + " (" + s.cidr.str() + "): a bridge");
      plan_.ip(
          ns,
          {"addr", "add", router_ip(s.cidr).str() + "/" + std::to_string(s.cidr.len), "dev", br},
          "the VPC router's address in subnet " + s.name);
      plan_.ip(ns, {"link", "set", br, "up"}, "subnet " + s.name + " up");
    }
  }

  void add_peering(const topo::PeeringSpec& p) {
    VpcInfo& a = vpcs_.at(p.a);
    VpcInfo& b = vpcs_.at(p.b);
    TransitLink link = plan_.next_transit();
    std::string a_if = plan_.interface_name(a.router_ns, p.name, "pcx");
    std::string b_if = plan_.interface_name(b.router_ns, p.name, "pcx");
    plan_.veth(VethEnd{a.router_ns, a_if, derived_mac(p.a + ":router", p.name)},
               VethEnd{b.router_ns, b_if, derived_mac(p.b + ":router", p.name)},
               "peering " + p.name + " between VPCs " + p.a + " and " + p.b);
    point_to_point(a.router_ns, a_if, link.a, link);
    point_to_point(b.router_ns, b_if, link.b, link);
    a.gateway_if[p.name] = a_if;
    a.gateway_next_hop[p.name] = link.b;
    b.gateway_if[p.name] = b_if;
    b.gateway_next_hop[p.name] = link.a;
  }

  void point_to_point(const std::string& ns, const std::string& dev, sim::Ipv4Addr ip,
                      const TransitLink& link) {
    plan_.ip(ns, {"addr", "add", ip.str() + "/30", "dev", dev},
             "transit address (" + link.subnet.str() + ", never seen by probes)");
    plan_.ip(ns, {"link", "set", dev, "up"}, dev + " up");
  }

  // ---- one VPC ----

  void add_vpc(const VpcSpec& vpc) {
    VpcInfo& info = vpcs_.at(vpc.name);
    if (vpc.internet_gateway) add_igw(vpc, info);
    for (const topo::NatGatewaySpec& n : vpc.nat_gateways) add_nat_gateway(vpc, info, n);
    for (const topo::InstanceSpec& i : vpc.instances) add_instance(vpc, info, i);
    add_route_tables(vpc, info);
    add_nacls(vpc, info);
  }

  // The 1:1 mappings of the IGW: (private, public) of each instance with a
  // public IP and each NAT gateway.
  static std::vector<std::pair<sim::Ipv4Addr, sim::Ipv4Addr>> public_mappings(const VpcSpec& vpc) {
    std::vector<std::pair<sim::Ipv4Addr, sim::Ipv4Addr>> out;
    for (const topo::NatGatewaySpec& n : vpc.nat_gateways) out.emplace_back(n.ip, n.elastic_ip);
    for (const topo::InstanceSpec& i : vpc.instances) {
      if (i.elastic_ip) out.emplace_back(i.ip, *i.elastic_ip);
    }
    return out;
  }

  void add_igw(const VpcSpec& vpc, VpcInfo& info) {
    const std::string& name = vpc.internet_gateway->name;
    const std::string& ns =
        plan_.add_namespace(name, "internet gateway " + name + " of " + vpc.name, true);
    transparent(ns, "internet gateway " + name);
    // VPC side.
    TransitLink inner = plan_.next_transit();
    std::string router_if = plan_.interface_name(info.router_ns, name, "igw");
    plan_.veth(VethEnd{ns, plan_.interface_name(ns, "vpc", "vpc"), derived_mac(name, "vpc")},
               VethEnd{info.router_ns, router_if, derived_mac(router_node(vpc), name)},
               "internet gateway " + name + " - VPC router of " + vpc.name);
    point_to_point(ns, "vpc", inner.a, inner);
    point_to_point(info.router_ns, router_if, inner.b, inner);
    info.gateway_if[name] = router_if;
    info.gateway_next_hop[name] = inner.a;
    // Internet side.
    TransitLink outer = plan_.next_transit();
    std::string core_if = plan_.interface_name(core_ns_, name, "igw");
    plan_.veth(VethEnd{ns, plan_.interface_name(ns, "inet", "inet"), derived_mac(name, "internet")},
               VethEnd{core_ns_, core_if, derived_mac(kCoreNode, name)},
               "internet gateway " + name + " - internet core");
    point_to_point(ns, "inet", outer.a, outer);
    point_to_point(core_ns_, core_if, outer.b, outer);
    plan_.ip(ns, {"route", "add", vpc.cidr.str(), "via", inner.b.str(), "dev", "vpc"},
             "VPC " + vpc.name + " is behind the VPC router");
    plan_.ip(ns, {"route", "add", "default", "via", outer.b.str(), "dev", "inet"},
             "everything else is the internet");
    // 1:1 NAT and the addresses the core sends to this IGW.
    for (const auto& [priv, pub] : public_mappings(vpc)) {
      std::string pair = priv.str() + " <-> " + pub.str();
      plan_.iptables(ns,
                     {"-t", "nat", "-A", "PREROUTING", "-i", "inet", "-d", pub.str(), "-j", "DNAT",
                      "--to-destination", priv.str()},
                     "1:1 NAT " + pair + " (inbound)");
      plan_.iptables(ns,
                     {"-t", "nat", "-A", "POSTROUTING", "-o", "inet", "-s", priv.str(), "-j",
                      "SNAT", "--to-source", pub.str()},
                     "1:1 NAT " + pair + " (outbound)");
      plan_.iptables(ns,
                     {"-A", "FORWARD", "-i", "vpc", "-o", "inet", "-s", priv.str(), "-j", "ACCEPT"},
                     priv.str() + " has the public IP " + pub.str());
      plan_.iptables(ns,
                     {"-A", "FORWARD", "-i", "inet", "-o", "vpc", "-d", priv.str(), "-j", "ACCEPT"},
                     pub.str() + " is " + priv.str() + " inside");
      plan_.ip(core_ns_, {"route", "add", pub.str() + "/32", "via", outer.a.str(), "dev", core_if},
               pub.str() + " is owned by internet gateway " + name);
    }
    plan_.iptables(ns, {"-A", "FORWARD", "-j", "DROP"},
                   "no public IP: nothing else crosses internet gateway " + name);
  }

  // Plugs `node`'s eth0 into its subnet's bridge in the VPC router.
  void attach(const VpcSpec& vpc, VpcInfo& info, const std::string& node, const std::string& subnet,
              sim::MacAddr mac, sim::Ipv4Addr ip, uint8_t len, bool down) {
    FaultModel& faults = plan_.faults();
    const size_t link = faults.links.size();
    faults.links.push_back({node + ":eth0 - subnet " + subnet + " of " + vpc.name, false, true});
    faults.link_by_end[{node, "eth0"}] = link;
    faults.devices[node] = down;
    const std::string& ns = plan_.netns(node);
    std::string port = plan_.interface_name(info.router_ns, "v-" + node, "v");
    plan_.veth(VethEnd{ns, plan_.interface_name(ns, "eth0", "eth"), mac},
               VethEnd{info.router_ns, port, std::nullopt},
               node + ":eth0 - subnet " + subnet + " of " + vpc.name);
    plan_.ip(info.router_ns, {"link", "set", port, "master", info.bridges.at(subnet)},
             "port of " + node + " in subnet " + subnet);
    plan_.ip(info.router_ns, {"link", "set", port, "up"}, "port of " + node + " up");
    // The bridge port cuts the link (it holds no address); eth0 goes with the node.
    faults.interfaces.push_back({info.router_ns, port, {link}, {}});
    // The model's VPC router knows every address's MAC (AWS's mapping service).
    plan_.ip(info.router_ns,
             {"neigh", "add", ip.str(), "lladdr", mac_text(mac), "dev", info.bridges.at(subnet),
              "nud", "permanent"},
             "the VPC router knows " + node + "'s MAC");
    plan_.ip(ns, {"addr", "add", ip.str() + "/" + std::to_string(len), "dev", "eth0"},
             "private address of " + node);
    plan_.ip(ns, {"link", "set", "eth0", "up"}, node + ":eth0 up");
    faults.interfaces.push_back({ns, "eth0", {}, {node}});
  }

  static const topo::SubnetSpec& subnet_of(const VpcSpec& vpc, const std::string& name) {
    for (const topo::SubnetSpec& s : vpc.subnets) {
      if (s.name == name) return s;
    }
    throw std::logic_error("no subnet " + name + " in " + vpc.name + " (not validated?)");
  }

  void add_nat_gateway(const VpcSpec& vpc, VpcInfo& info, const topo::NatGatewaySpec& n) {
    const topo::SubnetSpec& s = subnet_of(vpc, n.subnet);
    const std::string& ns = plan_.add_namespace(n.name, "NAT gateway " + n.name, true);
    attach(vpc, info, n.name, n.subnet, derived_mac(n.name, "eth0"), n.ip, s.cidr.len, n.down);
    plan_.ip(ns, {"route", "add", "default", "via", router_ip(s.cidr).str(), "dev", "eth0"},
             "default gateway (VPC router) of " + n.name);
    // AWS hands out ports from 1024; Linux keeps the source port when free (docs/emulate.md).
    for (const char* proto : {"tcp", "udp"}) {
      plan_.iptables(
          ns,
          {"-t", "nat", "-A", "POSTROUTING", "-o", "eth0", "-p", proto, "!", "-s", n.ip.str(), "-j",
           "MASQUERADE", "--to-ports", "1024-65535"},
          std::string("NAT gateway ") + n.name + " translates " + proto + " (ports 1024-65535)");
    }
    plan_.iptables(
        ns,
        {"-t", "nat", "-A", "POSTROUTING", "-o", "eth0", "!", "-s", n.ip.str(), "-j", "MASQUERADE"},
        "NAT gateway " + n.name + " translates the rest (ICMP)");
    plan_.iptables(
        ns, {"-A", "INPUT", "-m", "conntrack", "--ctstate", "ESTABLISHED,RELATED", "-j", "ACCEPT"},
        "replies to translated connections");
    plan_.iptables(ns, {"-A", "INPUT", "-j", "DROP"},
                   "unsolicited traffic to NAT gateway " + n.name + " is dropped (no mapping)");
  }

  void add_instance(const VpcSpec& vpc, VpcInfo& info, const topo::InstanceSpec& i) {
    const topo::SubnetSpec& s = subnet_of(vpc, i.subnet);
    bool forwards = !i.source_dest_check || !i.masquerades.empty();
    const std::string& ns = plan_.add_namespace(
        i.name, "instance " + i.name + (forwards ? " (forwards: source/dest check off)" : ""),
        forwards);
    attach(vpc, info, i.name, i.subnet, i.mac.value_or(derived_mac(i.name, "eth0")), i.ip,
           s.cidr.len, i.down);
    plan_.ip(ns, {"route", "add", "default", "via", router_ip(s.cidr).str(), "dev", "eth0"},
             "default gateway (VPC router) of " + i.name);
    add_security_groups(vpc, i);
    for (const topo::MasqueradeSpec& m : i.masquerades) {
      std::vector<std::string> args{"-t", "nat", "-A", "POSTROUTING", "-o", "eth0"};
      if (m.source) args.insert(args.end(), {"-s", m.source->str()});
      args.insert(args.end(), {"-j", "MASQUERADE"});
      plan_.iptables(ns, std::move(args), "masquerade of " + i.name + " (" + m.loc.str() + ")");
    }
    for (const topo::PortForwardSpec& f : i.port_forwards) {
      plan_.iptables(ns, port_forward_rule(f),
                     "port forward of " + i.name + " (" + f.loc.str() + ")");
    }
    for (const topo::ListenSpec& l : i.listens) plan_.listen(i.name, l);
  }

  // ---- security groups ----

  // Private /32s of each group's members; instances naming no group are in "default".
  static std::map<std::string, std::vector<std::string>> group_members(const VpcSpec& vpc) {
    std::map<std::string, std::vector<std::string>> members;
    for (const topo::InstanceSpec& i : vpc.instances) {
      std::vector<std::string> groups = i.security_groups;
      if (groups.empty()) groups.push_back("default");
      for (const std::string& g : groups) members[g].push_back(i.ip.str() + "/32");
    }
    return members;
  }

  // Two chains, sg-in and sg-out, that RETURN what the instance's groups allow and
  // DROP the rest: INPUT runs sg-in, OUTPUT sg-out, and FORWARD (a NAT instance)
  // both, as the model judges a forwarded packet inbound and then outbound.
  // Tracked flows' packets and related ICMP errors pass first (stateful).
  void add_security_groups(const VpcSpec& vpc, const topo::InstanceSpec& i) {
    const std::string& ns = plan_.netns(i.name);
    std::map<std::string, std::vector<std::string>> members = group_members(vpc);
    std::vector<std::string> groups = i.security_groups;
    if (groups.empty()) groups.push_back("default");
    for (const char* chain : {"sg-in", "sg-out"}) {
      plan_.iptables(ns, {"-N", chain},
                     std::string("security groups of ") + i.name + ", " +
                         (chain[3] == 'i' ? "inbound" : "outbound"));
      plan_.iptables(
          ns, {"-A", chain, "-m", "conntrack", "--ctstate", "ESTABLISHED,RELATED", "-j", "RETURN"},
          "stateful: tracked flows and their ICMP errors pass");
    }
    for (const std::string& name : groups) {
      auto spec = std::find_if(vpc.security_groups.begin(), vpc.security_groups.end(),
                               [&](const topo::SecurityGroupSpec& g) { return g.name == name; });
      if (spec == vpc.security_groups.end()) {
        // AWS's default group: members may talk to each other; all outbound.
        for (const std::string& m : members["default"]) {
          plan_.iptables(ns, {"-A", "sg-in", "-s", m, "-j", "RETURN"},
                         "group default: all from member " + m);
        }
        plan_.iptables(ns, {"-A", "sg-out", "-j", "RETURN"}, "group default: all outbound");
        continue;
      }
      add_group_rules(ns, *spec, members);
    }
    plan_.iptables(ns, {"-A", "sg-in", "-j", "DROP"}, "no group of " + i.name + " allows it");
    plan_.iptables(ns, {"-A", "sg-out", "-j", "DROP"}, "no group of " + i.name + " allows it");
    plan_.iptables(ns, {"-A", "INPUT", "-i", "lo", "-j", "ACCEPT"}, "loopback is not filtered");
    plan_.iptables(ns, {"-A", "INPUT", "-j", "sg-in"}, "inbound: security groups");
    plan_.iptables(ns, {"-A", "OUTPUT", "-o", "lo", "-j", "ACCEPT"}, "loopback is not filtered");
    plan_.iptables(ns, {"-A", "OUTPUT", "-j", "sg-out"}, "outbound: security groups");
    plan_.iptables(ns, {"-A", "FORWARD", "-j", "sg-in"}, "forwarded: inbound on arrival");
    plan_.iptables(ns, {"-A", "FORWARD", "-j", "sg-out"}, "forwarded: outbound on departure");
  }

  void add_group_rules(const std::string& ns, const topo::SecurityGroupSpec& g,
                       std::map<std::string, std::vector<std::string>>& members) {
    bool lists_outbound = false;
    for (const topo::SgRuleSpec& r : g.rules) {
      lists_outbound = lists_outbound || !r.inbound;
      const char* chain = r.inbound ? "sg-in" : "sg-out";
      const char* peer_flag = r.inbound ? "-s" : "-d";
      std::vector<std::string> peers;
      if (r.cidr) {
        peers.push_back(r.cidr->str());
      } else {
        peers = members[r.group];  // source-group: its members' addresses, as the model expands it
      }
      std::string why = "group " + g.name + " (" + r.loc.str() + ")";
      for (const std::string& peer : peers) {
        std::vector<std::string> args{"-A", chain};
        if (peer != "0.0.0.0/0") args.insert(args.end(), {peer_flag, peer});
        args = concat(std::move(args), match_protocol(r.protocol, r.ports));
        args.insert(args.end(), {"-j", "RETURN"});
        plan_.iptables(ns, std::move(args), why);
      }
    }
    if (!lists_outbound && g.default_outbound) {
      plan_.iptables(ns, {"-A", "sg-out", "-j", "RETURN"},
                     "group " + g.name + ": AWS's default rule, all outbound");
    }
  }

  // ---- route tables ----

  static std::string main_table(const VpcSpec& vpc) {
    for (const topo::RouteTableSpec& t : vpc.route_tables) {
      if (t.main) return t.name;
    }
    return "";  // the implicit main table: local routes only
  }

  // Routes every table shares: the local route, as one route per subnet bridge
  // (the rest of the VPC CIDR has no subnet: dropped).
  void add_local_routes(const VpcSpec& vpc, const VpcInfo& info, int table,
                        const std::string& label) {
    std::string id = std::to_string(table);
    for (const topo::SubnetSpec& s : vpc.subnets) {
      plan_.ip(info.router_ns,
               {"route", "add", s.cidr.str(), "dev", info.bridges.at(s.name), "table", id},
               label + ": local (subnet " + s.name + ")");
    }
    plan_.ip(info.router_ns, {"route", "add", "blackhole", vpc.cidr.str(), "table", id},
             label + ": local, no subnet there");
  }

  void add_route_tables(const VpcSpec& vpc, const VpcInfo& info) {
    const std::string& ns = info.router_ns;
    std::map<std::string, int> table_ids;
    std::vector<const topo::RouteTableSpec*> tables;
    for (const topo::RouteTableSpec& t : vpc.route_tables) tables.push_back(&t);
    topo::RouteTableSpec implicit_main;
    implicit_main.name = "main (implicit)";
    std::string main = main_table(vpc);
    if (main.empty()) tables.push_back(&implicit_main);
    for (size_t k = 0; k < tables.size(); ++k) {
      const topo::RouteTableSpec& t = *tables[k];
      int id = kFirstTable + int(k);
      table_ids[t.name] = id;
      std::string label = "route table " + t.name + " (kernel table " + std::to_string(id) + ")";
      add_local_routes(vpc, info, id, label);
      bool has_default = false;
      for (const topo::VpcRouteSpec& r : t.routes) {
        has_default = has_default || r.destination.len == 0;
        add_vpc_route(vpc, info, id, label, r);
      }
      // No route: dropped silently by the VPC router, never looked up elsewhere.
      if (!has_default) {
        plan_.ip(ns, {"route", "add", "blackhole", "default", "table", std::to_string(id)},
                 label + ": no route, dropped");
      }
    }
    for (const topo::SubnetSpec& s : vpc.subnets) {
      std::string t = !s.route_table.empty() ? s.route_table
                      : !main.empty()        ? main
                                             : implicit_main.name;
      plan_.ip(ns,
               {"rule", "add", "iif", info.bridges.at(s.name), "table",
                std::to_string(table_ids.at(t)), "pref", std::to_string(table_ids.at(t))},
               "subnet " + s.name + " uses route table " + t);
    }
    // What comes in from an IGW or a peering is delivered inside the VPC only:
    // nothing goes on to another peering or gateway (peering is not transitive).
    if (info.gateway_if.empty()) return;
    add_local_routes(vpc, info, kIngressTable, "from gateways (kernel table 99)");
    plan_.ip(ns, {"route", "add", "blackhole", "default", "table", std::to_string(kIngressTable)},
             "from gateways: never out again (not transitive)");
    for (const auto& [name, dev] : info.gateway_if) {
      plan_.ip(ns,
               {"rule", "add", "iif", dev, "table", std::to_string(kIngressTable), "pref",
                std::to_string(kIngressTable)},
               "traffic from " + name + " is for this VPC only");
    }
  }

  void add_vpc_route(const VpcSpec& vpc, const VpcInfo& info, int id, const std::string& label,
                     const topo::VpcRouteSpec& r) {
    const std::string& ns = info.router_ns;
    std::string table = std::to_string(id);
    std::string dst = r.destination.str();
    std::string why = label + ": " + dst + " -> " + r.target + " (" + r.loc.str() + ")";
    if (r.target == "local") return;  // the local routes are there already
    if (r.target == "blackhole") {
      return plan_.ip(ns, {"route", "replace", "blackhole", dst, "table", table}, why);
    }
    if (auto it = info.gateway_if.find(r.target); it != info.gateway_if.end()) {
      // onlink: the next hop is the far end of a point-to-point link, whatever the table holds.
      return plan_.ip(ns,
                      {"route", "replace", dst, "via", info.gateway_next_hop.at(r.target).str(),
                       "dev", it->second, "onlink", "table", table},
                      why);
    }
    // An ENI target: a NAT gateway or an instance, reached on its subnet's bridge.
    for (const topo::NatGatewaySpec& n : vpc.nat_gateways) {
      if (n.name == r.target) return eni_route(info, table, dst, n.ip, n.subnet, why);
    }
    for (const topo::InstanceSpec& i : vpc.instances) {
      if (i.name == r.target) return eni_route(info, table, dst, i.ip, i.subnet, why);
    }
  }

  void eni_route(const VpcInfo& info, const std::string& table, const std::string& dst,
                 sim::Ipv4Addr ip, const std::string& subnet, const std::string& why) {
    plan_.ip(
        info.router_ns,
        {"route", "replace", dst, "via", ip.str(), "dev", info.bridges.at(subnet), "table", table},
        why);
  }

  // ---- NACLs ----

  // One chain pair per NACL used by a subnet: nacl-N-in for traffic entering its
  // subnets (FORWARD -o bridge), nacl-N-out for traffic leaving them (-i bridge).
  // Rules in number order; allow RETURNs (the packet goes on), deny DROPs, and
  // the final implicit deny DROPs. Stateless: no conntrack match.
  void add_nacls(const VpcSpec& vpc, const VpcInfo& info) {
    const std::string& ns = info.router_ns;
    for (size_t k = 0; k < vpc.nacls.size(); ++k) {
      const topo::NaclSpec& acl = vpc.nacls[k];
      bool used = std::any_of(vpc.subnets.begin(), vpc.subnets.end(),
                              [&](const topo::SubnetSpec& s) { return s.nacl == acl.name; });
      if (!used) continue;
      std::string base = "nacl-" + std::to_string(k + 1);
      for (bool inbound : {true, false}) {
        std::string chain = base + (inbound ? "-in" : "-out");
        plan_.iptables(ns, {"-N", chain},
                       "NACL " + acl.name + ", " + (inbound ? "inbound" : "outbound") + " rules");
        std::vector<const topo::NaclRuleSpec*> rules;
        for (const topo::NaclRuleSpec& r : acl.rules) {
          if (r.inbound == inbound) rules.push_back(&r);
        }
        std::stable_sort(rules.begin(), rules.end(),
                         [](auto* x, auto* y) { return x->number < y->number; });
        for (const topo::NaclRuleSpec* r : rules) {
          std::vector<std::string> args{"-A", chain};
          if (r->cidr.len != 0) args.insert(args.end(), {inbound ? "-s" : "-d", r->cidr.str()});
          args = concat(std::move(args), match_protocol(r->protocol, r->ports));
          args.insert(args.end(), {"-j", r->allow ? "RETURN" : "DROP"});
          plan_.iptables(ns, std::move(args),
                         "NACL " + acl.name + " rule " + std::to_string(r->number) + " (" +
                             r->loc.str() + ")");
        }
        plan_.iptables(ns, {"-A", chain, "-j", "DROP"}, "NACL " + acl.name + ": implicit deny");
      }
    }
    for (const topo::SubnetSpec& s : vpc.subnets) {
      if (s.nacl.empty()) continue;  // the default NACL allows everything
      size_t k = 0;
      while (k < vpc.nacls.size() && vpc.nacls[k].name != s.nacl) ++k;
      if (k == vpc.nacls.size()) continue;  // validate() reports it
      std::string base = "nacl-" + std::to_string(k + 1);
      const std::string& br = info.bridges.at(s.name);
      plan_.iptables(ns, {"-A", "FORWARD", "-i", br, "-j", base + "-out"},
                     "leaving subnet " + s.name + ": NACL " + s.nacl + " outbound");
      plan_.iptables(ns, {"-A", "FORWARD", "-o", br, "-j", base + "-in"},
                     "entering subnet " + s.name + ": NACL " + s.nacl + " inbound");
    }
  }

  PlanBuilder& plan_;
  const topo::TopologySpec& topo_;
  std::string core_ns_;
  std::map<std::string, VpcInfo> vpcs_;
};

}  // namespace

void plan_aws(PlanBuilder& plan, const topo::TopologySpec& topology) {
  AwsPlanner(plan, topology).run();
}

}  // namespace vpcsim::emulate
